import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
export const TOKEN_COOKIE = 'dw_token';

function hostName(hostHeader: string): string {
  return hostHeader.startsWith('[') ? hostHeader.slice(0, hostHeader.indexOf(']') + 1) : hostHeader.split(':')[0];
}

/**
 * DNS-rebinding defence: a page on evil.example that resolves to 127.0.0.1 still sends its own
 * name in Host and Origin, so only loopback names are served.
 */
export function isLoopbackRequest(req: IncomingMessage): boolean {
  const host = req.headers.host;
  if (!host || !LOOPBACK_NAMES.has(hostName(host).toLowerCase())) return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    return LOOPBACK_NAMES.has(new URL(origin).hostname.toLowerCase());
  } catch {
    return false;
  }
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/** The access token a request presents: `?token=`, the session cookie, or a bearer header. */
export function presentedToken(req: IncomingMessage, url: URL): string | undefined {
  const bearer = req.headers.authorization?.match(/^Bearer (.+)$/)?.[1];
  return url.searchParams.get('token') ?? cookieValue(req.headers.cookie, TOKEN_COOKIE) ?? bearer;
}

export function hasToken(req: IncomingMessage, url: URL, token: string): boolean {
  const presented = presentedToken(req, url);
  return presented !== undefined && sameSecret(presented, token);
}
