import type { Selectable } from 'kysely';
import type { z } from 'zod';
import type { phoneNumberInput } from '../../shared/crm/schemas';
import type { PhoneNumber } from '../../shared/crm/types';
import { AppError } from '../../shared/errors';
import { newId } from '../db/ids';
import { stamps } from '../db/instants';
import type { PhoneNumberTable } from '../db/schema';
import type { CrmDeps, TeamScope } from './context';

type PhoneNumberInput = z.output<typeof phoneNumberInput>;

function toPhoneNumber({ providerConfig: _secrets, ...row }: Selectable<PhoneNumberTable>): PhoneNumber {
  return { ...row, ...stamps(row) };
}

export function createPhoneNumberService({ db, now }: CrmDeps) {
  async function get(team: TeamScope, id: string): Promise<PhoneNumber> {
    const row = await db
      .selectFrom('phoneNumbers')
      .selectAll()
      .where('id', '=', id)
      .where('teamId', '=', team.teamId)
      .executeTakeFirst();
    if (!row) throw AppError.notFound('Phone number', id);
    return toPhoneNumber(row);
  }

  async function check(team: TeamScope, input: Partial<PhoneNumberInput>, selfId?: string): Promise<void> {
    const fields: Record<string, string> = {};
    if (input.assistantId) {
      const assistant = await db
        .selectFrom('assistants')
        .select('id')
        .where('id', '=', input.assistantId)
        .where('teamId', '=', team.teamId)
        .executeTakeFirst();
      if (!assistant) fields.assistantId = `Assistant ${input.assistantId} does not exist`;
    }
    if (input.number) {
      const taken = await db
        .selectFrom('phoneNumbers')
        .select('id')
        .where('number', '=', input.number)
        .where('teamId', '=', team.teamId)
        .$if(selfId !== undefined, (q) => q.where('id', '!=', selfId!))
        .executeTakeFirst();
      if (taken) fields.number = `${input.number} is already added`;
    }
    if (Object.keys(fields).length) throw AppError.validation(fields);
  }

  return {
    get,

    async list(team: TeamScope, filter: { assistantId?: string } = {}): Promise<PhoneNumber[]> {
      let q = db.selectFrom('phoneNumbers').selectAll().where('teamId', '=', team.teamId);
      if (filter.assistantId) q = q.where('assistantId', '=', filter.assistantId);
      return (await q.orderBy('number').execute()).map(toPhoneNumber);
    },

    async create(team: TeamScope, input: PhoneNumberInput): Promise<PhoneNumber> {
      await check(team, input);
      const at = now();
      const id = newId('num');
      await db
        .insertInto('phoneNumbers')
        .values({ ...input, id, teamId: team.teamId, providerConfig: JSON.stringify(input.providerConfig), createdAt: at, updatedAt: at })
        .execute();
      return get(team, id);
    },

    async update(team: TeamScope, id: string, changes: Partial<PhoneNumberInput>): Promise<PhoneNumber> {
      await get(team, id);
      await check(team, changes, id);
      const { providerConfig, ...rest } = changes;
      await db
        .updateTable('phoneNumbers')
        .set({
          ...rest,
          ...(providerConfig ? { providerConfig: JSON.stringify(providerConfig) } : {}),
          updatedAt: now(),
        })
        .where('id', '=', id)
        .where('teamId', '=', team.teamId)
        .execute();
      return get(team, id);
    },
  };
}

export type PhoneNumberService = ReturnType<typeof createPhoneNumberService>;
