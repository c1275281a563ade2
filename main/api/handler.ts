import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError, type ErrorCode } from '../../shared/errors';
import type { Core } from '../core';
import { sendFile, type FileToSend } from '../platform/http/byteRanges';
import { CSV_BODY_LIMIT, readBody, sendJson, sendStreamed, type StreamedFile } from '../platform/http/messages';
import { hashKey } from '../apiKeys/apiKeys';
import { buildOpenApi } from './openapi';
import { createRateLimiter } from './rateLimit';
import { matchRoute } from './routes';

export const STATUS_OF: Record<ErrorCode, number> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  internal: 500,
};

const JSON_BODY_LIMIT = 1024 * 1024;

/** A source (client address) that presents this many wrong keys within the window is throttled until the oldest leaves it. */
const FAILED_KEYS_PER_SOURCE = 20;
const FAILED_KEY_WINDOW_MS = 10 * 60_000;

export interface ApiOptions {
  /** Requests per key per hour (default 1000). */
  rateLimitPerHour?: number;
  /** Failed API keys one source may present in ten minutes (default 20). */
  failedKeysPerSource?: number;
  /** The clock the limits count by (tests inject one). */
  now?: () => number;
}

function rateLimited(seconds: number) {
  return { status: 429, headers: { 'retry-after': String(seconds) }, body: { success: false, error: { code: 'rate_limited', message: `Rate limit reached; retry in ${seconds} s` } } };
}

/** Query strings carry text; "true"/"false" become booleans so the shared schemas read them. */
function queryObject(url: URL): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of url.searchParams) out[key] = value === 'true' ? true : value === 'false' ? false : value;
  return out;
}

function parseJson(text: string): unknown {
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('validation', 'The body is not valid JSON', { body: 'Malformed JSON' });
  }
}

/** A `teamId` in the body or query must be the key's own team (403), and is then dropped. */
function dropOwnTeamId(holder: unknown, teamId: string): void {
  if (!holder || typeof holder !== 'object' || Array.isArray(holder) || !('teamId' in holder)) return;
  const record = holder as Record<string, unknown>;
  if (record.teamId !== teamId) throw AppError.forbidden('teamId is not the team of this API key');
  delete record.teamId;
}

/** The local REST API over the shared services: bearer API keys, `{ success, … }` JSON bodies, field-level 400s. */
export function createApiHandler(core: Core, options: ApiOptions = {}) {
  const limiter = createRateLimiter(options.rateLimitPerHour ?? 1000, { now: options.now });
  const failures = createRateLimiter(options.failedKeysPerSource ?? FAILED_KEYS_PER_SOURCE, { windowMs: FAILED_KEY_WINDOW_MS, now: options.now });
  /**
   * Hashes of keys that have authenticated: a client that already works keeps working while its
   * source is throttled, and every other key from there is refused unchecked, so the throttle
   * answers a right guess as it answers a wrong one.
   */
  const provenKeys = new Set<string>();
  let openApi: unknown;

  async function respond(req: IncomingMessage, url: URL): Promise<{ status: number; body: unknown; headers?: Record<string, string>; csv?: string; file?: FileToSend; download?: StreamedFile }> {
    if (url.pathname === '/api/openapi.json' && req.method === 'GET') return { status: 200, body: (openApi ??= buildOpenApi()) };
    const key = req.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (!key) throw new AppError('unauthorized', 'Send an API key as "Authorization: Bearer <key>" (create one in Settings or with npm run api-key)');
    const source = req.socket.remoteAddress ?? '';
    const keyHash = hashKey(key);
    const throttled = failures.wait(source);
    if (throttled && !provenKeys.has(keyHash)) return rateLimited(throttled);
    const caller = await core.services.apiKeys.authenticate(key);
    if (!caller) {
      failures.take(source);
      throw new AppError('unauthorized', 'This API key is not valid or was revoked');
    }
    provenKeys.add(keyHash);
    // HEAD is a GET without its body (a media player asks for a file's size so)
    const matched = matchRoute(req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET'), url.pathname);
    if (matched instanceof AppError) throw matched;
    const wait = limiter.take(caller.keyId);
    if (wait) return rateLimited(wait);

    const { route, params } = matched;
    const text = req.method === 'GET' || req.method === 'HEAD' || req.method === 'DELETE' ? '' : await readBody(req, route.csvBody ? CSV_BODY_LIMIT : (route.bodyLimit ?? JSON_BODY_LIMIT));
    const body = route.csvBody ? {} : parseJson(text);
    const query = queryObject(url);
    dropOwnTeamId(body, caller.teamId);
    dropOwnTeamId(query, caller.teamId);
    const result = await route.handle({ caller, params, query, body, text, method: route.method, services: core.services, operations: core.handlers });
    if (route.download && result.download) return { status: 200, body: null, download: result.download as StreamedFile };
    if (route.fileResponse) return { status: 200, body: null, file: { ...(result.file as Omit<FileToSend, 'contentType'>), contentType: route.fileResponse } };
    if (route.csvResponse) return { status: 200, body: null, csv: String(result.csv), headers: { 'content-disposition': `attachment; filename="${String(result.filename)}"` } };
    return { status: route.status ?? 200, body: { success: true, ...result } };
  }

  return async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    try {
      const { status, body, headers, csv, file, download } = await respond(req, url);
      if (file) return await sendFile(req, res, file);
      if (download) return await sendStreamed(res, download);
      if (headers) for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
      if (csv === undefined) sendJson(res, status, body);
      else res.writeHead(status, { 'content-type': 'text/csv; charset=utf-8', 'cache-control': 'no-store' }).end(csv);
    } catch (error) {
      if (res.headersSent) {
        core.log.error('api response failed midway', { method: req.method, path: url.pathname, error: String((error as Error)?.stack ?? error) });
        return void res.destroy();
      }
      if (error instanceof AppError) {
        sendJson(res, STATUS_OF[error.code], { success: false, error: error.toShape() });
        return;
      }
      core.log.error('api request failed', { method: req.method, path: url.pathname, error: String((error as Error)?.stack ?? error) });
      sendJson(res, 500, { success: false, error: { code: 'internal', message: 'Internal error; see the Dialwell log' } });
    }
  };
}
