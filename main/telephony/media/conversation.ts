import type { SessionEnd, TranscriptTurn, VoiceEngineSession, VoiceSessionContext } from '../../voice/engine';
import type { OpenRealtimeLink } from '../../voice/realtime/realtimeLink';
import type { VoiceToolCall } from '../../voice/tools';
import type { CallToolUse } from '../port';
import type { CallReport, ConversationPlan, TransferCall } from './endpoint';

/** A mark of our own in playout: once the audio before it has played (or been cleared), the call ends. */
export const HANG_UP_MARK = 'dialwell:hang-up';
/** After an opt-out the engine says goodbye; a goodbye not heard to its end by then is not waited for. */
export const GOODBYE_CAP_MS = 10_000;

/** A realtime session opened only for an answering machine: the message, then nothing. */
const VOICEMAIL_INSTRUCTIONS = 'You are leaving a message on an answering machine: nobody will answer. Say the message you are asked to say, then stop.';

/** What the conversation needs of the call's media side. */
export interface ConversationHost {
  /** The engine speaks: μ-law queued for the far end after what is already queued. */
  play(mulaw: Uint8Array): void;
  mark(name: string): void;
  /** The callee spoke over the engine: drop what is queued. */
  clear(): void;
  /** Ends the call now, as the report says. */
  hangUp(): void;
  /** The campaign's voicemail action; `done` hears what it did, in words, before the call ends. */
  leaveVoicemail(done: (what: string) => void): void;
  /** Hands the call on (settled with a failure when this call cannot be transferred). */
  transfer: TransferCall;
  /** Where what the conversation finds is written. */
  readonly report: Omit<CallReport, 'amd'>;
  /** A realtime engine's socket beside the call's RTP, when the call has RTP of its own. */
  readonly openRealtimeLink?: OpenRealtimeLink;
}

/**
 * One call's conversation with its voice engine: the session's audio goes to playout, the tools the model calls are
 * carried out (each recorded on the report with what came of it), and its transcript is kept.
 */
export class Conversation {
  private readonly session: VoiceEngineSession;
  private started = false;
  private closed = false;
  /** The call ends once an agent turn that began at or after this offset (ms from the answer) has been heard. */
  private endAfterTurnFrom: number | null = null;
  private goodbyeTimer: number | null = null;
  private transferring = false;
  /** The model's voicemail_reached call, answered with the message to leave when the engine is to speak it. */
  private voicemailCall: string | null = null;

  constructor(
    private readonly plan: ConversationPlan,
    /** When the call was answered (the plan's clock). */
    private readonly answeredAt: number,
    private readonly host: ConversationHost,
  ) {
    this.session = plan.engine.open({
      onAudio: (mulaw) => host.play(mulaw),
      onMark: (name) => host.mark(name),
      onClear: () => host.clear(),
      onTranscript: (turn) => this.heard(turn),
      onToolCall: (call) => this.toolCalled(call),
      onGone: (end) => this.gone(end),
      openRealtimeLink: host.openRealtimeLink,
    });
  }

  /** The callee is a person: the engine greets them and the conversation begins. */
  start(): void {
    this.begin(this.plan.context);
  }

  /** What the far end said (μ-law). */
  hear(mulaw: Uint8Array): void {
    this.session.sendAudio(mulaw);
  }

  /** The audio before one of the session's marks has played, or was cleared. */
  markPlayed(name: string): void {
    this.session.sendMark(name);
  }

  /**
   * The engine leaves `message` on an answering machine, and the call ends once it has been heard: told so as the
   * result of the model's voicemail_reached, or, when detection found the machine, in a session of its own.
   */
  speakVoicemail(message: string): void {
    this.endAfterTurnFrom = this.offsetNow();
    if (this.voicemailCall) {
      this.session.sendToolResult(this.voicemailCall, { result: `This is an answering machine. Leave this message now, word for word, then stop: ${JSON.stringify(message)}` });
    } else if (!this.started) {
      this.begin({ ...this.plan.context, instructions: VOICEMAIL_INSTRUCTIONS, greeting: message, tools: [] });
    }
  }

  /** Ends the session; its unfinished turns are reported before this returns. */
  close(): Promise<void> {
    this.closed = true;
    if (this.goodbyeTimer !== null) this.plan.clock.cancel(this.goodbyeTimer);
    return this.session.close();
  }

  private begin(context: Omit<VoiceSessionContext, 'answeredAt'>): void {
    this.started = true;
    this.session.start({ ...context, answeredAt: this.answeredAt });
  }

  private heard(turn: TranscriptTurn): void {
    this.host.report.transcript.push(turn);
    if (!this.closed && turn.speaker === 'agent' && this.endAfterTurnFrom !== null && turn.offsetMs >= this.endAfterTurnFrom) this.host.hangUp();
  }

  private gone(end: SessionEnd): void {
    if (!end.reached) this.host.report.failure = end.failure ?? 'the voice engine could not be reached';
    this.host.hangUp();
  }

  private toolCalled(call: VoiceToolCall): void {
    const { report } = this.host;
    const use: CallToolUse = { name: call.name, arguments: call.arguments, at: this.plan.clock.now(), result: '' };
    report.tools.push(use);
    switch (call.name) {
      case 'end_call':
        use.result = 'hung up';
        this.host.mark(HANG_UP_MARK);
        break;
      case 'opt_out':
        report.optedOut = true;
        use.result = 'opted out';
        this.session.sendToolResult(call.callId, { result: 'Done: this person will not be called again. Say goodbye politely.' });
        this.endAfterGoodbye();
        break;
      case 'schedule_callback':
        report.callback = { at: call.arguments.at, note: call.arguments.note };
        use.result = 'scheduled';
        this.session.sendToolResult(call.callId, { result: 'scheduled' });
        break;
      case 'transfer_call':
        this.transfer(call.callId, use);
        break;
      case 'voicemail_reached':
        this.voicemailCall = call.callId;
        this.host.leaveVoicemail((done) => (use.result = done));
        break;
    }
  }

  /** The call ends when the engine's next turn has been heard, or GOODBYE_CAP_MS from now at the latest. */
  private endAfterGoodbye(): void {
    this.endAfterTurnFrom = this.offsetNow();
    const { clock } = this.plan;
    this.goodbyeTimer ??= clock.at(clock.now() + GOODBYE_CAP_MS, () => this.host.hangUp());
  }

  /** A cold transfer: once the far end has taken it the call is over; a failure is the model's to explain, and the call goes on. */
  private transfer(callId: string, use: CallToolUse): void {
    const fail = (error: string) => {
      use.result = error;
      this.session.sendToolResult(callId, { error });
    };
    const { transferNumber } = this.plan;
    if (!transferNumber) return fail('There is no number to transfer this call to');
    if (this.transferring) return fail('A transfer of this call is already under way');
    this.transferring = true;
    use.result = 'transferring';
    this.host.transfer(transferNumber, (result) => {
      this.transferring = false;
      if (result.transferred) {
        use.result = 'transferred';
        this.host.report.transferred = true;
        this.host.hangUp();
      } else if (!this.closed) fail(`The transfer failed: ${result.error}`);
    });
  }

  private offsetNow(): number {
    return this.plan.clock.now() - this.answeredAt;
  }
}
