import type { RealtimeClientEvent } from 'openai/resources/realtime/realtime';
import type { RealtimeConnection, RealtimeSocketHandlers } from './realtimeSocket';

/**
 * A session's connection to the Realtime API. Opened by the session itself it is a socket on this thread, and
 * the session plays the agent's audio. Opened by the call's media side it is a socket beside the call's RTP on
 * the media thread: the callee's audio goes to the engine and the engine's audio to playout there, so that no
 * frame waits for this thread, and the session hears of the audio instead of handling it.
 */
export interface RealtimeLink {
  /** Sends when connected (returns true); before that, and once ended, the event is dropped. */
  send(event: RealtimeClientEvent): boolean;
  /** Ends the connection as failed: reports `failure` (once, unless close() came first) and drops the socket. */
  fail(failure: string): void;
  /** Closes the connection; nothing is reported. */
  close(): Promise<void>;
  /** (A link that plays the audio itself.) The callee cut these items short: audio of theirs still arriving is not played. */
  cut?(itemIds: string[]): void;
}

export interface RealtimeLinkHandlers extends RealtimeSocketHandlers {
  /**
   * (A link that plays the audio itself.) `bytes` of item `itemId` were queued for the far end: the name to give
   * the mark placed after them, or null when they are not to count as heard.
   */
  onAudioQueued(itemId: string, bytes: number): string | null;
  /** (A link that carries the callee's audio itself.) The first of it went to the engine. */
  onAudioSent(): void;
}

/** The call's media side opens the session's link beside the RTP. */
export type OpenRealtimeLink = (connection: RealtimeConnection, handlers: RealtimeLinkHandlers) => RealtimeLink;
