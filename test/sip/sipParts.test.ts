import { createSocket } from 'node:dgram';
import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../main/platform/clock';
import { digestAuthorization, parseDigestChallenge } from '../../main/telephony/sip/digest';
import { addressUri, headerParams, parseMessage, serializeMessage, SipHeaders, StreamFramer, uriHostPort, type SipRequest } from '../../main/telephony/sip/message';
import { FINAL_RESPONSE_OUTCOMES, outcomeOfFinalResponse } from '../../main/telephony/sip/outcomes';
import { parseSdpAnswer, sdpOffer } from '../../main/telephony/sip/sdp';
import { ClientTransaction, T1, T2 } from '../../main/telephony/sip/transaction';
import { SipStack } from '../../main/telephony/sip/stack';
import { openTcpTransport, openUdpTransport } from '../../main/telephony/sip/transport';
import { CALL_OUTCOMES } from '../../shared/campaigns/types';
import { waitFor } from './harness';

const INVITE = [
  'INVITE sip:+12125550001@trunk.example:5060 SIP/2.0',
  'Via: SIP/2.0/UDP 10.0.0.1:5070;branch=z9hG4bKabc;rport, SIP/2.0/UDP 10.0.0.9;branch=z9hG4bKdef',
  'f: "Dialwell, Inc" <sip:+12025550100@trunk.example>;tag=x1',
  'To: <sip:+12125550001@trunk.example>',
  'Call-ID: c1@dialwell',
  'CSeq: 1 INVITE',
  'Subject: long',
  '  folded, with a comma',
  'WWW-Authenticate: Digest realm="a, b", nonce="n"',
  'Content-Type: application/sdp',
  'l: 4',
  '',
  'v=0\r\nextra bytes beyond Content-Length',
].join('\r\n');

describe('SIP messages', () => {
  it('parses a request: compact names, folding, lists split outside quotes, body cut at Content-Length', () => {
    const m = parseMessage(INVITE) as SipRequest;
    expect(m).toMatchObject({ kind: 'request', method: 'INVITE', uri: 'sip:+12125550001@trunk.example:5060', body: 'v=0\r' });
    expect(m.headers.all('via')).toHaveLength(2);
    expect(m.headers.get('From')).toBe('"Dialwell, Inc" <sip:+12025550100@trunk.example>;tag=x1');
    expect(m.headers.get('subject')).toBe('long folded, with a comma');
    expect(m.headers.get('www-authenticate')).toBe('Digest realm="a, b", nonce="n"');
    expect(headerParams(m.headers.get('from')!).get('tag')).toBe('x1');
    expect(headerParams(m.headers.get('via')!)).toEqual(new Map([['branch', 'z9hG4bKabc'], ['rport', '']]));
    expect(addressUri(m.headers.get('from')!)).toBe('sip:+12025550100@trunk.example');
  });

  it('parses a response and round-trips through serialize with a recomputed Content-Length', () => {
    const text = 'SIP/2.0 183 Session Progress\r\nCall-ID: x\r\nContent-Length: 99\r\n\r\nbody';
    const m = parseMessage(text);
    expect(m).toMatchObject({ kind: 'response', status: 183, reason: 'Session Progress', body: 'body' });
    const again = parseMessage(serializeMessage(m));
    expect(again.headers.get('content-length')).toBe('4');
    expect(again.body).toBe('body');
  });

  it('refuses a message that is not SIP', () => {
    expect(() => parseMessage('HTTP/1.1 200 OK\r\n\r\n')).toThrow(/start line/);
    expect(() => parseMessage('INVITE sip:a SIP/2.0\r\nno colon here\r\n\r\n')).toThrow(/header/);
  });

  it('URIs: host and port, 5060 by default, IPv6 in brackets', () => {
    expect(uriHostPort('sip:+1212@10.0.0.5:5080;transport=tcp')).toEqual({ host: '10.0.0.5', port: 5080 });
    expect(uriHostPort('sip:trunk.example')).toEqual({ host: 'trunk.example', port: 5060 });
    expect(uriHostPort('sip:u@[2001:db8::1]:5062')).toEqual({ host: '2001:db8::1', port: 5062 });
  });

  it('TCP framing: messages split and joined across chunks by Content-Length', () => {
    const one = serializeMessage({ kind: 'response', status: 200, reason: 'OK', headers: SipHeaders.of([['CSeq', '1 BYE']]), body: 'héllo' });
    const two = serializeMessage({ kind: 'response', status: 180, reason: 'Ringing', headers: SipHeaders.of([['CSeq', '1 INVITE']]), body: '' });
    const bytes = Buffer.from(`\r\n${one}${two}`);
    const framer = new StreamFramer();
    const got: string[] = [];
    for (let i = 0; i < bytes.length; i += 7) got.push(...framer.push(bytes.subarray(i, i + 7)));
    expect(got).toEqual([one, two]);
  });
});

describe('digest authentication', () => {
  it('matches the RFC 2617 §3.5 example (qop=auth, nc, cnonce, opaque)', () => {
    const challenge = parseDigestChallenge(
      'Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"',
    )!;
    expect(challenge).toMatchObject({ realm: 'testrealm@host.com', qop: ['auth', 'auth-int'], algorithm: 'MD5', stale: false });
    const header = digestAuthorization(challenge, { method: 'GET', uri: '/dir/index.html', username: 'Mufasa', password: 'Circle Of Life', nonceCount: 1, cnonce: '0a4f113b' });
    expect(header).toContain('response="6629fae49393a05397450978507c4ef1"');
    expect(header).toContain('nc=00000001');
    expect(header).toContain('qop=auth,');
    expect(header).toContain('opaque="5ccc069c403ebaf9f0171e9517f40e41"');
  });

  it('without qop uses the RFC 2069 form; other algorithms and auth-int only are refused', () => {
    const plain = parseDigestChallenge('Digest realm="r", nonce="n"')!;
    const header = digestAuthorization(plain, { method: 'INVITE', uri: 'sip:x', username: 'u', password: 'p', nonceCount: 1 });
    // MD5(MD5("u:r:p") + ":n:" + MD5("INVITE:sip:x")), worked out by hand
    expect(header).toContain('response="a82785fab2d091a09795d48b9c10756c"');
    expect(header).not.toContain('cnonce');
    expect(() => digestAuthorization({ ...plain, algorithm: 'SHA-256' }, { method: 'INVITE', uri: 'sip:x', username: 'u', password: 'p', nonceCount: 1 })).toThrow(/algorithm/);
    expect(() => digestAuthorization({ ...plain, qop: ['auth-int'] }, { method: 'INVITE', uri: 'sip:x', username: 'u', password: 'p', nonceCount: 1 })).toThrow(/qop/);
    expect(parseDigestChallenge('Basic realm="r"')).toBeNull();
    expect(parseDigestChallenge('Digest realm="r", nonce="n", stale=TRUE')?.stale).toBe(true);
  });
});

describe('final response outcomes', () => {
  it('maps each final response to its outcome, from the taxonomy', () => {
    const expected: [number, string][] = [
      [200, 'answered'], [202, 'answered'],
      [486, 'busy'], [600, 'busy'],
      [480, 'no_answer'], [408, 'no_answer'], [487, 'no_answer'],
      [603, 'declined'], [607, 'declined'], [608, 'declined'],
      [404, 'invalid_number'], [484, 'invalid_number'], [410, 'invalid_number'], [604, 'invalid_number'],
      [403, 'failed'], [500, 'failed'], [503, 'failed'], [488, 'failed'], [302, 'failed'], [401, 'failed'],
    ];
    for (const [status, outcome] of expected) expect(outcomeOfFinalResponse(status), String(status)).toBe(outcome);
    for (const outcome of Object.values(FINAL_RESPONSE_OUTCOMES)) expect(CALL_OUTCOMES).toContain(outcome);
  });
});

describe('SDP offer/answer', () => {
  it('offers PCMU, PCMA and telephone-event at the media address', () => {
    const offer = sdpOffer({ address: '127.0.0.1', port: 40000 }, 7);
    expect(offer).toContain('c=IN IP4 127.0.0.1');
    expect(offer).toContain('m=audio 40000 RTP/AVP 0 8 101');
    expect(offer).toContain('a=rtpmap:8 PCMA/8000');
    expect(offer).toContain('a=rtpmap:101 telephone-event/8000');
  });

  it('reads the answer: media-level address over session-level, first payload we offered', () => {
    const answer = 'v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\nm=audio 5004 RTP/AVP 18 8 0\r\nc=IN IP4 10.0.0.2\r\na=rtpmap:18 G729/8000\r\n';
    expect(parseSdpAnswer(answer)).toEqual({ address: '10.0.0.2', port: 5004, codec: 'PCMA' });
  });

  it('an answer without a common codec or without audio is an error', () => {
    const g729 = 'v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\nm=audio 5004 RTP/AVP 18\r\n';
    expect(parseSdpAnswer(g729)).toBeInstanceOf(Error);
    expect(parseSdpAnswer(g729.replace('m=audio 5004', 'm=audio 0'))).toBeInstanceOf(Error);
    expect(parseSdpAnswer('')).toBeInstanceOf(Error);
  });
});

function request(method: string): SipRequest {
  const headers = SipHeaders.of([['Via', 'SIP/2.0/UDP 127.0.0.1:1;branch=z9hG4bKt1;rport'], ['Call-ID', 'x'], ['CSeq', `1 ${method}`]]);
  return { kind: 'request', method, uri: 'sip:a@127.0.0.1', headers, body: '' };
}

describe('client transaction timers on a virtual clock, sending over real UDP', () => {
  async function farEnd() {
    const socket = createSocket('udp4');
    const received: string[] = [];
    socket.on('message', (data) => received.push(data.toString()));
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    return { socket, received, target: { host: '127.0.0.1', port: socket.address().port } };
  }

  /** Runs the clock to each instant and returns how many times the request was sent by then. */
  async function sendsAt(method: string, instants: number[]) {
    const clock = new VirtualClock(0);
    const transport = await openUdpTransport('127.0.0.1');
    const far = await farEnd();
    const timeouts: string[] = [];
    let sent = 0;
    const counting = { ...transport, send: (...args: Parameters<typeof transport.send>) => (sent++, transport.send(...args)) };
    const tx = new ClientTransaction({ clock, transport: counting, target: far.target, request: request(method), onResponse: () => {}, onTimeout: (r) => timeouts.push(r), onTerminated: () => {} });
    tx.start();
    const counts: number[] = [];
    for (const at of instants) {
      await clock.runUntil(at);
      counts.push(sent);
    }
    // and every one of them really went out
    await waitFor(() => far.received.length === sent, 2000, 'datagrams');
    await transport.close();
    far.socket.close();
    return { counts, timeouts };
  }

  it('INVITE: timer A doubles from T1, timer B gives up at 64·T1', async () => {
    const { counts, timeouts } = await sendsAt('INVITE', [0, T1, 3 * T1, 7 * T1, 64 * T1 - 1, 64 * T1]);
    expect(counts).toEqual([1, 2, 3, 4, 7, 7]);
    expect(timeouts).toEqual(['no response (timer B)']);
  });

  it('BYE: timer E doubles up to T2, timer F gives up at 64·T1', async () => {
    // sends at 0, .5, 1.5, 3.5, 7.5, then every 4 s: 11.5, 15.5, … 31.5
    const { counts, timeouts } = await sendsAt('BYE', [0, T1, 3 * T1, 7 * T1, 15 * T1, 15 * T1 + T2, 64 * T1]);
    expect(counts).toEqual([1, 2, 3, 4, 5, 6, 11]);
    expect(timeouts).toEqual(['no response (timer F)']);
  });
});

describe('transport details', () => {
  it('over TCP a transaction never retransmits, and timer B still ends it', async () => {
    const server = createServer((socket) => socket.on('data', () => {}));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const clock = new VirtualClock(0);
    const transport = openTcpTransport('127.0.0.1');
    let sent = 0;
    const counting = { ...transport, send: (...args: Parameters<typeof transport.send>) => (sent++, transport.send(...args)) };
    const timeouts: string[] = [];
    const target = { host: '127.0.0.1', port: (server.address() as AddressInfo).port };
    new ClientTransaction({ clock, transport: counting, target, request: request('INVITE'), onResponse: () => {}, onTimeout: (r) => timeouts.push(r), onTerminated: () => {} }).start();
    await clock.runUntil(64 * T1 - 1);
    expect([sent, timeouts.length]).toEqual([1, 0]);
    await clock.runUntil(64 * T1);
    expect(timeouts).toEqual(['no response (timer B)']);
    await transport.close();
    server.close();
  });

  it("a response's Via received/rport becomes our Contact address toward that far end", async () => {
    const clock = new VirtualClock(0);
    const stack = new SipStack(clock, '127.0.0.1', { onRequest: () => {}, onStray2xx: () => {} });
    const transport = await stack.transport('udp');
    const far = createSocket('udp4');
    await new Promise<void>((resolve) => far.bind(0, '127.0.0.1', resolve));
    const target = { host: '127.0.0.1', port: far.address().port };
    // the far end answers like a server behind which we look like 192.0.2.7:5999
    far.on('message', (data, from) => {
      const req = parseMessage(data.toString());
      const headers = req.headers.clone().set('Via', `${req.headers.get('via')!.replace(';rport', ';rport=5999')};received=192.0.2.7`);
      far.send(serializeMessage({ kind: 'response', status: 200, reason: 'OK', headers, body: '' }), from.port, from.address);
    });
    expect(await stack.contactAddress(transport, target)).toEqual(await transport.localFor(target));
    const responses: number[] = [];
    const req = request('OPTIONS');
    req.headers.set('Via', await stack.via(transport, target, 'z9hG4bKrport'));
    stack.send(transport, target, req, { onResponse: (r) => responses.push(r.status), onTimeout: () => {} });
    await waitFor(() => responses.length > 0, 2000, 'the response');
    expect(await stack.contactAddress(transport, target)).toEqual({ address: '192.0.2.7', port: 5999 });
    await stack.close();
    far.close();
  });
});
