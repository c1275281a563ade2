// The audio engine's greeting text, spoken: OpenAI's text to speech (POST /audio/speech) through the official
// `openai` package, with the same key and base URL as the realtime engine, turned into the call's 8 kHz PCM.
import OpenAI, { APIConnectionError, APIError, AuthenticationError } from 'openai';
import { toTelephonyRate } from '../../telephony/media/wav';
import { KEY_REJECTED, NO_API_KEY, unreachable } from '../realtime/realtimeSocket';
import type { OpenAiConnection } from '../voiceSettings';

export const SPEECH_MODEL = 'gpt-4o-mini-tts';
/** What OpenAI's `pcm` response format holds: raw 24 kHz 16-bit signed mono samples, little-endian, no header. */
export const SPEECH_PCM_RATE = 24_000;
/** A speech request that has not answered by then will not be heard: the callee has long picked up. */
const REQUEST_TIMEOUT_MS = 30_000;

export interface GreetingSpeech {
  /**
   * `text` said in `voice`, as 8 kHz 16-bit mono PCM; rejects with why not, in words for the call's record (the
   * key refused, the engine unreachable, an error it answered). `signal` drops the request.
   */
  speak(text: string, voice: string, signal: AbortSignal): Promise<Int16Array>;
}

/** Why the speech request failed, as the realtime engine would say it of its own connection. */
function describeSpeechError(error: unknown): string {
  if (error instanceof AuthenticationError) return KEY_REJECTED;
  if (error instanceof APIConnectionError) return unreachable((error.cause as Error | undefined)?.message ?? error.message);
  if (error instanceof APIError) {
    const message = (error.error as { message?: unknown } | undefined)?.message;
    return `the greeting could not be spoken: HTTP ${error.status}${typeof message === 'string' && message ? ` (${message})` : ''}`;
  }
  return `the greeting could not be spoken: ${(error as Error).message}`;
}

/** Little-endian 16-bit samples (a trailing odd byte, which no sample fills, is left out). */
function samplesOf(bytes: Buffer): Int16Array {
  return Int16Array.from({ length: bytes.length >> 1 }, (_, i) => bytes.readInt16LE(i * 2));
}

/** OpenAI text to speech, with the key and base URL in force when each greeting is asked for (a key saved since counts). */
export function createGreetingSpeech(connection: () => OpenAiConnection): GreetingSpeech {
  return {
    async speak(text, voice, signal) {
      const { apiKey, baseUrl } = connection();
      if (!apiKey) throw new Error(NO_API_KEY);
      // one retry of a passing fault still fits in the time a phone rings
      const client = new OpenAI({ apiKey, baseURL: baseUrl, maxRetries: 1, timeout: REQUEST_TIMEOUT_MS });
      let pcm: Int16Array;
      try {
        const response = await client.audio.speech.create({ model: SPEECH_MODEL, voice, input: text, response_format: 'pcm' }, { signal });
        pcm = samplesOf(Buffer.from(await response.arrayBuffer()));
      } catch (error) {
        throw new Error(describeSpeechError(error));
      }
      if (pcm.length === 0) throw new Error('the greeting could not be spoken: the voice engine sent no audio');
      return toTelephonyRate(pcm, SPEECH_PCM_RATE);
    },
  };
}
