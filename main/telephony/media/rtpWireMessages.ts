import type { Codec } from './endpoint';

/*
 * What the main thread and the media thread (rtpWorker.ts) tell each other about the calls' RTP legs. A leg is a
 * wire, known on both sides by its number. Times are process-wide (threadTime.ts).
 */

/** The wire's counters, written by the media thread and read by the main thread at any time. */
export const COUNTER = { packetsSent: 0, packetsReceived: 1, framesLate: 2 } as const;
export const COUNTERS = Object.keys(COUNTER).length;

export type WireRequest =
  /** Bind a UDP socket on bindAddress, counting into `counters` (an Int32Array's SharedArrayBuffer). */
  | { kind: 'open'; wire: number; bindAddress: string; counters: SharedArrayBuffer }
  /**
   * The call is answered: send a frame every 20 ms from `startedAt` to `remote` (the first at once); `reportSent`:
   * tell each frame sent (for answering-machine detection's clock, and the recording).
   */
  | { kind: 'start'; wire: number; remote: { address: string; port: number }; codec: Codec; startedAt: number; reportSent: boolean }
  /** Stop telling each frame sent (detection is over and nothing records the call). */
  | { kind: 'quiet'; wire: number }
  /** Audio for the far end, encoded in the call's codec, after what is queued. */
  | { kind: 'play'; wire: number; bytes: Uint8Array }
  /** Tell `id` once everything queued before it has been sent. */
  | { kind: 'mark'; wire: number; id: number }
  /** Drop the queued audio and its marks (the main thread already counts them as done). */
  | { kind: 'clear'; wire: number }
  | { kind: 'close'; wire: number };

export type WireEvent =
  | { kind: 'opened'; wire: number; address: string; port: number }
  /** The port could not be bound, or the wire broke (then it is closed, and the call has no audio). */
  | { kind: 'failed'; wire: number; error: string }
  /** The first frame has gone out. */
  | { kind: 'started'; wire: number }
  /** An audio packet of the call's codec from the far end (once latched, only from its address). */
  | { kind: 'received'; wire: number; payload: Uint8Array; ssrc: number; timestamp: number; at: number }
  | { kind: 'sent'; wire: number; slot: number; frame: Uint8Array; at: number }
  | { kind: 'marksPlayed'; wire: number; ids: number[] }
  | { kind: 'closed'; wire: number };
