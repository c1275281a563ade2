/** How an assistant talks to the person: a built-in realtime model, an agent of its own over Media Streams, or recorded audio. */
export const VOICE_ENGINES = ['realtime', 'media-streams', 'audio'] as const;
export type VoiceEngine = (typeof VOICE_ENGINES)[number];

export const ENGINE_LABELS: Record<VoiceEngine, string> = {
  realtime: 'Realtime (built in)',
  'media-streams': 'Media Streams (your agent)',
  audio: 'Audio only',
};

/** The models the form offers; the API takes any model name, for newer models and compatible gateways. */
export const REALTIME_MODELS = ['gpt-realtime', 'gpt-realtime-mini'] as const;
/** The voices OpenAI documents for its realtime models; marin and cedar were made for them. */
export const REALTIME_VOICES = ['marin', 'cedar', 'alloy', 'ash', 'ballad', 'coral', 'echo', 'sage', 'shimmer', 'verse'] as const;

export const ASSISTANT_DEFAULTS = {
  realtimeModel: 'gpt-realtime',
  realtimeVoice: 'marin',
  maxCallMinutes: 10,
} as const;
export const MAX_CALL_MINUTES = { min: 1, max: 120 } as const;

/** The engine of an assistant created without one, as the upgrade set it for the assistants already there. */
export const defaultEngine = (agentUrl: string | null | undefined): VoiceEngine => (agentUrl ? 'media-streams' : 'audio');
