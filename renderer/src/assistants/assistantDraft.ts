import { ASSISTANT_DEFAULTS, defaultEngine, type VoiceEngine } from '../../../shared/assistants/engines';
import { unknownVariablesError } from '../../../shared/assistants/templates';
import type { RequestOf } from '../../../shared/contract/channels';
import type { Assistant } from '../../../shared/crm/types';
import type { MediaInfo } from '../../../shared/telephony/media';
import { typedNumber, type Typed } from '../campaigns/wizardRules';
import { collectDraftOf, collectRequest, type CollectDraft } from './collectDraft';

/** The assistant form's rules, free of React, so they are tested in plain Node. */

export const TEMPLATE_FIELDS = [
  ['greeting', 'Greeting'],
  ['prompt', 'Prompt'],
  ['voicemailMessage', 'Voicemail message'],
] as const;
export type TemplateField = (typeof TEMPLATE_FIELDS)[number][0];

export interface AssistantDraft {
  name: string;
  greeting: string;
  prompt: string;
  voicemailMessage: string;
  outboundEnabled: boolean;
  engine: VoiceEngine;
  realtimeModel: string;
  realtimeVoice: string;
  maxCallMinutes: Typed;
  agentUrl: string;
  transferNumber: string;
  greetingAudio: MediaInfo | null;
  voicemailAudio: MediaInfo | null;
  recordCalls: boolean;
  collect: CollectDraft[];
  successCriterion: string;
}

/** What a section of the assistant form is given: the draft, how to change it, and the error to show on a field. */
export interface DraftSectionProps {
  draft: AssistantDraft;
  set(changes: Partial<AssistantDraft>): void;
  errorFor(field: string): string | undefined;
}

export function draftOf(assistant?: Assistant): AssistantDraft {
  return {
    name: assistant?.name ?? '',
    greeting: assistant?.greeting ?? '',
    prompt: assistant?.prompt ?? '',
    voicemailMessage: assistant?.voicemailMessage ?? '',
    outboundEnabled: assistant?.outboundEnabled ?? false,
    engine: assistant?.engine ?? defaultEngine(null),
    realtimeModel: assistant?.realtimeModel ?? ASSISTANT_DEFAULTS.realtimeModel,
    realtimeVoice: assistant?.realtimeVoice ?? ASSISTANT_DEFAULTS.realtimeVoice,
    maxCallMinutes: assistant?.maxCallMinutes ?? ASSISTANT_DEFAULTS.maxCallMinutes,
    agentUrl: assistant?.agentUrl ?? '',
    transferNumber: assistant?.transferNumber ?? '',
    greetingAudio: assistant?.greetingAudio ?? null,
    voicemailAudio: assistant?.voicemailAudio ?? null,
    recordCalls: assistant?.recordCalls ?? false,
    collect: collectDraftOf(assistant?.collect),
    successCriterion: assistant?.successCriterion ?? '',
  };
}

/**
 * The create / update body: every field, the audio by its upload's id; a length typed as text stays text so main
 * names it ("must be a number"), and one left empty is not sent.
 */
export function assistantRequest({ greetingAudio, voicemailAudio, maxCallMinutes, collect, ...fields }: AssistantDraft): RequestOf<'assistants.create'> {
  const minutes = typedNumber(maxCallMinutes) as number | undefined;
  return {
    ...fields,
    collect: collectRequest(collect),
    ...(minutes === undefined ? {} : { maxCallMinutes: minutes }),
    greetingAudioId: greetingAudio?.id ?? null,
    voicemailAudioId: voicemailAudio?.id ?? null,
  };
}

/** What an audio-engine call says once answered: the greeting audio, else the greeting text spoken, else nothing. */
export function audioGreetingOf({ greetingAudio, greeting }: Pick<AssistantDraft, 'greetingAudio' | 'greeting'>): 'upload' | 'spoken' | 'nothing' {
  if (greetingAudio) return 'upload';
  return greeting.trim() ? 'spoken' : 'nothing';
}

/** The unknown variables of each template as it is typed, worded as main will refuse them. */
export function templateErrors(draft: AssistantDraft): Partial<Record<TemplateField, string>> {
  const errors: Partial<Record<TemplateField, string>> = {};
  for (const [field] of TEMPLATE_FIELDS) {
    const error = unknownVariablesError(draft[field]);
    if (error) errors[field] = error;
  }
  return errors;
}

/** The Telephony tab's settings of each engine (the tab turns red when one of them, or a shared one, has an error). */
export const ENGINE_FIELDS: Record<VoiceEngine, readonly string[]> = {
  realtime: ['realtimeModel', 'realtimeVoice', 'maxCallMinutes', 'transferNumber'],
  'media-streams': ['agentUrl', 'maxCallMinutes', 'transferNumber'],
  audio: ['greetingAudioId'],
};
export const TELEPHONY_FIELDS = ['engine', 'outboundEnabled', 'recordCalls', 'voicemailAudioId', ...new Set(Object.values(ENGINE_FIELDS).flat())];
