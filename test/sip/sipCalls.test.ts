import { createSocket } from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { AMD_DEFAULTS } from '../../shared/campaigns/amdSettings';
import type { SipTrunkCredentials } from '../../shared/telephony/trunk';
import { parseMessage, serializeMessage, SipHeaders } from '../../main/telephony/sip/message';
import { callRequest, expectWellFormedCall } from '../dialer/providerContract';
import type { OpenMediaEndpoint } from '../../main/telephony/media/endpoint';
import { mediaReport } from '../media/callPlan';
import { FROM, placeCall, recordingMedia, sipProvider, trunkFor, waitFor } from './harness';
import { startSippUas, type SippOptions, type SippUas } from './sipp';

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

/** One SIPp UAS for one call, and a provider whose trunk points at it. */
async function setup(scenario: string, sippOptions: SippOptions = {}, trunk: Partial<SipTrunkCredentials> = {}) {
  const sipp = await startSippUas(scenario, { calls: 1, ...sippOptions });
  const h = sipProvider(trunkFor(sipp, { transport: sippOptions.transport ?? 'udp', ...trunk }));
  cleanups.push(() => sipp.stop(), () => h.provider.close());
  return { sipp, ...h };
}

/** SIPp ran its whole scenario (exit code 0). */
async function expectScenarioPassed(sipp: SippUas): Promise<void> {
  const { code, output } = await sipp.exit;
  expect(code, output).toBe(0);
}

/** Places one call against `scenario` and lets it end by itself; SIPp must pass. Returns the call's events. */
async function callThrough(scenario: string, sippOptions: SippOptions = {}, trunk: Partial<SipTrunkCredentials> = {}) {
  const h = await setup(scenario, sippOptions, trunk);
  const request = await placeCall(h.provider);
  await waitFor(() => h.events.ended(request.callId).length > 0);
  await expectScenarioPassed(h.sipp);
  expectWellFormedCall(h.events.of(request.callId));
  return { ...h, request, types: h.events.types(request.callId), ended: h.events.ended(request.callId)[0] };
}

/** Places one call, waits for the answer, then `hangUp`; SIPp must pass. Returns the call's events. */
async function answeredCall(scenario: string, hangUp: (h: Awaited<ReturnType<typeof setup>>, callId: string) => unknown, sippOptions: SippOptions = {}, trunk: Partial<SipTrunkCredentials> = {}) {
  const h = await setup(scenario, sippOptions, trunk);
  const request = await placeCall(h.provider);
  await waitFor(() => h.events.types(request.callId).includes('answered'));
  expect(await h.provider.status(request.callId)).toEqual({ state: 'active' });
  await hangUp(h, request.callId);
  await expectScenarioPassed(h.sipp);
  expectWellFormedCall(h.events.of(request.callId));
  return { ...h, request, types: h.events.types(request.callId), ended: h.events.ended(request.callId)[0] };
}

describe('SipProvider against SIPp: answered calls', () => {
  for (const transport of ['udp', 'tcp'] as const) {
    it(`answered, then we hang up: BYE, outcome answered (${transport})`, async () => {
      const { sipp, provider, request, types, ended, media } = await answeredCall('answer_we_hang_up.xml', (h, callId) => h.provider.hangup(callId), { transport });
      expect(types).toEqual(['dialing', 'ringing', 'answered', 'ended']);
      expect(ended.outcome).toBe('answered');
      expect(await provider.status(request.callId)).toEqual({ state: 'ended', outcome: 'answered' });
      // the SDP answer chose PCMA at SIPp's media address; the endpoint was started, then closed
      expect(media.started).toEqual([{ address: '127.0.0.1', port: sipp.mediaPort, codec: 'PCMA' }]);
      await waitFor(() => media.closed === 1, 2000, 'media closed');
    });
  }

  it('answered, then the far end hangs up: we answer its BYE, outcome answered', async () => {
    const { types, ended, media } = await callThrough('answer_they_hang_up.xml');
    expect(types).toEqual(['dialing', 'ringing', 'answered', 'ended']);
    expect(ended.outcome).toBe('answered');
    expect(media.started.map((s) => s.codec)).toEqual(['PCMU']);
    await waitFor(() => media.closed === 1, 2000, 'media closed');
  });

  it('the far end hangs up after the agent heard an opt-out: outcome answered, opted out', async () => {
    const { ended } = await answeredCall('answer_they_hang_up.xml', (h) => {
      h.media.endpoints[0].report = mediaReport({ optedOut: true });
    });
    expect(ended).toMatchObject({ outcome: 'answered', optedOut: true });
  });

  it('max call duration: we send BYE; outcome answered', async () => {
    const { types, ended, events, request } = await callThrough('answer_we_hang_up.xml', {}, { maxCallSeconds: 0.3 });
    expect(types).toEqual(['dialing', 'ringing', 'answered', 'ended']);
    expect(ended.at - events.of(request.callId)[2].at).toBeGreaterThanOrEqual(300);
    expect(ended.outcome).toBe('answered');
  });

  it('the media side asks to hang up (agent stopped): we send BYE; outcome answered', async () => {
    const { ended } = await answeredCall('answer_we_hang_up.xml', (h) => h.media.endpoints[0].requestHangup());
    expect(ended.outcome).toBe('answered');
    expect(ended.optedOut).toBeUndefined();
  });

  it('the agent reported voicemail and an opt-out: we send BYE; outcome voicemail, opted out', async () => {
    const { ended } = await answeredCall('answer_we_hang_up.xml', (h) => h.media.endpoints[0].requestHangup(mediaReport({ voicemail: true, optedOut: true })));
    expect(ended).toMatchObject({ outcome: 'voicemail', optedOut: true });
    expect(ended.amd).toBeUndefined();
  });

  it('opens the call\'s media with the request\'s detection thresholds and voicemail action', async () => {
    const h = await setup('answer_we_hang_up.xml');
    const thresholds = { ...AMD_DEFAULTS, greetingMs: 1500 };
    const request = await placeCall(h.provider, '+12125550001', { voicemailDetection: thresholds, voicemailAction: 'hangup' });
    await waitFor(() => h.events.types(request.callId).includes('answered'));
    await h.provider.hangup(request.callId);
    await expectScenarioPassed(h.sipp);
    expect(h.media.opened).toEqual([expect.objectContaining({ callId: request.callId, amd: thresholds, voicemailAction: 'hangup' })]);
  });

  it('detection found a machine and its message was left: we send BYE; outcome voicemail, with what detection found', async () => {
    const amd = { decision: 'machine', ms: 2260, beep: true } as const;
    const { ended } = await answeredCall('answer_we_hang_up.xml', (h) => h.media.endpoints[0].requestHangup(mediaReport({ voicemail: true, amd })));
    expect(ended).toEqual({ callId: ended.callId, type: 'ended', at: ended.at, outcome: 'voicemail', amd });
  });

  it('the far end hangs up on a call detection found a person on: outcome answered, with the decision', async () => {
    const amd = { decision: 'human', ms: 1300, beep: null } as const;
    const { ended } = await answeredCall('answer_they_hang_up.xml', (h) => {
      h.media.endpoints[0].report = mediaReport({ amd });
    });
    expect(ended).toMatchObject({ outcome: 'answered', amd });
  });

  it('the voice agent could not be reached: we send BYE; outcome failed, with why', async () => {
    const { ended } = await answeredCall('answer_we_hang_up.xml', (h) =>
      h.media.endpoints[0].requestHangup(mediaReport({ failure: 'the voice agent could not be reached' })),
    );
    expect(ended).toMatchObject({ outcome: 'failed', error: 'the voice agent could not be reached' });
  });
});

describe('SipProvider against SIPp: rejected calls', () => {
  const cases = [
    { final: '486 Busy Here', outcome: 'busy' },
    { final: '480 Temporarily Unavailable', outcome: 'no_answer' },
    { final: '408 Request Timeout', outcome: 'no_answer' },
    { final: '603 Decline', outcome: 'declined' },
    { final: '404 Not Found', outcome: 'invalid_number' },
  ] as const;
  for (const { final, outcome } of cases) {
    it(`180 then ${final}: we ACK it, outcome ${outcome}`, async () => {
      const { types, ended, media } = await callThrough('reject.xml', { fill: { provisional: '180 Ringing', final } });
      expect(types).toEqual(['dialing', 'ringing', 'ended']);
      // the SIP status is kept as the error of failed calls only
      expect(ended).toEqual({ callId: ended.callId, type: 'ended', at: expect.any(Number), outcome });
      expect(media.started).toEqual([]);
      await waitFor(() => media.closed === 1, 2000, 'media closed');
    });
  }

  it('183 early media then 480: ringing on the 183, outcome no_answer', async () => {
    const { types, ended } = await callThrough('early_media_reject.xml');
    expect(types).toEqual(['dialing', 'ringing', 'ended']);
    expect(ended.outcome).toBe('no_answer');
  });
});

describe('SipProvider against SIPp: CANCEL', () => {
  it('ring timeout: CANCEL, 487, ACK; outcome no_answer', async () => {
    const { types, ended } = await callThrough('ring_until_cancel.xml', {}, { ringTimeoutSeconds: 0.4 });
    expect(types).toEqual(['dialing', 'ringing', 'ended']);
    expect(ended.outcome).toBe('no_answer');
  });

  it('our hang-up while ringing: CANCEL, 487, ACK; outcome cancelled', async () => {
    const { sipp, provider, events } = await setup('ring_until_cancel.xml');
    const request = await placeCall(provider);
    await waitFor(() => events.types(request.callId).includes('ringing'));
    await provider.hangup(request.callId);
    await expectScenarioPassed(sipp);
    expect(events.types(request.callId)).toEqual(['dialing', 'ringing', 'ended']);
    expect(events.ended(request.callId)[0].outcome).toBe('cancelled');
  });

  it('a 200 crossing our ring-timeout CANCEL is ACKed, then hung up with BYE; outcome no_answer', async () => {
    const { types, ended } = await callThrough('answer_crosses_cancel.xml', {}, { ringTimeoutSeconds: 0.3 });
    expect(types).toEqual(['dialing', 'ringing', 'ended']);
    expect(ended.outcome).toBe('no_answer');
  });
});

describe('SipProvider against SIPp: digest authentication', () => {
  const credentials = { user: 'dialwell', password: 's3cret' };

  it('401 challenge: the INVITE is re-sent with CSeq 2 and valid credentials, then answered', async () => {
    const { types, ended } = await answeredCall('digest_auth.xml', (h, callId) => h.provider.hangup(callId), { fill: credentials }, { username: 'dialwell', password: 's3cret' });
    expect(types).toEqual(['dialing', 'ringing', 'answered', 'ended']);
    expect(ended.outcome).toBe('answered');
  });

  it('a wrong password is refused (403): outcome failed', async () => {
    const { ended } = await callThrough('digest_auth.xml', { fill: credentials }, { username: 'dialwell', password: 'wrong' });
    expect(ended).toMatchObject({ outcome: 'failed', error: '403 Forbidden' });
  });

  it('407 challenge: the INVITE is re-sent with CSeq 2 and Proxy-Authorization', async () => {
    const { types, ended } = await callThrough('proxy_auth.xml', {}, { username: 'dialwell', password: 's3cret' });
    expect(types).toEqual(['dialing', 'ringing', 'ended']);
    expect(ended.outcome).toBe('busy');
  });

  it('a trunk without credentials cannot answer the challenge: outcome failed', async () => {
    const { provider, events } = await setup('digest_auth.xml', { fill: credentials });
    const request = await placeCall(provider);
    await waitFor(() => events.ended(request.callId).length > 0);
    expect(events.ended(request.callId)[0]).toMatchObject({ outcome: 'failed', error: '401 Unauthorized' });
  });
});

describe('SipProvider: calls that cannot start', () => {
  it('a caller ID without a trunk: dialing, then ended failed with the reason; nothing was opened', async () => {
    const { provider, events, media } = sipProvider(null);
    cleanups.push(() => provider.close());
    const request = await placeCall(provider);
    expect(events.types(request.callId)).toEqual(['dialing', 'ended']);
    expect(events.ended(request.callId)[0]).toMatchObject({ outcome: 'failed', error: expect.stringContaining(FROM) });
    expect(media.opened).toEqual([]);
    expect(await provider.status(request.callId)).toEqual({ state: 'ended', outcome: 'failed' });
  });

  it('a hang-up while the trunk is still being looked up: cancelled, and nothing is opened or sent', async () => {
    // the trunk is a bare UDP socket that counts what reaches it
    const listener = createSocket('udp4');
    let datagrams = 0;
    listener.on('message', () => datagrams++);
    await new Promise<void>((resolve) => listener.bind(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => listener.close(() => resolve())));
    let found!: (trunk: SipTrunkCredentials) => void;
    const { provider, events, media } = sipProvider(null, { resolveTrunk: () => new Promise((resolve) => (found = resolve)) });
    cleanups.push(() => provider.close());
    const request = callRequest('+12125550001', FROM);
    const placing = provider.placeCall(request);
    expect(await provider.status(request.callId)).toEqual({ state: 'active' });
    await provider.hangup(request.callId);
    found(trunkFor({ port: listener.address().port }));
    await placing;
    expect(events.types(request.callId)).toEqual(['dialing', 'ended']);
    expect(events.ended(request.callId)[0].outcome).toBe('cancelled');
    expect(media.opened).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(datagrams).toBe(0);
  });

  it('a hang-up while the media endpoint is opening: cancelled, and the endpoint is closed once open', async () => {
    const recorded = recordingMedia();
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const openMedia: OpenMediaEndpoint = async (plan, options) => {
      await gate;
      return recorded.openMedia(plan, options);
    };
    const { provider, events } = sipProvider(trunkFor({ port: 9 }), { openMedia });
    cleanups.push(() => provider.close());
    const request = callRequest('+12125550001', FROM);
    const placing = provider.placeCall(request);
    await new Promise((resolve) => setImmediate(resolve));
    await provider.hangup(request.callId);
    open();
    await placing;
    expect(events.types(request.callId)).toEqual(['dialing', 'ended']);
    expect(events.ended(request.callId)[0].outcome).toBe('cancelled');
    expect([recorded.media.opened.length, recorded.media.closed]).toEqual([1, 1]);
  });

  it('a TCP trunk nobody listens on: ended failed, media closed', async () => {
    const sipp = await startSippUas('answer_we_hang_up.xml', { calls: 1 });
    await sipp.stop();
    const { provider, events, media } = sipProvider(trunkFor(sipp, { transport: 'tcp' }));
    cleanups.push(() => provider.close());
    const request = await placeCall(provider);
    await waitFor(() => events.ended(request.callId).length > 0);
    expect(events.ended(request.callId)[0]).toMatchObject({ outcome: 'failed', error: expect.stringMatching(/ECONNREFUSED/) });
    expect(media.closed).toBe(1);
  });

  it('media that cannot open: ended failed with its error', async () => {
    const sipp = await startSippUas('answer_we_hang_up.xml', { calls: 1 });
    cleanups.push(() => sipp.stop());
    const h = sipProvider(trunkFor(sipp), { openMedia: async () => Promise.reject(new Error('agent URL is not a ws:// URL')) });
    cleanups.push(() => h.provider.close());
    const request = await placeCall(h.provider);
    expect(h.events.types(request.callId)).toEqual(['dialing', 'ended']);
    expect(h.events.ended(request.callId)[0]).toMatchObject({ outcome: 'failed', error: 'agent URL is not a ws:// URL' });
  });
});

describe('SipProvider: 2xx retransmissions', () => {
  it('a 200 OK sent again (our ACK was lost) gets the same ACK again', async () => {
    // a hand-made far end: answers at once, repeats its 200 after the first ACK, answers our BYE
    const far = createSocket('udp4');
    const acks: string[] = [];
    far.on('message', (data, from) => {
      const m = parseMessage(data.toString());
      if (m.kind !== 'request') return;
      const reply = (status: number, reason: string, body = '') => {
        const headers = SipHeaders.of([...(['via', 'from', 'call-id', 'cseq'] as const).map((n): [string, string] => [n, m.headers.get(n)!]), ['To', `${m.headers.get('to')};tag=far1`]]);
        if (body) headers.add('Contact', `<sip:far@127.0.0.1:${far.address().port}>`).add('Content-Type', 'application/sdp');
        far.send(serializeMessage({ kind: 'response', status, reason, headers, body }), from.port, from.address);
      };
      const sdp = 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n';
      if (m.method === 'INVITE') {
        reply(180, 'Ringing');
        reply(200, 'OK', sdp);
        far.once('message', () => reply(200, 'OK', sdp));
      }
      if (m.method === 'ACK') acks.push(data.toString());
      if (m.method === 'BYE') reply(200, 'OK');
    });
    await new Promise<void>((resolve) => far.bind(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => far.close(() => resolve())));
    const { provider, events } = sipProvider(trunkFor({ port: far.address().port }));
    cleanups.push(() => provider.close());
    const request = await placeCall(provider);
    await waitFor(() => acks.length === 2, 2000, 'two ACKs');
    expect(acks[1]).toBe(acks[0]);
    expect(parseMessage(acks[0]).headers.get('to')).toContain('tag=far1');
    await provider.hangup(request.callId);
    expect(events.types(request.callId)).toEqual(['dialing', 'ringing', 'answered', 'ended']);
  });
});
