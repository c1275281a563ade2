import { z } from 'zod';

/** Where OpenAI's API lives unless the user points the app at an OpenAI-compatible gateway. */
export const DEFAULT_OPENAI_BASE_URL = 'https://api.openai.com/v1';

const isHttpUrl = (text: string) => URL.canParse(text) && ['http:', 'https:'].includes(new URL(text).protocol);
// the URL is shown back in Settings and in logs: a credential in it would leak where the key field does not
const hasNoCredentials = (text: string) => !URL.canParse(text) || (!new URL(text).username && !new URL(text).password);

/** An OpenAI API base URL: the realtime WebSocket address is derived from it (http → ws, https → wss). */
export const openaiBaseUrl = z
  .string({ error: 'The base URL must be text, or null for the default' })
  .trim()
  .max(2000, 'At most 2000 characters')
  .refine(isHttpUrl, 'Enter an http:// or https:// URL, such as https://api.openai.com/v1')
  .refine(hasNoCredentials, 'Put the API key in its own field, not in the URL');

const openaiApiKey = z
  .string({ error: 'The API key must be text, or null to remove the saved one' })
  .trim()
  .min(1, 'Enter the API key, or null to remove the saved one')
  .max(500, 'At most 500 characters')
  .regex(/^\S+$/, 'An API key has no spaces');

/** A change to the voice settings: a field left out keeps its value, null removes what was saved. */
export const voiceSettingsPatch = z.strictObject({
  openaiApiKey: openaiApiKey.nullable().optional(),
  openaiBaseUrl: openaiBaseUrl.nullable().optional(),
});

/** Values to try a connection with before saving them; each one left out is the one in force. */
export const voiceConnectionTest = z.strictObject({
  openaiApiKey: openaiApiKey.optional(),
  openaiBaseUrl: openaiBaseUrl.optional(),
});

export type VoiceSettingsPatch = z.output<typeof voiceSettingsPatch>;

/** The voice settings as every read shows them: whether a key is there, never the key. */
export interface VoiceSettingsView {
  /** A key is saved (sealed) in the settings. */
  openaiApiKeySet: boolean;
  /** No key is saved, and the one in the process's OPENAI_API_KEY is used. */
  openaiApiKeyFromEnvironment: boolean;
  /** The base URL in force: the saved one, else OPENAI_BASE_URL, else the default. */
  openaiBaseUrl: string;
  /** Where that base URL comes from. */
  openaiBaseUrlSource: 'saved' | 'environment' | 'default';
}

/** The outcome of opening a realtime session with the voice settings; `reason` says what went wrong in words. */
export type ConnectionTestResult = { ok: true } | { ok: false; reason: string };

/** The realtime model an assistant talks with unless it names another. */
export const DEFAULT_REALTIME_MODEL = 'gpt-realtime';
