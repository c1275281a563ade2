import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import type { VoiceEngineSession, VoiceSessionFactory, VoiceSessionHandlers } from '../../voice/engine';
import { agentMessageSchema, MEDIA_FORMAT, type StreamIdentity, type TelephonyMessage } from './agentMessages';

const HANDSHAKE_TIMEOUT_MS = 10_000;
/** How long close() waits for the agent to answer our close frame. */
const CLOSE_GRACE_MS = 1_000;
export const AGENT_UNREACHABLE = 'the voice agent could not be reached';

/** The call a stream belongs to, as the agent is told in `start`. */
export interface AgentCallIdentity {
  callId: string;
  from: string;
  to: string;
}

/**
 * One call's WebSocket to a voice agent, speaking Media Streams as the telephony side. It is a voice session like
 * the built-in engine's: the agent's `voicemail` and `opt_out` messages come as those tools' calls (the protocol has
 * no tool results, so sendToolResult has nothing to send), and it has no transcript to give.
 */
export class AgentBridge implements VoiceEngineSession {
  private socket: WebSocket | null = null;
  private readonly identity: StreamIdentity;
  private startedAt = 0;
  private sequence = 0;
  private chunk = 0;
  private toolCalls = 0;
  private closing = false;

  constructor(
    private readonly url: string,
    private readonly call: AgentCallIdentity,
    /** Sent in `start` beside from and to: the call's context, flat strings. */
    private readonly customParameters: Record<string, string>,
    private readonly handlers: VoiceSessionHandlers,
  ) {
    this.identity = { streamSid: `MZ${randomBytes(16).toString('hex')}`, callSid: call.callId, accountSid: 'dialwell' };
  }

  /** Connects; the agent has its prompt and greeting already (or in customParameters), so the context adds nothing. */
  start(): void {
    if (this.socket) throw new Error('agent bridge already started');
    const socket = (this.socket = new WebSocket(this.url, { handshakeTimeout: HANDSHAKE_TIMEOUT_MS }));
    socket.on('open', () => {
      this.startedAt = performance.now();
      socket.send(JSON.stringify({ event: 'connected', protocol: 'Call', version: '1.0.0' }));
      const customParameters = { ...this.customParameters, from: this.call.from, to: this.call.to };
      this.send({ event: 'start', start: { ...this.identity, tracks: ['inbound'], customParameters, mediaFormat: MEDIA_FORMAT } });
    });
    socket.on('message', (data, isBinary) => {
      if (!isBinary) this.receive(data.toString());
    });
    // an unreachable agent surfaces as 'error' then 'close'
    socket.on('error', () => {});
    socket.on('close', () => {
      if (this.closing) return;
      const reached = this.startedAt > 0;
      this.handlers.onGone(reached ? { reached } : { reached, failure: AGENT_UNREACHABLE });
    });
  }

  /** What the far end said (8 kHz μ-law); dropped until the stream has started. */
  sendAudio(mulaw: Uint8Array): void {
    this.chunk += 1;
    const timestamp = String(Math.round(performance.now() - this.startedAt));
    this.send({ event: 'media', media: { track: 'inbound', chunk: String(this.chunk), timestamp, payload: Buffer.from(mulaw).toString('base64') } });
  }

  /** The audio queued before this mark has been played to the far end (or cleared). */
  sendMark(name: string): void {
    this.send({ event: 'mark', mark: { name } });
  }

  sendToolResult(): void {}

  /** Sends `stop` and closes the socket; the agent going away now is not reported. */
  async close(): Promise<void> {
    const socket = this.socket;
    if (this.closing || !socket) return;
    this.closing = true;
    this.send({ event: 'stop', stop: { accountSid: this.identity.accountSid, callSid: this.identity.callSid } });
    if (socket.readyState === WebSocket.CLOSED) return;
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.close(1000);
    const timer = setTimeout(() => socket.terminate(), CLOSE_GRACE_MS);
    await closed;
    clearTimeout(timer);
  }

  private receive(text: string): void {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return;
    }
    const parsed = agentMessageSchema.safeParse(json);
    if (!parsed.success) return;
    const message = parsed.data;
    const { handlers } = this;
    if (message.event === 'media') handlers.onAudio(Buffer.from(message.media.payload, 'base64'));
    else if (message.event === 'mark') handlers.onMark(message.mark.name);
    else if (message.event === 'clear') handlers.onClear();
    else handlers.onToolCall({ name: message.event === 'voicemail' ? 'voicemail_reached' : 'opt_out', arguments: {}, callId: `agent-${++this.toolCalls}` });
  }

  private send(message: TelephonyMessage): void {
    if (this.socket?.readyState !== WebSocket.OPEN) return;
    this.sequence += 1;
    this.socket.send(JSON.stringify({ ...message, sequenceNumber: String(this.sequence), streamSid: this.identity.streamSid }));
  }
}

/**
 * The assistant's own agent as a voice engine: a Media Streams WebSocket per call. Throws for a URL that is not
 * ws:// or wss://, before the call is placed (not naming it: the error lands on the call, and the URL may hold credentials).
 */
export function mediaStreamsEngine(url: string, call: AgentCallIdentity, customParameters: Record<string, string>): VoiceSessionFactory {
  if (!(URL.canParse(url) && ['ws:', 'wss:'].includes(new URL(url).protocol))) throw new Error('agent URL is not a ws:// or wss:// URL');
  return { open: (handlers) => new AgentBridge(url, call, customParameters, handlers) };
}
