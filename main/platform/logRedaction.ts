// What a log line may not carry: secrets (passwords, API keys, tokens, session cookies, credentials in
// URLs and SIP headers) never; phone numbers only at debug level. Applied to every entry, whatever the code
// that logs it passes (an object it had at hand, an error whose message quotes a request), so a secret
// that reaches a log call does not reach the file.

export const REDACTED = '[redacted]';

/** Field names whose values are secrets, whatever they hold. */
const SECRET_FIELD = /pass(word|phrase)|secret|token|authori[sz]ation|cookie|credential|private[-_]?key|^key$|api[-_]?key$/i;

/** Secrets inside text, each with what to keep of the match (the label, not the value). */
const SECRET_TEXT: [RegExp, string][] = [
  // Authorization / Proxy-Authorization headers (Bearer keys, Basic and SIP Digest credentials), to the end of the line
  [/\b((?:proxy-)?authorization\s*[:=]\s*)[^\r\n]*/gi, `$1${REDACTED}`],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, `$1 ${REDACTED}`],
  // a SIP Digest answer (its response hash can be brute-forced back to the password); challenges stay
  [/\bDigest\s+(?=[^\r\n]*\bresponse=)[^\r\n]*/g, `Digest ${REDACTED}`],
  // Dialwell API keys, wherever they appear
  [/\b(dw_live_)[A-Za-z0-9]+/g, `$1${REDACTED}`],
  // OpenAI API keys (sk-…, sk-proj-…), wherever they appear
  [/\b(sk-)[A-Za-z0-9_-]{16,}/g, `$1${REDACTED}`],
  // the headless host's session cookies and the token its URL carries
  [/\b(dw_(?:session_\d+|token)=)[^;\s"']+/g, `$1${REDACTED}`],
  [/([?&#;](?:token|key|api[-_]?key|access_token|password|secret)=)[^&#\s"']+/gi, `$1${REDACTED}`],
  // user:password@ in a URL (ws://, https://) or a SIP URI
  [/\b([a-z][a-z0-9+.-]*:\/\/[^/\s:@]*):[^/\s@]*@/gi, `$1:${REDACTED}@`],
  [/\b(sips?:[^\s:@]+):[^\s@]+@/gi, `$1:${REDACTED}@`],
  // "password": "…" or password=… inside a message that quotes a request
  [/("?\b(?:password|secret|token|\w*api[-_]?key)"?\s*[:=]\s*"?)[^"&,;}\s]+/gi, `$1${REDACTED}`],
];

/** +12125550142 (also written +1 212-555-0142) and the digits of sip:/tel: URIs. */
const PHONE = /\+\d[\d ().-]{5,18}\d|(?<=\b(?:sips?|tel):)\d{7,15}(?=[@;>\s]|$)/g;

/** +1212•••0142: the country and area code to tell numbers apart, the last four to find one; the rest hidden. */
export function maskPhone(text: string): string {
  const digits = text.replace(/\D/g, '');
  const plus = text.startsWith('+') ? '+' : '';
  return digits.length >= 9 ? `${plus}${digits.slice(0, 4)}•••${digits.slice(-4)}` : `${plus}${digits.slice(0, 2)}•••${digits.slice(-2)}`;
}

function cleanText(text: string, maskPhones: boolean): string {
  let out = text;
  for (const [pattern, keep] of SECRET_TEXT) out = out.replace(pattern, keep);
  return maskPhones ? out.replace(PHONE, maskPhone) : out;
}

const MAX_DEPTH = 8;

/** A copy of a log entry's value, safe to write: secrets replaced, phone numbers masked unless `maskPhones` is false. */
export function redact(value: unknown, maskPhones: boolean, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return cleanText(value, maskPhones);
  if (value === null || typeof value !== 'object') return typeof value === 'bigint' ? String(value) : value;
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[too deep]';
  seen.add(value);
  if (value instanceof Error) return redact({ name: value.name, message: value.message, stack: value.stack }, maskPhones, depth + 1, seen);
  if (Array.isArray(value)) return value.map((item) => redact(item, maskPhones, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    out[key] = SECRET_FIELD.test(key) && field !== null && field !== undefined && typeof field !== 'boolean' ? REDACTED : redact(field, maskPhones, depth + 1, seen);
  }
  return out;
}
