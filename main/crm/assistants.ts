import type { z } from 'zod';
import { defaultEngine } from '../../shared/assistants/engines';
import type { assistantInput } from '../../shared/crm/schemas';
import type { PreviewContact } from '../../shared/assistants/preview';
import type { Assistant } from '../../shared/crm/types';
import { AppError } from '../../shared/errors';
import type { MediaInfo } from '../../shared/telephony/media';
import { newId } from '../platform/ids';
import { stamps } from '../db/instants';
import type { MediaService } from '../telephony/mediaLibrary';
import { maskAgentUrl, unmaskAgentUrl } from './agentUrl';
import type { AssistantFields, AssistantStore, StoredAssistant } from './assistantStore';
import { announcerOf, type CrmStoreDeps, type TeamScope } from './context';

type AssistantInput = z.output<typeof assistantInput>;

// field by field: what a store hands back beyond the interface never reaches a caller
function toAssistant(assistant: StoredAssistant, media: Map<string, MediaInfo>): Assistant {
  const { greetingMediaId, voicemailMediaId, agentUrl, outboundEnabled } = assistant;
  return {
    id: assistant.id,
    teamId: assistant.teamId,
    name: assistant.name,
    greeting: assistant.greeting,
    prompt: assistant.prompt,
    voicemailMessage: assistant.voicemailMessage,
    outboundEnabled,
    provider: assistant.provider,
    // the stored URL, credentials and all, is for dialing only
    agentUrl: agentUrl === null ? null : maskAgentUrl(agentUrl),
    greetingAudio: (greetingMediaId && media.get(greetingMediaId)) || null,
    voicemailAudio: (voicemailMediaId && media.get(voicemailMediaId)) || null,
    recordCalls: assistant.recordCalls,
    engine: assistant.engine,
    realtimeModel: assistant.realtimeModel,
    realtimeVoice: assistant.realtimeVoice,
    transferNumber: assistant.transferNumber,
    maxCallMinutes: assistant.maxCallMinutes,
    collect: assistant.collect,
    successCriterion: assistant.successCriterion,
    outboundEligible: outboundEnabled && assistant.activeNumbers > 0,
    ...stamps(assistant),
  };
}

/** The media and engine settings: a create may leave them out (no agent, no audio, not recorded, the engine's defaults). */
type MediaField = 'collect' | 'successCriterion' | 'agentUrl' | 'greetingAudioId' | 'voicemailAudioId' | 'recordCalls' | 'realtimeModel' | 'realtimeVoice' | 'transferNumber' | 'maxCallMinutes';
type NewAssistant = Omit<AssistantInput, MediaField | 'greetingAudio' | 'voicemailAudio'> & Partial<Pick<AssistantInput, MediaField>>;

/** Fields as the store keeps them: audio by media id; a field left out stays out (a patch keeps it). */
function toFields<T extends Partial<AssistantInput>>({ greetingAudioId, voicemailAudioId, greetingAudio: _g, voicemailAudio: _v, ...rest }: T) {
  return {
    ...rest,
    ...(greetingAudioId === undefined ? {} : { greetingMediaId: greetingAudioId }),
    ...(voicemailAudioId === undefined ? {} : { voicemailMediaId: voicemailAudioId }),
  } satisfies Partial<AssistantFields>;
}

export function createAssistantService({ store, now, events, media }: CrmStoreDeps<AssistantStore> & { media: MediaService }) {
  const changed = announcerOf(events, 'assistant');

  async function read(team: TeamScope, assistants: StoredAssistant[]): Promise<Assistant[]> {
    const known = await media.byIds(team, assistants.flatMap((a) => [a.greetingMediaId, a.voicemailMediaId]));
    return assistants.map((a) => toAssistant(a, known));
  }

  async function stored(team: TeamScope, id: string): Promise<StoredAssistant> {
    const found = await store.get(team.teamId, id);
    if (!found) throw AppError.notFound('Assistant', id);
    return found;
  }

  async function get(team: TeamScope, id: string): Promise<Assistant> {
    return (await read(team, [await stored(team, id)]))[0];
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
      const found = await store.previewContact(team.teamId, contactId);
      if (!found) throw AppError.notFound('Contact', contactId);
      return found;
    },

    async list(team: TeamScope, filter: { outboundEligibleOnly?: boolean } = {}): Promise<Assistant[]> {
      const all = await read(team, await store.list(team.teamId));
      return filter.outboundEligibleOnly ? all.filter((a) => a.outboundEligible) : all;
    },

    async create(team: TeamScope, input: NewAssistant): Promise<Assistant> {
      const values = await checked(team, input, null);
      const at = now();
      const id = newId('asst');
      await store.insert({ ...toFields(values), engine: values.engine ?? defaultEngine(values.agentUrl), id, teamId: team.teamId, createdAt: at, updatedAt: at });
      return changed(await get(team, id));
    },

    async update(team: TeamScope, id: string, changes: Partial<AssistantInput>): Promise<Assistant> {
      const values = await checked(team, changes, (await stored(team, id)).agentUrl);
      if (!(await store.update(team.teamId, id, toFields(values), now()))) throw AppError.notFound('Assistant', id);
      return changed(await get(team, id));
    },
  };
}

export type AssistantService = ReturnType<typeof createAssistantService>;
