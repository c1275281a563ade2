// The OpenAI Realtime WebSocket, through the official `openai` package's client (openai/realtime/ws) and its GA
// event types. That client always dials wss:, whatever the base URL says; an OpenAI-compatible gateway on
// http:// (or a local test server) speaks plain ws:, so for an http base URL the client's socket is handed a
// plain TCP connection to the base URL's own host and port, and the WebSocket then runs over it unencrypted.
import { connect } from 'node:net';
import OpenAI from 'openai';
import type { RealtimeClientEvent, RealtimeError, RealtimeServerEvent } from 'openai/resources/realtime/realtime';
import { OpenAIRealtimeWS } from 'openai/realtime/ws';
import type { ClientOptions } from 'ws';

export interface RealtimeConnection {
  apiKey: string;
  /** An http(s) API base URL, such as https://api.openai.com/v1. */
  baseUrl: string;
  model: string;
}

export interface RealtimeSocketHandlers {
  onEvent(event: RealtimeServerEvent): void;
  /** The connection ended without close(); `failure` says why, in words for the call's record. Fires once. */
  onGone(failure: string): void;
}

/** The callee's audio (μ-law) appended to the engine's input. */
export const audioAppend = (mulaw: Uint8Array): RealtimeClientEvent => ({ type: 'input_audio_buffer.append', audio: Buffer.from(mulaw).toString('base64') });

export const KEY_REJECTED = 'OpenAI rejected the API key';
export const NO_API_KEY = 'no OpenAI API key is set: save one in Settings → Voice engine, or start Dialwell with OPENAI_API_KEY';
export const unreachable = (why: string) => `the voice engine could not be reached: ${why}`;

const HANDSHAKE_TIMEOUT_MS = 10_000;
/** How long close() waits for the engine to answer our close frame. */
const CLOSE_GRACE_MS = 1_000;
/** Enough of a refused upgrade's body for the error message in it. */
const MAX_REFUSAL_BODY = 4_096;
/** The socket's readyState values (the ws constants, without importing ws as a value). */
const CONNECTING = 0;
const OPEN = 1;
const CLOSED = 3;

/** An error event's meaning for the call: a key OpenAI refuses is said plainly, anything else with its message. */
export function describeRealtimeError(error: RealtimeError): string {
  if (error.code === 'invalid_api_key') return KEY_REJECTED;
  return `the voice engine failed: ${error.message}${error.code ? ` (${error.code})` : ''}`;
}

/** An upgrade the server refused: 401 is the key; anything else with the status and OpenAI's error message, if the body has one. */
function describeRefusal(status: number, body: string): string {
  if (status === 401) return KEY_REJECTED;
  let message = '';
  try {
    message = String((JSON.parse(body) as { error?: { message?: unknown } }).error?.message ?? '');
  } catch {
    // not JSON: the status alone says enough
  }
  return unreachable(`HTTP ${status}${message ? ` (${message})` : ''}`);
}

/**
 * The socket options for a base URL: over https the client's own TLS connection; over http a plain TCP one to
 * the URL's host and port (80 when it names none: the client's wss: URL would otherwise mean 443).
 */
function socketOptions(baseUrl: URL): ClientOptions {
  const options: ClientOptions = { handshakeTimeout: HANDSHAKE_TIMEOUT_MS };
  if (baseUrl.protocol !== 'http:') return options;
  const host = baseUrl.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = Number(baseUrl.port || 80);
  return { ...options, createConnection: () => connect({ host, port }) };
}

export class RealtimeSocket {
  private readonly client: OpenAIRealtimeWS;
  private opened = false;
  private ended = false;
  /** The last event, when it was an error: if the engine then closes the socket, that is why. */
  private lastError: RealtimeError | null = null;

  constructor(connection: RealtimeConnection, private readonly handlers: RealtimeSocketHandlers) {
    const openai = new OpenAI({ apiKey: connection.apiKey, baseURL: connection.baseUrl });
    this.client = new OpenAIRealtimeWS({ model: connection.model, options: socketOptions(new URL(connection.baseUrl)) }, openai);
    const socket = this.client.socket;
    socket.on('open', () => (this.opened = true));
    // listening here keeps ws from turning a refused upgrade into a bare "Unexpected server response"
    socket.on('unexpected-response', (_request, response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body = (body + chunk).slice(0, MAX_REFUSAL_BODY)));
      response.on('end', () => this.fail(describeRefusal(response.statusCode ?? 0, body)));
      response.on('error', () => this.fail(describeRefusal(response.statusCode ?? 0, body)));
    });
    this.client.on('event', (event) => {
      if (this.ended) return;
      if (event.type === 'error' && event.error.code === 'invalid_api_key') return this.fail(KEY_REJECTED);
      // an engine closes right after the error that ends a session; an error followed by more events was about one event only
      this.lastError = event.type === 'error' ? event.error : null;
      this.handlers.onEvent(event);
    });
    // error events of the engine came through 'event' above; what is left is the connection failing
    this.client.on('error', (error) => {
      if (error.error || this.opened) return;
      this.fail(unreachable((error.cause as Error | undefined)?.message ?? error.message));
    });
    socket.on('close', (code, reason) => {
      if (this.lastError) return this.fail(describeRealtimeError(this.lastError));
      const why = reason.toString();
      this.fail(`the voice engine closed the connection (code ${code}${why ? `: ${why}` : ''})`);
    });
  }

  /** Sends when connected (returns true); before that, and once ended, the event is dropped. */
  send(event: RealtimeClientEvent): boolean {
    if (this.ended || this.client.socket.readyState !== OPEN) return false;
    this.client.send(event);
    return true;
  }

  /** Ends the connection as failed: reports `failure` (once, unless close() came first) and drops the socket. */
  fail(failure: string): void {
    if (this.ended) return;
    this.ended = true;
    this.handlers.onGone(failure);
    this.client.socket.terminate();
  }

  /** Closes the connection; nothing is reported. */
  async close(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    const socket = this.client.socket;
    if (socket.readyState === CLOSED) return;
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    if (socket.readyState === CONNECTING) socket.terminate();
    else this.client.close({ code: 1000, reason: 'call ended' });
    const timer = setTimeout(() => socket.terminate(), CLOSE_GRACE_MS);
    await closed;
    clearTimeout(timer);
  }
}
