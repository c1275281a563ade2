import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { EVENT_NAMES, type Channel } from '../../shared/contract/channels';
import { EXPORT_PATH, EXPORT_REQUEST_PARAM, SESSION_FRAGMENT_PARAM } from '../../shared/contract/hostSession';
import { exportRequest } from '../../shared/exports/exports';
import { parseInput } from '../../shared/validation';
import { AppError } from '../../shared/errors';
import { createApiHandler, STATUS_OF, type ApiOptions } from '../api/handler';
import type { Core } from '../core';
import { dispatch } from '../ipc/dispatch';
import { hasRequestSecret, hasSessionCookie, isOwnOriginRequest, isOwnScriptRequest, NOT_OWN_ORIGIN, sameSecret, sessionCookieName } from '../platform/http/access';
import { signedRecording } from '../calls/signedRecording';
import { sendFile } from '../platform/http/byteRanges';
import { CSV_BODY_LIMIT, parseJsonText, readJsonBody, sendJson, sendStreamed } from '../platform/http/messages';
import { serveStatic } from './static';
import { sendTokenHelpPage, wantsPage } from './tokenHelpPage';

/** An RPC body: JSON, the largest an audio upload (a WAV in base64) or an enrolment of 100,000 contact ids. */
const RPC_BODY_LIMIT = 10 * 1024 * 1024;
/** The channels whose request carries a whole CSV file (in JSON) have the CSV limit. */
const CSV_CHANNELS = new Set<string>(['contacts.importPreview', 'contacts.import', 'dnc.import'] satisfies Channel[]);
const SSE_HEARTBEAT_MS = 25_000;

export interface HostOptions {
  core: Core;
  rendererDir: string;
  /** The secret the printed URL carries; random when not given. */
  token?: string;
  api?: ApiOptions;
}

export interface Host {
  server: Server;
  token: string;
  /** Listens on 127.0.0.1 only and resolves with the URL to open (it carries the token). */
  listen(port: number): Promise<string>;
  close(): Promise<void>;
}

/**
 * The headless host: the handler table over HTTP (+ server-sent events) and the built renderer, for a
 * browser, plus the REST API under /api/ (API keys instead of the page token).
 */
export function createHost({ core, rendererDir, token = randomBytes(24).toString('base64url'), api }: HostOptions): Host {
  const handleApi = createApiHandler(core, api);
  const sseClients = new Set<ServerResponse>();

  // this process's one browser session: it dies with the process, and the printed token is never stored in a browser
  const sessionId = randomBytes(24).toString('base64url');
  const requestSecret = randomBytes(24).toString('base64url');

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isOwnOriginRequest(req)) return sendJson(res, 403, NOT_OWN_ORIGIN);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/api/')) return handleApi(req, res, url);
    if (url.searchParams.has('token')) {
      if (!sameSecret(url.searchParams.get('token')!, token)) return refuseUnauthorized(req, res);
      // Trade the token in the URL for the session, then drop it from the address bar.
      url.searchParams.delete('token');
      res.writeHead(303, {
        'set-cookie': `${sessionCookieName(req)}=${sessionId}; HttpOnly; SameSite=Strict; Path=/`,
        location: `${url.pathname}${url.search}#${SESSION_FRAGMENT_PARAM}=${requestSecret}`,
      });
      return void res.end();
    }
    if (!hasSessionCookie(req, sessionId)) return refuseUnauthorized(req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD' && !isOwnScriptRequest(req, requestSecret)) {
      return sendJson(res, 403, { success: false, error: { code: 'forbidden', message: 'A change must come from the Dialwell page itself (JSON with its session header)' } });
    }
    if (core.services.recordingLinks.isRecordingPath(url.pathname) && (req.method === 'GET' || req.method === 'HEAD')) {
      return sendFile(req, res, await signedRecording(core.services, url));
    }
    const rpc = url.pathname.match(/^\/rpc\/([\w.]+)$/);
    if (rpc && req.method === 'POST') {
      const payload = await readJsonBody(req, CSV_CHANNELS.has(rpc[1]) ? CSV_BODY_LIMIT : RPC_BODY_LIMIT);
      return sendJson(res, 200, await dispatch(core.handlers, rpc[1], payload, core.localTeam, core.log));
    }
    if (url.pathname === '/events' && req.method === 'GET') return openEventStream(res);
    if (url.pathname === EXPORT_PATH && req.method === 'GET') return sendExport(req, res, url);
    if (req.method === 'GET' || req.method === 'HEAD') return serveStatic(rendererDir, url.pathname, res);
    sendJson(res, 404, { success: false, error: { code: 'not_found', message: `No route ${req.method} ${url.pathname}` } });
  }

  /** An export for the page: only its own script may ask (the secret header), since the file is the workspace's data. */
  async function sendExport(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (!hasRequestSecret(req, requestSecret)) return sendJson(res, 403, { success: false, error: { code: 'forbidden', message: 'An export must be asked for by the Dialwell page itself (with its session header)' } });
    const request = parseInput(exportRequest, parseJsonText(url.searchParams.get(EXPORT_REQUEST_PARAM) ?? ''));
    return sendStreamed(res, await core.services.exports.open(core.localTeam, request));
  }

  function refuseUnauthorized(req: IncomingMessage, res: ServerResponse): void {
    // a person opening an old address reads what happened and what to do; the page's own calls get JSON
    if (wantsPage(req)) return sendTokenHelpPage(req, res);
    sendJson(res, 401, { success: false, error: { code: 'unauthorized', message: 'Open the URL Dialwell printed (it carries the access token)' } });
  }

  function openEventStream(res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': connected\n\n');
    sseClients.add(res);
    res.on('close', () => sseClients.delete(res));
  }

  const unsubscribe = EVENT_NAMES.map((name) =>
    core.services.events.on(name, (payload) => {
      const frame = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
      for (const client of sseClients) client.write(frame);
    }),
  );
  const heartbeat = setInterval(() => {
    for (const client of sseClients) client.write(': ping\n\n');
  }, SSE_HEARTBEAT_MS).unref();

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof AppError && !res.headersSent) return sendJson(res, STATUS_OF[error.code], { success: false, error: error.toShape() });
      core.log.error('host request failed', { url: req.url, error: String(error) });
      if (!res.headersSent) sendJson(res, 500, { success: false, error: { code: 'internal', message: 'Internal error' } });
      // cut, not ended: a download that broke midway must not look whole
      else res.destroy();
    });
  });

  return {
    server,
    token,
    listen(port) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => {
          const address = server.address();
          const actual = typeof address === 'object' && address ? address.port : port;
          resolve(`http://127.0.0.1:${actual}/?token=${token}`);
        });
      });
    },
    async close() {
      clearInterval(heartbeat);
      unsubscribe.forEach((off) => off());
      for (const client of sseClients) client.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
