import { createHash, randomBytes } from 'node:crypto';

/** A `Digest` challenge from WWW-Authenticate (401) or Proxy-Authenticate (407). */
export interface DigestChallenge {
  realm: string;
  nonce: string;
  opaque?: string;
  algorithm: string;
  /** The qop options offered, e.g. ['auth', 'auth-int']; empty for RFC 2069 style. */
  qop: string[];
  stale: boolean;
}

/** Parses `Digest realm="x", nonce="y", qop="auth"`; null when it is not a Digest challenge. */
export function parseDigestChallenge(header: string): DigestChallenge | null {
  const match = /^\s*Digest\s+(.*)$/is.exec(header);
  if (!match) return null;
  const params = new Map<string, string>();
  for (const m of match[1].matchAll(/([a-zA-Z-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g)) params.set(m[1].toLowerCase(), m[2] ?? m[3]);
  const realm = params.get('realm');
  const nonce = params.get('nonce');
  if (realm === undefined || !nonce) return null;
  return {
    realm,
    nonce,
    opaque: params.get('opaque'),
    algorithm: params.get('algorithm') ?? 'MD5',
    qop: (params.get('qop') ?? '').split(',').map((q) => q.trim()).filter(Boolean),
    stale: params.get('stale')?.toLowerCase() === 'true',
  };
}

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

export interface DigestAnswer {
  method: string;
  uri: string;
  username: string;
  password: string;
  /** How many requests used this nonce, this one included (nc). */
  nonceCount: number;
  /** Fixed in tests; random otherwise. */
  cnonce?: string;
}

/**
 * The Authorization / Proxy-Authorization value answering a challenge (RFC 2617, RFC 7616 with MD5):
 * qop=auth with nc and cnonce when the server offers it, the RFC 2069 form when it offers no qop.
 * Throws for algorithms other than MD5 and for a challenge that only offers auth-int.
 */
export function digestAuthorization(challenge: DigestChallenge, answer: DigestAnswer): string {
  if (challenge.algorithm.toUpperCase() !== 'MD5') throw new Error(`unsupported digest algorithm ${challenge.algorithm}`);
  if (challenge.qop.length && !challenge.qop.includes('auth')) throw new Error(`unsupported digest qop ${challenge.qop.join(',')}`);
  const ha1 = md5(`${answer.username}:${challenge.realm}:${answer.password}`);
  const ha2 = md5(`${answer.method}:${answer.uri}`);
  const parts = [`username="${answer.username}"`, `realm="${challenge.realm}"`, `nonce="${challenge.nonce}"`, `uri="${answer.uri}"`];
  if (challenge.qop.length) {
    const nc = answer.nonceCount.toString(16).padStart(8, '0');
    const cnonce = answer.cnonce ?? randomBytes(8).toString('hex');
    parts.push(`response="${md5(`${ha1}:${challenge.nonce}:${nc}:${cnonce}:auth:${ha2}`)}"`, `cnonce="${cnonce}"`, 'qop=auth', `nc=${nc}`);
  } else {
    parts.push(`response="${md5(`${ha1}:${challenge.nonce}:${ha2}`)}"`);
  }
  parts.push('algorithm=MD5');
  if (challenge.opaque !== undefined) parts.push(`opaque="${challenge.opaque}"`);
  return `Digest ${parts.join(', ')}`;
}
