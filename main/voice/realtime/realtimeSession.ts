import type { RealtimeClientEvent, RealtimeServerEvent, RealtimeSessionCreateRequest } from 'openai/resources/realtime/realtime';
import type { Clock } from '../../platform/clock';
import type { SessionEnd, VoiceEngineSession, VoiceSessionContext, VoiceSessionFactory, VoiceSessionHandlers } from '../engine';
import { functionTools, parseToolCall } from '../tools';
import { AgentTurns } from './agentTurns';
import type { OpenAiConnection } from '../voiceSettings';
import type { RealtimeLink, RealtimeLinkHandlers } from './realtimeLink';
import { audioAppend, describeRealtimeError, NO_API_KEY, RealtimeSocket } from './realtimeSocket';

/** The model that writes down what the contact says (the conversation model hears audio, not text). */
const TRANSCRIPTION_MODEL = 'gpt-4o-mini-transcribe';

// our own event ids on the two events a call cannot go on without: an error naming one of them is fatal
const SESSION_UPDATE = 'dialwell-session-update';
const GREETING = 'dialwell-greeting';

/** What the engine is told at the start: G.711 μ-law both ways (the call's RTP, unconverted), server VAD with barge-in. */
function sessionSettings(context: VoiceSessionContext): RealtimeSessionCreateRequest {
  return {
    type: 'realtime',
    instructions: context.instructions,
    output_modalities: ['audio'],
    audio: {
      input: {
        format: { type: 'audio/pcmu' },
        transcription: { model: TRANSCRIPTION_MODEL },
        turn_detection: { type: 'server_vad', create_response: true, interrupt_response: true },
      },
      output: { format: { type: 'audio/pcmu' }, voice: context.voice },
    },
    tools: functionTools(context.tools),
    tool_choice: 'auto',
  };
}

/** Response-level instructions replace the session's for that one response: the greeting is said as written. */
const greetingInstructions = (greeting: string) =>
  `Greet the person by saying exactly the following, word for word, and nothing else; then wait for their reply: ${JSON.stringify(greeting)}`;

/** One call's conversation with the OpenAI Realtime API. */
export class RealtimeVoiceSession implements VoiceEngineSession {
  private socket: RealtimeLink | null = null;
  private context: VoiceSessionContext | null = null;
  private readonly agent: AgentTurns;
  private reached = false;
  private ended = false;
  private maxCallTimer: number | null = null;
  /** Where the first audio we sent falls, in ms from the answer: the engine's audio_start_ms count from there. */
  private inputStartMs: number | null = null;
  private readonly contactStartMs = new Map<string, number>();
  /** A response is under way (ours or one the server's VAD made): another must wait for it to be done. */
  private responding = false;
  private responseWanted = false;

  constructor(
    /** The key and base URL in force when the session starts (a key saved since the app started counts). */
    private readonly connection: () => OpenAiConnection,
    private readonly clock: Clock,
    private readonly handlers: VoiceSessionHandlers,
  ) {
    this.agent = new AgentTurns((turn) => handlers.onTranscript(turn));
  }

  start(context: VoiceSessionContext): void {
    if (this.context) throw new Error('voice session already started');
    this.context = context;
    this.maxCallTimer = this.clock.at(context.answeredAt + context.maxCallMs, () => this.end({ reached: this.reached, maxCallLength: true }));
    let connection: OpenAiConnection;
    try {
      connection = this.connection();
    } catch (error) {
      return this.failSoon((error as Error).message);
    }
    const { apiKey, baseUrl } = connection;
    if (!apiKey) return this.failSoon(NO_API_KEY);
    const linkHandlers: RealtimeLinkHandlers = {
      onEvent: (event) => this.receive(event),
      onGone: (failure) => this.end({ reached: this.reached, failure }),
      onAudioQueued: (itemId, bytes) => this.agent.audio(itemId, bytes, this.offsetNow()),
      onAudioSent: () => (this.inputStartMs ??= this.offsetNow()),
    };
    const target = { apiKey, baseUrl, model: context.model };
    this.socket = this.handlers.openRealtimeLink?.(target, linkHandlers) ?? new RealtimeSocket(target, linkHandlers);
  }

  /** A session that cannot even connect ends on the next turn of the event loop, as one whose connection fails does: never inside start(). */
  private failSoon(failure: string): void {
    setImmediate(() => this.end({ reached: false, failure }));
  }

  sendAudio(mulaw: Uint8Array): void {
    if (!this.send(audioAppend(mulaw))) return;
    this.inputStartMs ??= this.offsetNow();
  }

  sendMark(name: string): void {
    this.agent.played(name);
  }

  sendToolResult(callId: string, result: unknown): void {
    this.send({ type: 'conversation.item.create', item: { type: 'function_call_output', call_id: callId, output: JSON.stringify(result) } });
    this.respond();
  }

  async close(): Promise<void> {
    if (this.ended) return;
    this.finish();
    await this.socket?.close();
  }

  private receive(event: RealtimeServerEvent): void {
    const context = this.context!;
    switch (event.type) {
      case 'session.created':
        this.reached = true;
        this.send({ type: 'session.update', event_id: SESSION_UPDATE, session: sessionSettings(context) });
        if (context.greeting) this.respond({ event_id: GREETING, response: { instructions: greetingInstructions(context.greeting) } });
        break;
      case 'error':
        // other errors refuse one event (a truncate that came late, say) and the conversation goes on
        if (event.error.event_id === SESSION_UPDATE || event.error.event_id === GREETING) this.socket!.fail(describeRealtimeError(event.error));
        break;
      case 'response.created':
        this.responding = true;
        break;
      case 'response.done':
        this.responding = false;
        if (this.responseWanted) this.respond();
        break;
      case 'response.output_audio.delta':
        this.playAgentAudio(event.item_id, Buffer.from(event.delta, 'base64'));
        break;
      case 'response.output_audio.done':
        this.agent.audioDone(event.item_id, this.offsetNow());
        break;
      case 'response.output_audio_transcript.delta':
        this.agent.textDelta(event.item_id, event.delta, this.offsetNow());
        break;
      case 'response.output_audio_transcript.done':
        this.agent.textDone(event.item_id, event.transcript, this.offsetNow());
        break;
      case 'input_audio_buffer.speech_started':
        this.contactStartMs.set(event.item_id, (this.inputStartMs ?? 0) + event.audio_start_ms);
        this.bargeIn();
        break;
      case 'conversation.item.input_audio_transcription.completed':
        this.contactSaid(event.item_id, event.transcript);
        break;
      case 'response.function_call_arguments.done':
        this.toolCalled(event.name, event.arguments, event.call_id);
        break;
    }
  }

  private playAgentAudio(itemId: string, mulaw: Buffer): void {
    const mark = this.agent.audio(itemId, mulaw.length, this.offsetNow());
    if (mark === null) return;
    this.handlers.onAudio(mulaw);
    this.handlers.onMark(mark);
  }

  /** The contact speaks over the agent: the engine learns how much of each cut item was heard, and playout is cleared. */
  private bargeIn(): void {
    const cuts = this.agent.interrupt();
    this.socket?.cut?.(cuts.map((cut) => cut.itemId));
    for (const cut of cuts) {
      this.send({ type: 'conversation.item.truncate', item_id: cut.itemId, content_index: 0, audio_end_ms: cut.audioEndMs });
    }
    this.handlers.onClear();
  }

  private contactSaid(itemId: string, transcript: string): void {
    const text = transcript.trim();
    if (!text) return;
    const offsetMs = this.contactStartMs.get(itemId) ?? this.offsetNow();
    this.contactStartMs.delete(itemId);
    this.handlers.onTranscript({ speaker: 'contact', text, offsetMs, interrupted: false });
  }

  private toolCalled(name: string, argumentsJson: string, callId: string): void {
    const call = parseToolCall(this.context!.tools, name, argumentsJson, callId);
    // the model can put a bad call right when it is told what is wrong
    if ('error' in call) this.sendToolResult(callId, call);
    else this.handlers.onToolCall(call);
  }

  /** Asks for a response now, or once the one under way is done (the engine allows one at a time). */
  private respond(create: Omit<Extract<RealtimeClientEvent, { type: 'response.create' }>, 'type'> = {}): void {
    if (this.responding) {
      this.responseWanted = true;
      return;
    }
    this.responseWanted = false;
    this.responding = this.send({ type: 'response.create', ...create });
  }

  private send(event: RealtimeClientEvent): boolean {
    return this.socket?.send(event) ?? false;
  }

  private offsetNow(): number {
    return this.clock.now() - this.context!.answeredAt;
  }

  private end(end: SessionEnd): void {
    if (this.ended) return;
    this.finish();
    this.handlers.onGone(end);
    void this.socket?.close();
  }

  /** Stops the clock and reports the turns not yet reported, before anyone hears the session is over. */
  private finish(): void {
    this.ended = true;
    if (this.maxCallTimer !== null) this.clock.cancel(this.maxCallTimer);
    this.agent.flush();
  }
}

/** The built-in engine: OpenAI Realtime sessions, each with the API key and base URL in force when it starts. */
export function createRealtimeEngine(connection: () => OpenAiConnection, clock: Clock): VoiceSessionFactory {
  return { open: (handlers) => new RealtimeVoiceSession(connection, clock, handlers) };
}
