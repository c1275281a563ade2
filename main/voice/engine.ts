// What a call's media side needs of a voice engine: the same audio-and-marks shape as the Media Streams
// agent bridge (so the media endpoint drives either one alike), plus transcripts and tool calls.
import type { OpenRealtimeLink } from './realtime/realtimeLink';
import type { VoiceToolCall, VoiceToolName } from './tools';

/** What one call's conversation is about, rendered for this contact. */
export interface VoiceSessionContext {
  /** The assistant's prompt, rendered: the model's instructions. */
  instructions: string;
  /** Said first, word for word, as soon as the session is ready. */
  greeting: string;
  /** The tools the model is offered in this call (transfer_call only with a transfer number, say). */
  tools: readonly VoiceToolName[];
  voice: string;
  model: string;
  /** The session ends this long after the answer (the call's maximum length). */
  maxCallMs: number;
  /** When the call was answered (the clock's UTC ms): transcript offsets count from here. */
  answeredAt: number;
}

export interface TranscriptTurn {
  speaker: 'agent' | 'contact';
  text: string;
  /** When the turn began, in ms from the answer. */
  offsetMs: number;
  /** The contact spoke over it before all of it had been played. */
  interrupted: boolean;
}

/** Why a session ended by itself (close() ends it without this). */
export interface SessionEnd {
  /** The engine answered (the session was created), so the call did reach the conversation. */
  reached: boolean;
  /** What went wrong, in words for the call's record; absent when the session simply ended. */
  failure?: string;
  /** The call's maximum length was reached. */
  maxCallLength?: true;
}

export interface VoiceSessionHandlers {
  /** The agent speaks: 8 kHz μ-law bytes for the far end, in order. */
  onAudio(mulaw: Uint8Array): void;
  /** Place a mark after the audio given so far; report it with sendMark(name) once that audio has played (or was cleared). */
  onMark(name: string): void;
  /** The contact started speaking: drop what is queued for playout (barge-in). */
  onClear(): void;
  onTranscript(turn: TranscriptTurn): void;
  /** The model asks for a tool; answer with sendToolResult(call.callId, …) when it should hear the outcome. */
  onToolCall(call: VoiceToolCall): void;
  /** Fires once, when the session ends without close(): a failure, the engine going away, or the maximum call length. */
  onGone(end: SessionEnd): void;
  /**
   * Opens a realtime engine's socket beside the call's RTP, where the audio then flows without this thread;
   * absent (no call's media behind the session), the session opens a socket of its own and plays through onAudio.
   */
  openRealtimeLink?: OpenRealtimeLink;
}

/** One call's conversation with a voice engine. */
export interface VoiceEngineSession {
  /** Connects and starts the conversation: the engine is configured and says the greeting. */
  start(context: VoiceSessionContext): void;
  /** What the far end said (8 kHz μ-law), in order; dropped until the engine is connected. */
  sendAudio(mulaw: Uint8Array): void;
  /** The audio queued before this mark (one onMark named) has been played to the far end, or cleared. */
  sendMark(name: string): void;
  /** Gives the model the outcome of a tool call and lets it go on speaking. */
  sendToolResult(callId: string, result: unknown): void;
  /** Ends the session; what the engine does afterwards is not reported. */
  close(): Promise<void>;
}

/** Makes a session per call; the engine's connection settings are bound in. */
export interface VoiceSessionFactory {
  open(handlers: VoiceSessionHandlers): VoiceEngineSession;
}
