import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { agentMessageSchema, MEDIA_FORMAT, type StreamIdentity, type TelephonyMessage } from './agentMessages';

export interface AgentHandlers {
  /** The agent speaks: 8 kHz μ-law bytes for the far end. */
  onAudio(mulaw: Uint8Array): void;
  onMark(name: string): void;
  onClear(): void;
  /** The agent's socket closed without us closing it; `reached`: it had opened (else the agent was never reached). */
  onGone(reached: boolean): void;
  /** The agent heard an answering machine. */
  onVoicemail(): void;
  /** The person asked not to be called again. */
  onOptOut(): void;
}

const HANDSHAKE_TIMEOUT_MS = 10_000;
/** How long close() waits for the agent to answer our close frame. */
const CLOSE_GRACE_MS = 1_000;

/** One call's WebSocket to a voice agent, speaking Media Streams as the telephony side. */
export class AgentBridge {
  private readonly socket: WebSocket;
  private readonly identity: StreamIdentity;
  private startedAt = 0;
  private sequence = 0;
  private chunk = 0;
  private closing = false;

  constructor(url: string, call: { callId: string; from: string; to: string }, handlers: AgentHandlers) {
    this.identity = { streamSid: `MZ${randomBytes(16).toString('hex')}`, callSid: call.callId, accountSid: 'dialwell' };
    this.socket = new WebSocket(url, { handshakeTimeout: HANDSHAKE_TIMEOUT_MS });
    this.socket.on('open', () => {
      this.startedAt = performance.now();
      this.socket.send(JSON.stringify({ event: 'connected', protocol: 'Call', version: '1.0.0' }));
      this.send({
        event: 'start',
        start: { ...this.identity, tracks: ['inbound'], customParameters: { from: call.from, to: call.to }, mediaFormat: MEDIA_FORMAT },
      });
    });
    this.socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      let json: unknown;
      try {
        json = JSON.parse(data.toString());
      } catch {
        return;
      }
      const parsed = agentMessageSchema.safeParse(json);
      if (!parsed.success) return;
      const message = parsed.data;
      if (message.event === 'media') handlers.onAudio(Buffer.from(message.media.payload, 'base64'));
      else if (message.event === 'mark') handlers.onMark(message.mark.name);
      else if (message.event === 'clear') handlers.onClear();
      else if (message.event === 'voicemail') handlers.onVoicemail();
      else handlers.onOptOut();
    });
    // an unreachable agent surfaces as 'error' then 'close'
    this.socket.on('error', () => {});
    this.socket.on('close', () => {
      if (!this.closing) handlers.onGone(this.startedAt > 0);
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

  /** Sends `stop` and closes the socket; the agent going away now is not a hangup request. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    this.send({ event: 'stop', stop: { accountSid: this.identity.accountSid, callSid: this.identity.callSid } });
    if (this.socket.readyState === WebSocket.CLOSED) return;
    const closed = new Promise<void>((resolve) => this.socket.once('close', () => resolve()));
    this.socket.close(1000);
    const timer = setTimeout(() => this.socket.terminate(), CLOSE_GRACE_MS);
    await closed;
    clearTimeout(timer);
  }

  private send(message: TelephonyMessage): void {
    if (this.socket.readyState !== WebSocket.OPEN) return;
    this.sequence += 1;
    this.socket.send(JSON.stringify({ ...message, sequenceNumber: String(this.sequence), streamSid: this.identity.streamSid }));
  }
}
