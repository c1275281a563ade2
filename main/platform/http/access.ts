import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { REQUEST_SECRET_HEADER } from '../../../shared/contract/hostSession';

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
/** The loopback names as they appear in an origin. */
const ORIGIN_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

function hostName(hostHeader: string): string {
  return hostHeader.startsWith('[') ? hostHeader.slice(0, hostHeader.indexOf(']') + 1) : hostHeader.split(':')[0];
}

/** The origins that are this server itself: each loopback name with the port the request came in on. */
function ownOrigins(req: IncomingMessage): string[] {
  return ORIGIN_NAMES.map((name) => new URL(`http://${name}:${req.socket.localPort}`).origin);
}

/**
 * DNS-rebinding defence: a page on evil.example that resolves to 127.0.0.1 still sends its own
 * name in Host, so only loopback names are served. And a browser's Origin, when sent, must be this
 * server exactly: a page on another port of 127.0.0.1 (any local dev server) is another origin.
 */
export function isOwnOriginRequest(req: IncomingMessage): boolean {
  const host = req.headers.host;
  if (!host || !LOOPBACK_NAMES.has(hostName(host).toLowerCase())) return false;
  const origin = req.headers.origin;
  return origin === undefined || ownOrigins(req).includes(origin);
}

export const NOT_OWN_ORIGIN = { success: false, error: { code: 'forbidden', message: "Only loopback host names and this host's own origin are served" } };

export function sameSecret(a: string | undefined, b: string): boolean {
  if (a === undefined) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Named by port: a browser sends its cookies for 127.0.0.1 to every port there, so two hosts side
 * by side would otherwise overwrite each other's session.
 */
export function sessionCookieName(req: IncomingMessage): string {
  return `dw_session_${req.socket.localPort}`;
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

export function hasSessionCookie(req: IncomingMessage, sessionId: string): boolean {
  return sameSecret(cookieValue(req.headers.cookie, sessionCookieName(req)), sessionId);
}

/**
 * A request that changes something must come from the host's own script: JSON (a form can only send
 * text/plain, urlencoded or multipart) with the session's secret header (which another origin can
 * neither know nor send without a CORS preflight, and the host grants none).
 */
export function isOwnScriptRequest(req: IncomingMessage, requestSecret: string): boolean {
  const type = req.headers['content-type']?.split(';')[0].trim().toLowerCase();
  return type === 'application/json' && hasRequestSecret(req, requestSecret);
}

/** The session's secret header is there: the host's own script sent this (a link or a form another page made cannot). */
export function hasRequestSecret(req: IncomingMessage, requestSecret: string): boolean {
  const presented = req.headers[REQUEST_SECRET_HEADER.toLowerCase()];
  return typeof presented === 'string' && sameSecret(presented, requestSecret);
}
