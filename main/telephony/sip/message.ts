/**
 * SIP messages (RFC 3261 §7): parse and serialize. Hand-written on purpose: no maintained npm library
 * speaks SIP over plain UDP/TCP (the maintained ones are SIP-over-WebSocket for browsers), and the part
 * a user agent needs is small.
 */

export interface SipRequest {
  kind: 'request';
  method: string;
  uri: string;
  headers: SipHeaders;
  body: string;
}

export interface SipResponse {
  kind: 'response';
  status: number;
  reason: string;
  headers: SipHeaders;
  body: string;
}

export type SipMessage = SipRequest | SipResponse;

/** Headers whose values hold commas that do not separate list items. */
const NOT_LISTS = new Set(['www-authenticate', 'proxy-authenticate', 'authorization', 'proxy-authorization', 'date', 'user-agent', 'server', 'subject']);

/** Compact header forms (RFC 3261 §7.3.3) mapped to their full names. */
const COMPACT: Record<string, string> = { v: 'via', f: 'from', t: 'to', i: 'call-id', m: 'contact', l: 'content-length', c: 'content-type', k: 'supported' };

/** Headers in order, names case-insensitive; a header may repeat. */
export class SipHeaders {
  private readonly list: [string, string][] = [];

  static of(entries: [string, string][]): SipHeaders {
    const headers = new SipHeaders();
    for (const [name, value] of entries) headers.add(name, value);
    return headers;
  }

  add(name: string, value: string): this {
    this.list.push([name, value]);
    return this;
  }

  /** The first value of the header, or undefined. */
  get(name: string): string | undefined {
    return this.all(name)[0];
  }

  /** Every value of the header, comma-separated lists split (outside quotes and <>). */
  all(name: string): string[] {
    const key = canonical(name);
    const values = this.list.filter(([n]) => canonical(n) === key).map(([, v]) => v);
    return NOT_LISTS.has(key) ? values : values.flatMap(splitList);
  }

  set(name: string, value: string): this {
    this.remove(name);
    return this.add(name, value);
  }

  remove(name: string): this {
    const key = canonical(name);
    for (let i = this.list.length - 1; i >= 0; i--) if (canonical(this.list[i][0]) === key) this.list.splice(i, 1);
    return this;
  }

  entries(): readonly [string, string][] {
    return this.list;
  }

  clone(): SipHeaders {
    return SipHeaders.of(this.list.map(([n, v]) => [n, v]));
  }
}

function canonical(name: string): string {
  const lower = name.trim().toLowerCase();
  return COMPACT[lower] ?? lower;
}

/** Splits "a, b" at commas that are outside quotes and angle brackets. */
function splitList(value: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (ch === '"' && value[i - 1] !== '\\') quoted = !quoted;
    else if (!quoted && ch === '<') depth++;
    else if (!quoted && ch === '>') depth--;
    else if (!quoted && depth === 0 && ch === ',') {
      parts.push(value.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(value.slice(start).trim());
  return parts.filter(Boolean);
}

/** Parses one message from its text (head and body); throws on a malformed start line. */
export function parseMessage(text: string): SipMessage {
  const split = text.indexOf('\r\n\r\n');
  const head = split < 0 ? text : text.slice(0, split);
  let body = split < 0 ? '' : text.slice(split + 4);
  const lines = head.split(/\r\n/);
  // header folding: a line starting with whitespace continues the previous one
  const unfolded: string[] = [];
  for (const line of lines.slice(1)) {
    if (/^[ \t]/.test(line) && unfolded.length) unfolded[unfolded.length - 1] += ' ' + line.trim();
    else if (line) unfolded.push(line);
  }
  const headers = new SipHeaders();
  for (const line of unfolded) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new Error(`bad SIP header line: ${line}`);
    headers.add(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  const length = headers.get('content-length');
  if (length !== undefined) body = Buffer.from(body, 'utf8').subarray(0, Number(length)).toString('utf8');
  const start = lines[0];
  const response = /^SIP\/2\.0 (\d{3}) ?(.*)$/.exec(start);
  if (response) return { kind: 'response', status: Number(response[1]), reason: response[2], headers, body };
  const request = /^([A-Z]+) (\S+) SIP\/2\.0$/.exec(start);
  if (request) return { kind: 'request', method: request[1], uri: request[2], headers, body };
  throw new Error(`bad SIP start line: ${start}`);
}

/** The wire form, with Content-Length set from the body. */
export function serializeMessage(message: SipMessage): string {
  const start = message.kind === 'request' ? `${message.method} ${message.uri} SIP/2.0` : `SIP/2.0 ${message.status} ${message.reason}`;
  const headers = message.headers.clone().set('Content-Length', String(Buffer.byteLength(message.body)));
  return `${start}\r\n${headers.entries().map(([n, v]) => `${n}: ${v}`).join('\r\n')}\r\n\r\n${message.body}`;
}

/**
 * Splits a TCP byte stream into messages by Content-Length (RFC 3261 §18.3). Feed it chunks; it returns
 * the complete messages and keeps the rest for the next chunk.
 */
export class StreamFramer {
  private pending = Buffer.alloc(0);

  push(chunk: Buffer): string[] {
    this.pending = Buffer.concat([this.pending, chunk]);
    const messages: string[] = [];
    for (;;) {
      // keep-alive CRLFs between messages are allowed
      while (this.pending.length >= 2 && this.pending[0] === 13 && this.pending[1] === 10) this.pending = this.pending.subarray(2);
      const end = this.pending.indexOf('\r\n\r\n');
      if (end < 0) break;
      const head = this.pending.subarray(0, end).toString('utf8');
      const match = /^(?:content-length|l)[ \t]*:[ \t]*(\d+)/im.exec(head);
      const total = end + 4 + (match ? Number(match[1]) : 0);
      if (this.pending.length < total) break;
      messages.push(this.pending.subarray(0, total).toString('utf8'));
      this.pending = this.pending.subarray(total);
    }
    return messages;
  }
}

/** `name=value;flag` parameters after the first `;` of a header value. */
export function headerParams(value: string): Map<string, string> {
  const params = new Map<string, string>();
  const afterAddress = value.includes('>') ? value.slice(value.lastIndexOf('>') + 1) : value.slice(value.indexOf(';') < 0 ? value.length : value.indexOf(';'));
  for (const part of afterAddress.split(';').slice(1)) {
    const eq = part.indexOf('=');
    if (eq < 0) params.set(part.trim().toLowerCase(), '');
    else params.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim().replace(/^"|"$/g, ''));
  }
  return params;
}

/** The URI in a name-addr (`"Name" <sip:…>;tag=x`) or addr-spec (`sip:…;tag=x`). */
export function addressUri(value: string): string {
  const angle = /<([^>]*)>/.exec(value);
  return angle ? angle[1] : value.split(';')[0].trim();
}

/** Host and port of a SIP URI (`sip:user@host:port;params`), the port 5060 when absent. */
export function uriHostPort(uri: string): { host: string; port: number } {
  const rest = uri.replace(/^sips?:/i, '').split(/[;?]/)[0];
  const hostPort = rest.slice(rest.lastIndexOf('@') + 1);
  const ipv6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(hostPort);
  if (ipv6) return { host: ipv6[1], port: ipv6[2] ? Number(ipv6[2]) : 5060 };
  const [host, port] = hostPort.split(':');
  return { host, port: port ? Number(port) : 5060 };
}

/** The `CSeq` header as number and method. */
export function cseqOf(message: SipMessage): { seq: number; method: string } {
  const [seq, method] = (message.headers.get('cseq') ?? '').split(/\s+/);
  return { seq: Number(seq), method: (method ?? '').toUpperCase() };
}

/** The branch parameter of the top Via. */
export function topViaBranch(message: SipMessage): string | undefined {
  const via = message.headers.get('via');
  return via ? headerParams(via).get('branch') : undefined;
}
