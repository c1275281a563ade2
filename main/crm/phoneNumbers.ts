import type { Selectable } from 'kysely';
import type { z } from 'zod';
import type { phoneNumberInput } from '../../shared/crm/schemas';
import type { PhoneNumber } from '../../shared/crm/types';
import { AppError } from '../../shared/errors';
import { SIP_PROVIDER } from '../../shared/telephony/trunk';
import { newId } from '../platform/ids';
import { stamps } from '../db/instants';
import type { PhoneNumberTable } from '../db/schema';
import { NO_PROVIDER_CONFIG } from '../db/sealedSecrets';
import type { SecretSealer } from '../platform/secrets';
import { announcerOf, type CrmDeps, type TeamScope } from './context';

type PhoneNumberInput = z.output<typeof phoneNumberInput>;
/** A create may leave the trunk out (none). */
type NewPhoneNumber = Omit<PhoneNumberInput, 'trunkId'> & Partial<Pick<PhoneNumberInput, 'trunkId'>>;

function toPhoneNumber({ providerConfig: _secrets, ...row }: Selectable<PhoneNumberTable>): PhoneNumber {
  return { ...row, ...stamps(row) };
}

export function createPhoneNumberService({ db, now, events, sealer }: CrmDeps & { sealer: SecretSealer }) {
  const changed = announcerOf(events, 'phoneNumber');
  /** Provider settings may hold credentials: stored sealed (no settings: nothing to seal). */
  const storedConfig = (config: Record<string, unknown>) => {
    const json = JSON.stringify(config);
    return json === NO_PROVIDER_CONFIG ? json : sealer.seal(json);
  };

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

  async function exists(table: 'assistants' | 'sipTrunks', team: TeamScope, id: string): Promise<boolean> {
    const row = await db.selectFrom(table).select('id').where('id', '=', id).where('teamId', '=', team.teamId).executeTakeFirst();
    return row !== undefined;
  }

  /** Checks references and uniqueness; `current` is the number being updated, whose values fill in what `input` leaves out. */
  async function check(team: TeamScope, input: Partial<PhoneNumberInput>, current?: PhoneNumber): Promise<void> {
    const fields: Record<string, string> = {};
    if (input.assistantId && !(await exists('assistants', team, input.assistantId))) fields.assistantId = `Assistant ${input.assistantId} does not exist`;
    if (input.number) {
      const taken = await db
        .selectFrom('phoneNumbers')
        .select('id')
        .where('number', '=', input.number)
        .where('teamId', '=', team.teamId)
        .$if(current !== undefined, (q) => q.where('id', '!=', current!.id))
        .executeTakeFirst();
      if (taken) fields.number = `${input.number} is already added`;
    }
    if (input.trunkId && !(await exists('sipTrunks', team, input.trunkId))) fields.trunkId = `SIP trunk ${input.trunkId} does not exist`;
    const provider = input.provider ?? current?.provider;
    const trunkId = input.trunkId === undefined ? current?.trunkId : input.trunkId;
    if (provider === SIP_PROVIDER && !trunkId) fields.trunkId = 'A SIP number needs a trunk';
    AppError.throwIfInvalid(fields);
  }

  return {
    get,

    async list(team: TeamScope, filter: { assistantId?: string } = {}): Promise<PhoneNumber[]> {
      let q = db.selectFrom('phoneNumbers').selectAll().where('teamId', '=', team.teamId);
      if (filter.assistantId) q = q.where('assistantId', '=', filter.assistantId);
      return (await q.orderBy('number').execute()).map(toPhoneNumber);
    },

    async create(team: TeamScope, input: NewPhoneNumber): Promise<PhoneNumber> {
      await check(team, input);
      const at = now();
      const id = newId('num');
      await db
        .insertInto('phoneNumbers')
        .values({ ...input, id, teamId: team.teamId, providerConfig: storedConfig(input.providerConfig), createdAt: at, updatedAt: at })
        .execute();
      return changed(await get(team, id));
    },

    async update(team: TeamScope, id: string, changes: Partial<PhoneNumberInput>): Promise<PhoneNumber> {
      await check(team, changes, await get(team, id));
      const { providerConfig, ...rest } = changes;
      await db
        .updateTable('phoneNumbers')
        .set({
          ...rest,
          ...(providerConfig ? { providerConfig: storedConfig(providerConfig) } : {}),
          updatedAt: now(),
        })
        .where('id', '=', id)
        .where('teamId', '=', team.teamId)
        .execute();
      return changed(await get(team, id));
    },
  };
}

export type PhoneNumberService = ReturnType<typeof createPhoneNumberService>;
