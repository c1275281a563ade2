import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { firstArrival } from '../support/arrivals';

/** A Media Streams message as the telephony side sends it (connected, start, media, mark, stop). */
export interface TelephonyEvent {
  event: string;
  sequenceNumber?: string;
  streamSid?: string;
  start?: { streamSid: string; callSid: string; accountSid: string; tracks: string[]; customParameters: Record<string, string>; mediaFormat: { encoding: string; sampleRate: number; channels: number } };
  media?: { track: string; chunk: string; timestamp: string; payload: string };
  mark?: { name: string };
  stop?: { callSid: string };
}

/** One call's socket as the voice agent sees it. */
export class AgentCall {
  readonly received: TelephonyEvent[] = [];
  readonly closed: Promise<void>;
  private readonly arrivals = new EventEmitter();

  constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as TelephonyEvent;
      this.received.push(message);
      this.arrivals.emit('message', message);
    });
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
  }

  /** The first message (already received or still to come) that matches. */
  next(matches: (m: TelephonyEvent) => boolean): Promise<TelephonyEvent> {
    return firstArrival(this.received, this.arrivals, 'message', matches);
  }

  /** The μ-law payloads of the far end's audio, in the order they came. */
  heard(): Buffer[] {
    return this.received.filter((m) => m.event === 'media').map((m) => Buffer.from(m.media!.payload, 'base64'));
  }

  /** Speaks μ-law audio, one `media` message per 20 ms of it (as agent frameworks stream it). */
  speak(mulaw: Uint8Array): void {
    for (let at = 0; at < mulaw.length; at += 160) {
      const payload = Buffer.from(mulaw.subarray(at, at + 160)).toString('base64');
      this.sendJson({ event: 'media', media: { payload } });
    }
  }

  mark(name: string): void {
    this.sendJson({ event: 'mark', mark: { name } });
  }

  clear(): void {
    this.sendJson({ event: 'clear' });
  }

  /** Sends any text, e.g. a malformed message. */
  sendRaw(text: string): void {
    this.socket.send(text);
  }

  /** The agent ends the call. */
  hangUp(): Promise<void> {
    this.socket.close(1000);
    return this.closed;
  }

  private sendJson(message: object): void {
    const start = this.received.find((m) => m.event === 'start');
    this.socket.send(JSON.stringify({ ...message, streamSid: start?.streamSid }));
  }
}

/** A voice agent on a WebSocket server at 127.0.0.1 that takes Media Streams calls. */
export class AgentFixture {
  readonly calls: AgentCall[] = [];
  private readonly connections = new EventEmitter();

  private constructor(private readonly server: WebSocketServer) {
    server.on('connection', (socket) => {
      const call = new AgentCall(socket);
      this.calls.push(call);
      this.connections.emit('call', call);
    });
  }

  static async start(): Promise<AgentFixture> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    return new AgentFixture(server);
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}/media`;
  }

  /** The n-th call to connect (0-based), once it has. */
  call(index = 0): Promise<AgentCall> {
    if (this.calls[index]) return Promise.resolve(this.calls[index]);
    return new Promise((resolve) => {
      const listener = () => {
        if (!this.calls[index]) return;
        this.connections.off('call', listener);
        resolve(this.calls[index]);
      };
      this.connections.on('call', listener);
    });
  }

  async close(): Promise<void> {
    for (const client of this.server.clients) client.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
