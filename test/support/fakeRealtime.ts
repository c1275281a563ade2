// A stand-in for OpenAI's Realtime servers: a real WebSocket server on 127.0.0.1 that speaks the GA event
// shapes (typed with the `openai` package's own event types), scripted by the test and recording what it got.
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { RealtimeClientEvent, RealtimeServerEvent, RealtimeSessionCreateRequest } from 'openai/resources/realtime/realtime';
import { WebSocketServer, type WebSocket } from 'ws';
import { firstArrival } from './arrivals';

export const FAKE_API_KEY = 'sk-fake-realtime-key-0123456789';

type WithoutEventId<T> = T extends unknown ? Omit<T, 'event_id'> : never;
export type ServerEvent = WithoutEventId<RealtimeServerEvent>;
type ClientEventOf<T extends RealtimeClientEvent['type']> = Extract<RealtimeClientEvent, { type: T }>;

export interface FakeRealtimeOptions {
  /** How a key other than FAKE_API_KEY is refused: 401 on the upgrade (as OpenAI does), or an `invalid_api_key` error event and a close. */
  badKey?: 'http-401' | 'error-event';
  /** Accept connections and never answer (no session.created): for timeouts. */
  silent?: boolean;
}

const BYTES_PER_MS = 8;
const INVALID_KEY = { type: 'invalid_request_error', code: 'invalid_api_key', message: 'Incorrect API key provided.' };

/** One client connection as the engine sees it. */
export class FakeRealtimeSession {
  readonly received: RealtimeClientEvent[] = [];
  readonly closed: Promise<{ code: number }>;
  private readonly arrivals = new EventEmitter();
  private readonly audio: Buffer[] = [];
  private appendedBytes = 0;
  private nextId = 1;
  /** Audio ms the engine sent for each agent item, to refuse a truncate past its end as the real server does. */
  private readonly itemAudioMs = new Map<string, number>();
  private session: RealtimeSessionCreateRequest = { type: 'realtime' };

  constructor(
    private readonly socket: WebSocket,
    /** The `model` the client put in the URL. */
    readonly model: string | null,
  ) {
    socket.on('message', (data) => this.receive(JSON.parse(data.toString()) as RealtimeClientEvent));
    this.closed = new Promise((resolve) => socket.once('close', (code) => resolve({ code })));
  }

  /** Calls `listener` with each client event as it arrives (for measuring when it did). */
  onEvent(listener: (event: RealtimeClientEvent) => void): void {
    this.arrivals.on('event', listener);
  }

  /** Every byte of input_audio_buffer.append so far, in order. */
  appendedAudio(): Buffer {
    return Buffer.concat(this.audio);
  }

  /** The `session` of the last session.update. */
  async sessionUpdate(): Promise<RealtimeSessionCreateRequest> {
    const update = await this.next('session.update');
    return update.session as RealtimeSessionCreateRequest;
  }

  /** The first client event of this type (already received or still to come) that matches. */
  next<T extends RealtimeClientEvent['type']>(type: T, matches: (event: ClientEventOf<T>) => boolean = () => true): Promise<ClientEventOf<T>> {
    const test = (event: RealtimeClientEvent): event is ClientEventOf<T> => event.type === type && matches(event as ClientEventOf<T>);
    return firstArrival(this.received, this.arrivals, 'event', test) as Promise<ClientEventOf<T>>;
  }

  /** Resolves once this many bytes of audio have been appended. */
  async audioReaches(bytes: number): Promise<void> {
    await firstArrival([this.appendedBytes], this.arrivals, 'audio', (appended: number) => appended >= bytes);
  }

  /** The server's VAD: once `ms` of audio has been appended, the caller "starts speaking"; resolves with the input item's id. */
  async speechStartsAfter(ms: number): Promise<string> {
    await this.audioReaches(ms * BYTES_PER_MS);
    const itemId = this.id('item');
    this.emit({ type: 'input_audio_buffer.speech_started', audio_start_ms: ms, item_id: itemId });
    return itemId;
  }

  /** The transcription of what the caller said in an input item. */
  transcribe(itemId: string, transcript: string): void {
    this.emit({ type: 'conversation.item.input_audio_transcription.completed', item_id: itemId, content_index: 0, transcript, usage: { type: 'duration', seconds: 1 } });
  }

  /**
   * A response in which the agent says `transcript` as `audio` (μ-law), in deltas of `chunkBytes`. With
   * `finish: false` it stops after the audio deltas (the response still under way); finish it with finishSaying.
   */
  say(transcript: string, audio: Buffer, { chunkBytes = 800, finish = true } = {}): { itemId: string; responseId: string } {
    const responseId = this.id('resp');
    const itemId = this.id('item');
    const part = { response_id: responseId, item_id: itemId, output_index: 0, content_index: 0 };
    this.emit({ type: 'response.created', response: { id: responseId, object: 'realtime.response', status: 'in_progress', output: [] } });
    this.emit({ type: 'response.output_item.added', response_id: responseId, output_index: 0, item: { id: itemId, type: 'message', role: 'assistant', content: [] } });
    this.emit({ type: 'response.content_part.added', ...part, part: { type: 'audio', transcript: '' } });
    for (let at = 0; at < audio.length; at += chunkBytes) {
      this.emit({ type: 'response.output_audio.delta', ...part, delta: audio.subarray(at, at + chunkBytes).toString('base64') });
    }
    this.itemAudioMs.set(itemId, audio.length / BYTES_PER_MS);
    this.emit({ type: 'response.output_audio_transcript.delta', ...part, delta: transcript });
    if (finish) this.finishSaying({ itemId, responseId }, transcript);
    return { itemId, responseId };
  }

  finishSaying({ itemId, responseId }: { itemId: string; responseId: string }, transcript: string, status: 'completed' | 'cancelled' = 'completed'): void {
    const part = { response_id: responseId, item_id: itemId, output_index: 0, content_index: 0 };
    this.emit({ type: 'response.output_audio.done', ...part });
    this.emit({ type: 'response.output_audio_transcript.done', ...part, transcript });
    this.emit({ type: 'response.done', response: { id: responseId, object: 'realtime.response', status } });
  }

  /** A response in which the model calls a tool; returns its call_id. */
  callTool(name: string, args: unknown): string {
    const responseId = this.id('resp');
    const callId = this.id('call');
    const itemId = this.id('item');
    const argumentsJson = typeof args === 'string' ? args : JSON.stringify(args);
    this.emit({ type: 'response.created', response: { id: responseId, object: 'realtime.response', status: 'in_progress', output: [] } });
    this.emit({ type: 'response.function_call_arguments.done', response_id: responseId, item_id: itemId, output_index: 0, call_id: callId, name, arguments: argumentsJson });
    this.emit({ type: 'response.done', response: { id: responseId, object: 'realtime.response', status: 'completed', output: [{ id: itemId, type: 'function_call', call_id: callId, name, arguments: argumentsJson }] } });
    return callId;
  }

  /** An error event, as the server sends one for a client event it refuses (`event_id`: that event's). */
  fail(error: { type: string; code?: string; message: string; event_id?: string }): void {
    this.emit({ type: 'error', error });
  }

  /** The server ends the connection. */
  hangUp(code = 1000): void {
    this.socket.close(code);
  }

  emit(event: ServerEvent): void {
    this.socket.send(JSON.stringify({ event_id: this.id('event'), ...event }));
  }

  private receive(event: RealtimeClientEvent): void {
    this.received.push(event);
    switch (event.type) {
      case 'input_audio_buffer.append': {
        const bytes = Buffer.from(event.audio, 'base64');
        this.audio.push(bytes);
        this.appendedBytes += bytes.length;
        this.arrivals.emit('audio', this.appendedBytes);
        break;
      }
      case 'session.update':
        this.session = { ...this.session, ...(event.session as RealtimeSessionCreateRequest) };
        this.emit({ type: 'session.updated', session: this.session });
        break;
      case 'conversation.item.truncate': {
        const audioMs = this.itemAudioMs.get(event.item_id);
        if (audioMs === undefined || event.audio_end_ms > audioMs) {
          this.fail({ type: 'invalid_request_error', message: `Audio content of ${audioMs ?? 0}ms is shorter than ${event.audio_end_ms}ms`, event_id: event.event_id });
        } else {
          this.emit({ type: 'conversation.item.truncated', item_id: event.item_id, content_index: event.content_index, audio_end_ms: event.audio_end_ms });
        }
        break;
      }
      case 'conversation.item.create':
        this.emit({ type: 'conversation.item.added', item: { id: this.id('item'), ...event.item } });
        break;
    }
    this.arrivals.emit('event', event);
  }

  private id(kind: string): string {
    return `${kind}_fake${this.nextId++}`;
  }
}

/** The fake OpenAI: its baseUrl is an http API base URL, as a user would type it (the client derives ws://…/v1/realtime). */
export class FakeRealtime {
  readonly sessions: FakeRealtimeSession[] = [];
  /** The Authorization header of every upgrade request, accepted or not. */
  readonly authorizations: (string | undefined)[] = [];
  private readonly arrivals = new EventEmitter();
  private readonly sockets = new WebSocketServer({ noServer: true });
  /** How many sessions nextSession() has handed out. */
  private taken = 0;

  private constructor(
    private readonly server: ReturnType<typeof createServer>,
    readonly baseUrl: string,
    private readonly options: FakeRealtimeOptions,
  ) {
    server.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) => this.upgrade(request, socket, head));
  }

  static async start(options: FakeRealtimeOptions = {}): Promise<FakeRealtime> {
    const server = createServer((_request, response) => response.writeHead(404).end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new FakeRealtime(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, options);
  }

  /** The next session to connect (or the first one not yet taken by an earlier call). */
  nextSession(): Promise<FakeRealtimeSession> {
    const taken = this.taken++;
    if (this.sessions[taken]) return Promise.resolve(this.sessions[taken]);
    return new Promise((resolve) => this.arrivals.once(`session-${taken}`, resolve));
  }

  /** The session configured with instructions that contain `text`: sessions of calls placed at once connect in any order. */
  sessionInstructedWith(text: string): Promise<FakeRealtimeSession> {
    return new Promise((resolve) => {
      const check = (session: FakeRealtimeSession) =>
        void session.next('session.update', (update) => Boolean((update.session as RealtimeSessionCreateRequest).instructions?.includes(text))).then(() => resolve(session));
      this.sessions.forEach(check);
      this.arrivals.on('session', check);
    });
  }

  close(): Promise<void> {
    for (const client of this.sockets.clients) client.terminate();
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private upgrade(request: IncomingMessage, socket: Socket, head: Buffer): void {
    const { options } = this;
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    this.authorizations.push(request.headers.authorization);
    const keyIsGood = request.headers.authorization === `Bearer ${FAKE_API_KEY}`;
    if (url.pathname !== '/v1/realtime') return void socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\n\r\n');
    if (!keyIsGood && options.badKey !== 'error-event') {
      const body = JSON.stringify({ error: INVALID_KEY });
      return void socket.end(`HTTP/1.1 401 Unauthorized\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
    }
    this.sockets.handleUpgrade(request, socket, head, (ws) => {
      const session = new FakeRealtimeSession(ws, url.searchParams.get('model'));
      if (!keyIsGood) {
        session.fail(INVALID_KEY);
        return ws.close(1008);
      }
      this.sessions.push(session);
      this.arrivals.emit(`session-${this.sessions.length - 1}`, session);
      this.arrivals.emit('session', session);
      if (!options.silent) session.emit({ type: 'session.created', session: { type: 'realtime', model: session.model ?? undefined } });
    });
  }
}
