import type { AmdResult, AmdSettings } from '../../../shared/campaigns/amdSettings';
import type { TranscriptTurn, VoiceSessionContext, VoiceSessionFactory } from '../../voice/engine';
import type { Clock } from '../../platform/clock';
import type { CallToolUse } from '../port';

/** RTP payload formats we offer: G.711 μ-law (0) and A-law (8). */
export type Codec = 'PCMU' | 'PCMA';

/** Who holds the conversation once the call is answered (and, with detection on, known to reach a person). */
export interface ConversationPlan {
  /** Opens the call's session: the realtime model, or the assistant's Media Streams agent. */
  engine: VoiceSessionFactory;
  /** What the session starts with; the answer's time is added when the call is answered. */
  context: Omit<VoiceSessionContext, 'answeredAt'>;
  /**
   * What the engine says on an answering machine (leave_message) when there is no voicemail recording; null for
   * an engine that cannot be told what to say (a Media Streams agent): then the call hangs up.
   */
  voicemailMessage: string | null;
  /** Where transfer_call hands the person on; null: the tool fails, the conversation goes on. */
  transferNumber: string | null;
  /** The dialer's clock: the answer's time, when tools were called, how long a goodbye may take. */
  clock: Clock;
}

/** What a call should hear and where its audio goes once it is answered. */
export interface CallAudioPlan {
  callId: string;
  from: string;
  to: string;
  /** The conversation with the callee; null: none (the audio engine: the greeting WAV, or else the greeting text spoken, is played, then the call ends). */
  conversation: ConversationPlan | null;
  /** Played once answered when there is no conversation; the call hangs up once it has played (at once without one). */
  greetingWav: string | null;
  /**
   * Without a conversation or a greeting WAV, the greeting text spoken, as 8 kHz 16-bit PCM (or a rejection saying
   * why not): asked for as the endpoint opens, before the INVITE, so that it is ready when the callee picks up; it
   * then plays as a greeting WAV would. null: nothing to speak.
   */
  spokenGreeting: ((signal: AbortSignal) => Promise<Int16Array>) | null;
  /** Played instead when the call reaches voicemail and the voicemail action is leave_message. */
  voicemailWav: string | null;
  /** What reaching voicemail does: play voicemailWav, then hang up (at once without one); or just hang up. */
  voicemailAction: 'leave_message' | 'hangup';
  /**
   * Listen for an answering machine with these thresholds before anything is played or bridged; null:
   * the conversation starts at the answer (and only the agent can tell a machine).
   */
  amd: AmdSettings | null;
  /** Write both directions to this WAV file when set (on close; 8 kHz, channel 1 the far end, channel 2 what it heard). */
  recordingPath: string | null;
}

/** What the call turned out to be, as detection and the conversation found it, when the media side asks to hang up. */
export interface CallReport {
  /** The call reached an answering machine: detection decided so, or the agent said so. */
  voicemail: boolean;
  /** The person asked not to be called again. */
  optedOut: boolean;
  /** The person was handed on to the transfer number (the far end accepted the REFER). */
  transferred: boolean;
  /** Why the call cannot go on (the voice engine could not be reached, or refused the key): the call is a technical failure. */
  failure: string | null;
  /** What answering-machine detection found (null when it did not run, or had not decided yet). */
  amd: AmdResult | null;
  /** The conversation's turns so far. */
  transcript: TranscriptTurn[];
  /** The tools called so far, each with what came of it. */
  tools: CallToolUse[];
  /** The callback the person asked for, as the model gave it. */
  callback: { at: string; note: string } | null;
}

/** How a transfer the conversation asked for went on the signalling side. */
export type TransferResult = { transferred: true } | { transferred: false; error: string };

/** Hands the call on to `number` (SIP REFER); `settled` is called once, when the far end has taken it or it has failed. */
export type TransferCall = (number: string, settled: (result: TransferResult) => void) => void;

export interface MediaStats {
  packetsSent: number;
  packetsReceived: number;
  /** Frames sent more than 20 ms after their slot, or skipped (the event loop was held up). */
  framesLate: number;
}

/**
 * One call's RTP leg: opened before the INVITE (its port goes in the SDP offer), started on answer.
 * Implemented by openMediaEndpoint.ts.
 */
export interface MediaEndpoint {
  /** The address the UDP socket is bound to (the bindAddress it was opened with). */
  readonly address: string;
  readonly port: number;
  /**
   * The call was answered: exchange audio with the far end from the SDP answer. Sends a 20 ms frame
   * every 20 ms from now on (silence when there is nothing to play) and latches onto the address the
   * far end's packets come from. The conversation (greeting or engine) starts now, or with plan.amd once
   * detection finds a person; on a machine, the voicemail action runs when its greeting is over. Throws
   * when called twice or after close.
   */
  start(remote: { address: string; port: number; codec: Codec }): Promise<void>;
  /**
   * Play a WAV file (any rate, channels, PCM or G.711) to the far end now (e.g. the voicemail message),
   * replacing what was playing; until the conversation starts (before start, while detection listens, and
   * on a machine) it replaces the greeting instead. Without a conversation, the call ends once it has played.
   * Rejects for a file that is not a WAV.
   */
  play(wavPath: string): Promise<void>;
  /**
   * Fires once when the call is done on the media side: the engine closed its socket or cannot be reached, the
   * model ended the call (end_call, an opt-out's goodbye, a transfer taken, the maximum length), or an answering
   * machine was reached and the voicemail action is done (the message played, or none to play), or, without a
   * conversation, the greeting has played (or there was none, or its speech failed: the report says why); the SIP side
   * then sends BYE and reports the call as `report` says (the conversation is over by then: finish()).
   */
  onHangupRequest(listener: (report: CallReport) => void): void;
  /** How the conversation's transfer_call is carried out; without one, transfers fail and the conversation goes on. */
  onTransferRequest(transfer: TransferCall): void;
  /** What the call has found so far (also for a call the far end hangs up). */
  readonly report: CallReport;
  /** The call is over: ends the conversation (its unfinished turns join the report) and returns the final report. */
  finish(): CallReport;
  readonly stats: MediaStats;
  /** Stops the audio, ends the conversation (a Media Streams agent gets `stop`), and writes the recording; safe to call more than once. */
  close(): Promise<void>;
}

/** Binds an ephemeral UDP port on bindAddress; rejects when the greeting WAV cannot be read. */
export type OpenMediaEndpoint = (plan: CallAudioPlan, options: { bindAddress: string }) => Promise<MediaEndpoint>;
