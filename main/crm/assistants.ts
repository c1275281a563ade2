import type { Selectable } from 'kysely';
import type { z } from 'zod';
import type { assistantInput } from '../../shared/crm/schemas';
import type { Assistant } from '../../shared/crm/types';
import { AppError } from '../../shared/errors';
import { newId } from '../db/ids';
import { stamps } from '../db/instants';
import type { AssistantTable } from '../db/schema';
import type { CrmDeps, TeamScope } from './context';

type AssistantInput = z.output<typeof assistantInput>;
type AssistantRow = Selectable<AssistantTable> & { activeNumbers: number };

function toAssistant({ activeNumbers, outboundEnabled, recordCalls, ...row }: AssistantRow): Assistant {
  return {
    ...row,
    ...stamps(row),
    recordCalls: recordCalls === 1,
    outboundEnabled: outboundEnabled === 1,
    outboundEligible: outboundEnabled === 1 && activeNumbers > 0,
  };
}

/** The media settings: a create may leave them out (no agent, no audio files, not recorded). */
type MediaField = 'agentUrl' | 'greetingAudio' | 'voicemailAudio' | 'recordCalls';
type NewAssistant = Omit<AssistantInput, MediaField> & Partial<Pick<AssistantInput, MediaField>>;

/** Fields as SQLite stores them: the flags as 0/1; a flag left out stays out (a patch keeps it). */
function toRow<T extends Partial<AssistantInput>>({ outboundEnabled, recordCalls, ...rest }: T) {
  return {
    ...rest,
    ...(outboundEnabled === undefined ? {} : { outboundEnabled: outboundEnabled ? 1 : 0 }),
    ...(recordCalls === undefined ? {} : { recordCalls: recordCalls ? 1 : 0 }),
  };
}

export function createAssistantService({ db, now }: CrmDeps) {
  const withNumbers = (team: TeamScope) =>
    db
      .selectFrom('assistants')
      .selectAll('assistants')
      .select((eb) =>
        eb
          .selectFrom('phoneNumbers')
          .whereRef('phoneNumbers.assistantId', '=', 'assistants.id')
          .where('phoneNumbers.status', '=', 'active')
          .select(eb.fn.countAll<number>().as('n'))
          .as('activeNumbers'),
      )
      .where('assistants.teamId', '=', team.teamId);

  async function get(team: TeamScope, id: string): Promise<Assistant> {
    const row = await withNumbers(team).where('assistants.id', '=', id).executeTakeFirst();
    if (!row) throw AppError.notFound('Assistant', id);
    return toAssistant(row as AssistantRow);
  }


  return {
    get,

    async list(team: TeamScope, filter: { outboundEligibleOnly?: boolean } = {}): Promise<Assistant[]> {
      const rows = await withNumbers(team).orderBy('assistants.name').execute();
      const all = rows.map((row) => toAssistant(row as AssistantRow));
      return filter.outboundEligibleOnly ? all.filter((a) => a.outboundEligible) : all;
    },

    async create(team: TeamScope, input: NewAssistant): Promise<Assistant> {
      const at = now();
      const id = newId('asst');
      await db
        .insertInto('assistants')
        .values({ ...toRow(input), outboundEnabled: input.outboundEnabled ? 1 : 0, id, teamId: team.teamId, createdAt: at, updatedAt: at })
        .execute();
      return get(team, id);
    },

    async update(team: TeamScope, id: string, changes: Partial<AssistantInput>): Promise<Assistant> {
      await get(team, id);
      await db
        .updateTable('assistants')
        .set({ ...toRow(changes), updatedAt: now() })
        .where('id', '=', id)
        .where('teamId', '=', team.teamId)
        .execute();
      return get(team, id);
    },
  };
}

export type AssistantService = ReturnType<typeof createAssistantService>;
