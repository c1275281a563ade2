import type { Selectable } from 'kysely';
import type { z } from 'zod';
import type { CollectField } from '../../shared/analysis/collect';
import { defaultEngine } from '../../shared/assistants/engines';
import type { assistantInput } from '../../shared/crm/schemas';
import type { PreviewContact } from '../../shared/assistants/preview';
import type { Assistant } from '../../shared/crm/types';
import { AppError } from '../../shared/errors';
import type { MediaInfo } from '../../shared/telephony/media';
import { newId } from '../platform/ids';
import { stamps } from '../db/instants';
import type { AssistantTable } from '../db/schema';
import type { MediaService } from '../telephony/mediaLibrary';
import { maskAgentUrl, unmaskAgentUrl } from './agentUrl';
import { announcerOf, type CrmDeps, type TeamScope } from './context';
import { readJson } from './json';

type AssistantInput = z.output<typeof assistantInput>;
type AssistantRow = Selectable<AssistantTable> & { activeNumbers: number };

function toAssistant(
  { activeNumbers, outboundEnabled, recordCalls, agentUrl, greetingMediaId, voicemailMediaId, legacyGreetingPath: _g, legacyVoicemailPath: _v, collect, ...row }: AssistantRow,
  media: Map<string, MediaInfo>,
): Assistant {
  return {
    ...row,
    ...stamps(row),
    // the stored URL, credentials and all, is for dialing only
    agentUrl: agentUrl === null ? null : maskAgentUrl(agentUrl),
    greetingAudio: (greetingMediaId && media.get(greetingMediaId)) || null,
    voicemailAudio: (voicemailMediaId && media.get(voicemailMediaId)) || null,
    recordCalls: recordCalls === 1,
    collect: readJson<CollectField[]>(collect, []),
    outboundEnabled: outboundEnabled === 1,
    outboundEligible: outboundEnabled === 1 && activeNumbers > 0,
  };
}

/** The media and engine settings: a create may leave them out (no agent, no audio, not recorded, the engine's defaults). */
type MediaField = 'collect' | 'successCriterion' | 'agentUrl' | 'greetingAudioId' | 'voicemailAudioId' | 'recordCalls' | 'realtimeModel' | 'realtimeVoice' | 'transferNumber' | 'maxCallMinutes';
type NewAssistant = Omit<AssistantInput, MediaField | 'greetingAudio' | 'voicemailAudio'> & Partial<Pick<AssistantInput, MediaField>>;

/** Fields as SQLite stores them: the flags as 0/1, audio by media id; a field left out stays out (a patch keeps it). */
function toRow<T extends Partial<AssistantInput>>({ outboundEnabled, recordCalls, greetingAudioId, voicemailAudioId, greetingAudio: _g, voicemailAudio: _v, collect, ...rest }: T) {
  return {
    ...rest,
    ...(collect === undefined ? {} : { collect: JSON.stringify(collect) }),
    ...(outboundEnabled === undefined ? {} : { outboundEnabled: outboundEnabled ? 1 : 0 }),
    ...(recordCalls === undefined ? {} : { recordCalls: recordCalls ? 1 : 0 }),
    ...(greetingAudioId === undefined ? {} : { greetingMediaId: greetingAudioId }),
    ...(voicemailAudioId === undefined ? {} : { voicemailMediaId: voicemailAudioId }),
  };
}

export function createAssistantService({ db, now, events, media }: CrmDeps & { media: MediaService }) {
  const changed = announcerOf(events, 'assistant');
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

  async function read(team: TeamScope, rows: AssistantRow[]): Promise<Assistant[]> {
    const known = await media.byIds(team, rows.flatMap((row) => [row.greetingMediaId, row.voicemailMediaId]));
    return rows.map((row) => toAssistant(row, known));
  }

  async function row(team: TeamScope, id: string): Promise<AssistantRow> {
    const found = await withNumbers(team).where('assistants.id', '=', id).executeTakeFirst();
    if (!found) throw AppError.notFound('Assistant', id);
    return found as AssistantRow;
  }

  async function get(team: TeamScope, id: string): Promise<Assistant> {
    return (await read(team, [await row(team, id)]))[0];
  }

  /** The audio named must be this team's uploads; the agent URL's masks are put back to the stored credentials. */
  async function checked<T extends Partial<AssistantInput>>(team: TeamScope, input: T, storedAgentUrl: string | null): Promise<T> {
    const fields: Record<string, string> = {};
    const known = await media.byIds(team, [input.greetingAudioId ?? null, input.voicemailAudioId ?? null]);
    for (const key of ['greetingAudioId', 'voicemailAudioId'] as const) {
      const id = input[key];
      if (id && !known.has(id)) fields[key] = `No uploaded audio ${id}`;
    }
    let agentUrl = input.agentUrl;
    try {
      if (agentUrl !== undefined) agentUrl = unmaskAgentUrl(agentUrl, storedAgentUrl);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      Object.assign(fields, error.fields);
    }
    AppError.throwIfInvalid(fields);
    return agentUrl === undefined ? input : { ...input, agentUrl };
  }

  return {
    get,

    /** What the form's preview renders the templates with for one contact: its fields, its company and its zone. */
    async previewContact(team: TeamScope, contactId: string): Promise<PreviewContact> {
      const found = await db
        .selectFrom('contacts')
        .innerJoin('companies', 'companies.id', 'contacts.companyId')
        .select(['contacts.firstName', 'contacts.lastName', 'contacts.email', 'contacts.phone', 'contacts.jobTitle', 'contacts.leadStatus', 'contacts.customFields'])
        .select(['companies.name as company', 'contacts.timezone', 'contacts.phoneZones'])
        .where('contacts.id', '=', contactId)
        .where('contacts.teamId', '=', team.teamId)
        .executeTakeFirst();
      if (!found) throw AppError.notFound('Contact', contactId);
      const { company, timezone, phoneZones, customFields, ...contact } = found;
      return { contact: { ...contact, customFields: readJson(customFields, {}) }, company, zoneKey: timezone ?? phoneZones };
    },

    async list(team: TeamScope, filter: { outboundEligibleOnly?: boolean } = {}): Promise<Assistant[]> {
      const all = await read(team, (await withNumbers(team).orderBy('assistants.name').execute()) as AssistantRow[]);
      return filter.outboundEligibleOnly ? all.filter((a) => a.outboundEligible) : all;
    },

    async create(team: TeamScope, input: NewAssistant): Promise<Assistant> {
      const values = await checked(team, input, null);
      const at = now();
      const id = newId('asst');
      await db
        .insertInto('assistants')
        .values({
          ...toRow(values),
          engine: values.engine ?? defaultEngine(values.agentUrl),
          outboundEnabled: input.outboundEnabled ? 1 : 0,
          id,
          teamId: team.teamId,
          createdAt: at,
          updatedAt: at,
        })
        .execute();
      return changed(await get(team, id));
    },

    async update(team: TeamScope, id: string, changes: Partial<AssistantInput>): Promise<Assistant> {
      const values = await checked(team, changes, (await row(team, id)).agentUrl);
      await db
        .updateTable('assistants')
        .set({ ...toRow(values), updatedAt: now() })
        .where('id', '=', id)
        .where('teamId', '=', team.teamId)
        .execute();
      return changed(await get(team, id));
    },
  };
}

export type AssistantService = ReturnType<typeof createAssistantService>;
