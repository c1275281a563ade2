import { z } from 'zod';

/*
 * The Media Streams message shape (Twilio's, spoken by most voice-agent frameworks). We are the
 * telephony side: we send connected/start/media/mark/stop; the agent sends media/mark/clear, and may
 * report what it found with Dialwell's two additions, taken as the realtime model's tools of the same meaning:
 * `voicemail` (voicemail_reached: an answering machine picked up, so we play the campaign's voicemail message, or
 * hang up) and `opt_out` (the person asked not to be called again: the call ends once the agent had time for a goodbye).
 */

/** What an agent may send us; anything else is ignored. */
export const agentMessageSchema = z.discriminatedUnion('event', [
  z.looseObject({ event: z.literal('media'), media: z.looseObject({ payload: z.base64() }) }),
  z.looseObject({ event: z.literal('mark'), mark: z.looseObject({ name: z.string() }) }),
  z.looseObject({ event: z.literal('clear') }),
  z.looseObject({ event: z.literal('voicemail') }),
  z.looseObject({ event: z.literal('opt_out') }),
]);

export type AgentMessage = z.infer<typeof agentMessageSchema>;

export const MEDIA_FORMAT = { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 } as const;

export interface StreamIdentity {
  streamSid: string;
  callSid: string;
  accountSid: string;
}

/** Messages we send, without the sequenceNumber and streamSid every one after `connected` carries. */
export type TelephonyMessage =
  | {
      event: 'start';
      start: StreamIdentity & {
        tracks: ['inbound'];
        /** The call's context (rendered variables, ids, prompt, greeting) with from and to: flat strings. */
        customParameters: Record<string, string>;
        mediaFormat: typeof MEDIA_FORMAT;
      };
    }
  | { event: 'media'; media: { track: 'inbound'; chunk: string; timestamp: string; payload: string } }
  | { event: 'mark'; mark: { name: string } }
  | { event: 'stop'; stop: { accountSid: string; callSid: string } };
