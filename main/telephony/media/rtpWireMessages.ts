import type { RealtimeClientEvent, RealtimeServerEvent } from 'openai/resources/realtime/realtime';
import type { RealtimeConnection } from '../../voice/realtime/realtimeSocket';
import type { Codec } from './endpoint';

/*
 * What the main thread and the media thread (rtpWorker.ts) tell each other about the calls' RTP legs. A leg is a
 * wire, known on both sides by its number. Times are process-wide (threadTime.ts). A wire can carry a realtime
 * engine's socket beside it (its link): the messages of the link are named link*.
 */

/** The wire's counters, written by the media thread and read by the main thread at any time. */
export const COUNTER = { packetsSent: 0, packetsReceived: 1, framesLate: 2 } as const;
export const COUNTERS = Object.keys(COUNTER).length;

/** What the main thread hears of each frame: each sent (detection's clock, the recording), each received (detection, the recording, a conversation on the main thread). */
export interface FrameReports {
  sent: boolean;
  received: boolean;
}

export type WireRequest =
  /** Bind a UDP socket on bindAddress, counting into `counters` (an Int32Array's SharedArrayBuffer). */
  | { kind: 'open'; wire: number; bindAddress: string; counters: SharedArrayBuffer }
  /** The call is answered: send a frame every 20 ms from `startedAt` to `remote` (the first at once). */
  | { kind: 'start'; wire: number; remote: { address: string; port: number }; codec: Codec; startedAt: number; reports: FrameReports }
  /** Which frames to tell from now on. */
  | { kind: 'report'; wire: number; reports: FrameReports }
  /** Audio for the far end, encoded in the call's codec, after what is queued. */
  | { kind: 'play'; wire: number; bytes: Uint8Array }
  /** Tell `id` (0 or more) once everything queued before it has been sent. */
  | { kind: 'mark'; wire: number; id: number }
  /** Drop the queued audio and its marks (the main thread already counts its own marks as done). */
  | { kind: 'clear'; wire: number }
  | { kind: 'close'; wire: number }
  /** Connect a realtime engine's socket beside the wire: the callee's audio goes to it, its audio to playout. */
  | { kind: 'linkOpen'; wire: number; connection: RealtimeConnection; codec: Codec }
  | { kind: 'linkSend'; wire: number; event: RealtimeClientEvent }
  /** The callee cut these items short: their audio still arriving is not played. */
  | { kind: 'linkCut'; wire: number; itemIds: string[] }
  /** Play none of the engine's audio any more (something else replaces it). */
  | { kind: 'linkMute'; wire: number }
  /** Close the link's socket: gracefully (answered by linkClosed), or `abrupt`ly, as failed (answered by nothing). */
  | { kind: 'linkClose'; wire: number; abrupt: boolean };

export type WireEvent =
  | { kind: 'opened'; wire: number; address: string; port: number }
  /** The port could not be bound, or the wire broke (then it is closed, and the call has no audio). */
  | { kind: 'failed'; wire: number; error: string }
  /** The first frame has gone out. */
  | { kind: 'started'; wire: number }
  /** An audio packet of the call's codec from the far end (once latched, only from its address). */
  | { kind: 'received'; wire: number; payload: Uint8Array; ssrc: number; timestamp: number; at: number }
  | { kind: 'sent'; wire: number; slot: number; frame: Uint8Array; at: number }
  /** Everything queued before these marks has been sent; or (the link's own marks, below 0) it was cleared. */
  | { kind: 'marksPlayed'; wire: number; ids: number[] }
  | { kind: 'closed'; wire: number }
  /** A server event of the link's engine, but for its audio deltas. */
  | { kind: 'linkEvent'; wire: number; event: RealtimeServerEvent }
  /** `bytes` of the engine's audio for item `itemId` were queued, followed by mark `mark` (below 0); null: not queued, the engine is muted. */
  | { kind: 'linkAudio'; wire: number; itemId: string; bytes: number; mark: number | null }
  /** The first of the callee's audio went to the engine. */
  | { kind: 'linkAudioSent'; wire: number }
  /** The link's connection ended by itself, `failure` says why. */
  | { kind: 'linkGone'; wire: number; failure: string }
  | { kind: 'linkClosed'; wire: number };
