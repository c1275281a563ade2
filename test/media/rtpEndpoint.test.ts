import { existsSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { CallAudioPlan, CallReport, MediaEndpoint } from '../../main/telephony/media/endpoint';
import { decodeG711, encodeG711 } from '../../main/telephony/media/g711';
import { openMediaEndpoint } from '../../main/telephony/media/openMediaEndpoint';
import { removeTempFiles, tempFile } from '../support/tempFiles';
import { containsPcm, readWav, tone, wavFile } from './audio';
import { callPlan, mediaReport } from './callPlan';
import { RtpPeer } from './rtpPeer';

const LOCAL = { bindAddress: '127.0.0.1' };
const SILENT_MULAW = new Uint8Array(160).fill(0xff);
const greeting = tone(440, 0.4);

const open: { endpoint: MediaEndpoint; peer: RtpPeer }[] = [];
async function call(p: CallAudioPlan): Promise<{ endpoint: MediaEndpoint; peer: RtpPeer }> {
  const pair = { endpoint: await openMediaEndpoint(p, LOCAL), peer: await RtpPeer.open() };
  open.push(pair);
  return pair;
}

afterEach(async () => {
  for (const { endpoint, peer } of open.splice(0)) await Promise.all([endpoint.close(), peer.close()]);
});
afterAll(removeTempFiles);

/** How many frames had been sent each time the endpoint asked to hang up, and what it reported. */
function hangupsOf(endpoint: MediaEndpoint): { framesSent: number; report: CallReport }[] {
  const hangups: { framesSent: number; report: CallReport }[] = [];
  endpoint.onHangupRequest((report) => hangups.push({ framesSent: endpoint.stats.packetsSent, report }));
  return hangups;
}

/** Payloads from the endpoint, joined. */
const payloads = (peer: RtpPeer, from = 0) => Buffer.concat(peer.received.slice(from).map((r) => r.packet.payload));

describe('RTP media endpoint', () => {
  it('binds an ephemeral UDP port and sends nothing before the call is answered', async () => {
    const { endpoint, peer } = await call(callPlan({ greetingWav: wavFile([greeting]) }));
    expect(endpoint.address).toBe('127.0.0.1');
    expect(endpoint.port).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(peer.received).toHaveLength(0);
    expect(endpoint.stats).toEqual({ packetsSent: 0, packetsReceived: 0, framesLate: 0 });
  });

  it('plays the greeting as paced PCMU packets with consecutive sequence numbers and 20 ms timestamp steps', async () => {
    const { endpoint, peer } = await call(callPlan({ greetingWav: wavFile([greeting]) }));
    const answeredAt = performance.now();
    await endpoint.start({ address: '127.0.0.1', port: peer.port, codec: 'PCMU' });
    await vi.waitFor(() => expect(peer.received.length).toBeGreaterThanOrEqual(25), { timeout: 5000 });
    // paced, not sent in a burst: the 25th frame cannot leave before its 20 ms slot
    expect(peer.arrivals[24] - answeredAt).toBeGreaterThanOrEqual(24 * 20);
    const [first, ...rest] = peer.received.slice(0, 25);
    expect(first.raw[0]).toBe(0x80);
    expect(first.packet).toMatchObject({ payloadType: 0, marker: true });
    let previous = first.packet;
    for (const { packet } of rest) {
      expect(packet).toMatchObject({ payloadType: 0, marker: false, ssrc: first.packet.ssrc });
      expect(packet.sequence).toBe((previous.sequence + 1) & 0xffff);
      // 160 samples per frame; a multiple of it only when a stalled event loop made the sender skip slots
      const step = (packet.timestamp - previous.timestamp) >>> 0;
      expect(step % 160 === 0 && step > 0).toBe(true);
      expect(packet.payload).toHaveLength(160);
      previous = packet;
    }
    expect(payloads(peer).subarray(0, 3200)).toEqual(Buffer.from(encodeG711('PCMU', greeting)));
    expect(endpoint.stats.packetsSent).toBeGreaterThanOrEqual(25);
  });

  it('sends A-law with payload type 8 when the far end chose PCMA, then silence once the greeting is over', async () => {
    const { endpoint, peer } = await call(callPlan({ greetingWav: wavFile([greeting]) }));
    await endpoint.start({ address: '127.0.0.1', port: peer.port, codec: 'PCMA' });
    await vi.waitFor(() => expect(peer.received.length).toBeGreaterThanOrEqual(25), { timeout: 5000 });
    expect(peer.received.every((r) => r.packet.payloadType === 8)).toBe(true);
    expect(payloads(peer).subarray(0, 3200)).toEqual(Buffer.from(encodeG711('PCMA', greeting)));
    expect([...peer.received[20].packet.payload]).toEqual(new Array(160).fill(0xd5));
  });

  it('counts the far end\'s packets of the negotiated codec and ignores anything else', async () => {
    const { endpoint, peer } = await call(callPlan());
    const to = { address: endpoint.address, port: endpoint.port };
    peer.send(to, 0, SILENT_MULAW); // before the answer: not counted
    await new Promise((resolve) => setTimeout(resolve, 50));
    await endpoint.start({ address: '127.0.0.1', port: peer.port, codec: 'PCMU' });
    for (let i = 0; i < 5; i++) peer.send(to, 0, SILENT_MULAW);
    peer.send(to, 101, Uint8Array.of(1, 0, 0, 160)); // telephone-event
    peer.sendRaw(to, Buffer.from('garbage'));
    await vi.waitFor(() => expect(endpoint.stats.packetsReceived).toBe(5), { timeout: 5000 });
  });

  it('sends to where the far end\'s packets come from once they arrive (symmetric RTP)', async () => {
    const { endpoint, peer } = await call(callPlan());
    await endpoint.start({ address: '127.0.0.1', port: 9, codec: 'PCMU' }); // the discard port: nobody there
    peer.send({ address: endpoint.address, port: endpoint.port }, 0, SILENT_MULAW);
    await vi.waitFor(() => expect(peer.received.length).toBeGreaterThanOrEqual(3), { timeout: 5000 });
  });

  it('plays a WAV file instead of what was playing (the voicemail message)', async () => {
    const voicemail = tone(1000, 0.2);
    const { endpoint, peer } = await call(callPlan({ greetingWav: wavFile([tone(440, 10)]) }));
    await endpoint.start({ address: '127.0.0.1', port: peer.port, codec: 'PCMU' });
    await vi.waitFor(() => expect(peer.received.length).toBeGreaterThanOrEqual(3), { timeout: 5000 });
    await endpoint.play(wavFile([voicemail]));
    const expected = Buffer.from(encodeG711('PCMU', voicemail));
    await vi.waitFor(() => expect(payloads(peer).indexOf(expected)).toBeGreaterThan(0), { timeout: 5000 });
    const after = payloads(peer).indexOf(expected) + expected.length;
    await vi.waitFor(() => expect(payloads(peer).length).toBeGreaterThanOrEqual(after + 320), { timeout: 5000 });
    expect([...payloads(peer).subarray(after, after + 320)]).toEqual(new Array(320).fill(0xff));
  });

  it('plays a file given before the answer once the call is answered', async () => {
    const voicemail = tone(1000, 0.2);
    const { endpoint, peer } = await call(callPlan({ greetingWav: wavFile([greeting]) }));
    await endpoint.play(wavFile([voicemail], 8000, 'alaw'));
    await endpoint.start({ address: '127.0.0.1', port: peer.port, codec: 'PCMU' });
    await vi.waitFor(() => expect(peer.received.length).toBeGreaterThanOrEqual(10), { timeout: 5000 });
    const sent = encodeG711('PCMU', decodeG711('PCMA', encodeG711('PCMA', voicemail)));
    expect(payloads(peer).subarray(0, 1600)).toEqual(Buffer.from(sent));
  });

  it('without a conversation, asks to hang up once the greeting has played, reporting a plain answered call', async () => {
    const { endpoint, peer } = await call(callPlan({ greetingWav: wavFile([greeting]) }));
    const hangups = hangupsOf(endpoint);
    await endpoint.start({ address: '127.0.0.1', port: peer.port, codec: 'PCMU' });
    await vi.waitFor(() => expect(hangups).toHaveLength(1), { timeout: 5000 });
    // the greeting's 20 frames, and not one more
    expect(hangups).toEqual([{ framesSent: greeting.length / 160, report: mediaReport() }]);
  });

  it('a greeting replaced by play() is not the end of the call: its replacement is, once it has played', async () => {
    const replacement = tone(1000, 0.2);
    const { endpoint, peer } = await call(callPlan({ greetingWav: wavFile([tone(440, 10)]) }));
    const hangups = hangupsOf(endpoint);
    await endpoint.start({ address: '127.0.0.1', port: peer.port, codec: 'PCMU' });
    await vi.waitFor(() => expect(peer.received.length).toBeGreaterThanOrEqual(3), { timeout: 5000 });
    await endpoint.play(wavFile([replacement]));
    const replacedAfter = endpoint.stats.packetsSent;
    expect(hangups).toEqual([]);
    await vi.waitFor(() => expect(hangups).toHaveLength(1), { timeout: 5000 });
    expect(hangups[0].framesSent).toBe(replacedAfter + replacement.length / 160);
  });

  it('without a conversation or a greeting, asks to hang up at once, though not before start() has returned', async () => {
    const { endpoint, peer } = await call(callPlan());
    const hangups = hangupsOf(endpoint);
    await endpoint.start({ address: '127.0.0.1', port: peer.port, codec: 'PCMU' });
    // the signalling side takes the call as answered when start() returns: a hang-up before then would cancel it
    expect(hangups).toEqual([]);
    await vi.waitFor(() => expect(hangups).toHaveLength(1), { timeout: 5000 });
    expect(hangups[0].framesSent).toBe(2);
  });

  it('keeps sending frames while the main thread is busy: they go out from a media thread of their own', async () => {
    const { endpoint, peer } = await call(callPlan({ greetingWav: wavFile([tone(440, 2)]) }));
    await endpoint.start({ address: '127.0.0.1', port: peer.port, codec: 'PCMU' });
    // the counters are shared memory the media thread writes, so they can be read while this thread never yields
    const before = endpoint.stats.packetsSent;
    const busyUntil = performance.now() + 300;
    while (performance.now() < busyUntil);
    // 15 frames are due in 300 ms; a send timer on this thread would have sent none of them
    expect(endpoint.stats.packetsSent - before).toBeGreaterThanOrEqual(5);
  });

  it('fails to open, before any call is placed, when the greeting is not a WAV file', async () => {
    await expect(openMediaEndpoint(callPlan({ greetingWav: tempFile('missing.wav') }), LOCAL)).rejects.toThrow();
  });

  it('starts once, with a usable far-end port, and not after it was closed', async () => {
    const { endpoint, peer } = await call(callPlan());
    await expect(endpoint.start({ address: '127.0.0.1', port: 0, codec: 'PCMU' })).rejects.toThrow('bad RTP port');
    await endpoint.start({ address: '127.0.0.1', port: peer.port, codec: 'PCMU' });
    await expect(endpoint.start({ address: '127.0.0.1', port: peer.port, codec: 'PCMU' })).rejects.toThrow('already started');
    await endpoint.close();
    await expect(endpoint.start({ address: '127.0.0.1', port: peer.port, codec: 'PCMU' })).rejects.toThrow('closed');
  });

  it('writes no recording for a call that was never answered', async () => {
    const recordingPath = tempFile('unanswered.wav');
    const { endpoint } = await call(callPlan({ recordingPath }));
    await endpoint.close();
    expect(existsSync(recordingPath)).toBe(false);
  });

  it('records both directions on one timeline: the far end on channel 1, what it heard on channel 2', async () => {
    const recordingPath = tempFile('call.wav');
    const { endpoint, peer } = await call(callPlan({ greetingWav: wavFile([greeting]), recordingPath }));
    await endpoint.start({ address: '127.0.0.1', port: peer.port, codec: 'PCMA' });
    const farEnd = encodeG711('PCMA', tone(300, 0.2, 8000, 12_000));
    for (let at = 0; at < farEnd.length; at += 160) peer.send({ address: endpoint.address, port: endpoint.port }, 8, farEnd.subarray(at, at + 160));
    await vi.waitFor(() => expect(endpoint.stats.packetsReceived).toBe(10), { timeout: 5000 });
    await vi.waitFor(() => expect(peer.received.length).toBeGreaterThanOrEqual(25), { timeout: 5000 });
    await endpoint.close();
    const wav = readWav(recordingPath);
    expect(wav).toMatchObject({ format: 1, rate: 8000 });
    const [heard, said] = wav.channels;
    expect([...said.subarray(0, greeting.length)]).toEqual([...decodeG711('PCMA', encodeG711('PCMA', greeting))]);
    expect(containsPcm(heard, decodeG711('PCMA', farEnd))).toBe(true);
  });
});
