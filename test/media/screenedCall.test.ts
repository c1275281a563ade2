import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { AMD_DEFAULTS, type AmdSettings } from '../../shared/campaigns/amdSettings';
import type { CallAudioPlan, CallReport, MediaEndpoint } from '../../main/telephony/media/endpoint';
import { encodeG711 } from '../../main/telephony/media/g711';
import { openMediaEndpoint } from '../../main/telephony/media/openMediaEndpoint';
import { concat, mix, noise, silence, voice } from '../amd/signals';
import { removeTempFiles } from '../support/tempFiles';
import { AgentFixture } from './agentFixture';
import { tone, wavFile } from './audio';
import { agentCallPlan, callPlan, mediaReport } from './callPlan';
import { RtpPeer } from './rtpPeer';

/** Thresholds scaled down so that each call decides within a second (the rules are the detector's own). */
const QUICK: AmdSettings = { ...AMD_DEFAULTS, initialSilenceMs: 300, greetingMs: 300, afterGreetingSilenceMs: 300, totalAnalysisMs: 1000, messageSilenceMs: 500 };

/** A line with a little noise on it, as μ-law. */
const line = (pcm: Int16Array) => encodeG711('PCMU', mix(pcm, noise(pcm.length / 8000, 30, 7)));
/** "Hello?" (voice to 0.3 s), then the silence of a person waiting for an answer: a person once 300 ms of it went by. */
const PERSON = line(concat(silence(0.1), voice(0.2), silence(1.5)));
const PERSON_DECIDED_BY_MS = 100 + 200 + 300;
/** A greeting long enough for a machine by 0.4 s, then its beep from 0.8 to 1.1 s, then the recording's silence. */
const MACHINE = line(concat(silence(0.1), voice(0.5), silence(0.2), tone(1000, 0.3), silence(1.5)));
const BEEP_END_MS = 1100;

const greeting = tone(440, 0.3);
const message = tone(600, 0.3);

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(removeTempFiles);

async function voiceAgent(): Promise<AgentFixture> {
  const agent = await AgentFixture.start();
  cleanups.push(() => agent.close());
  return agent;
}

/** A call answered by a far end that says `farEnd` (μ-law, in real time) from the answer on; its hang-up requests recorded. */
async function screenedCall(overrides: Partial<CallAudioPlan>, farEnd: Uint8Array | null) {
  const endpoint = await openMediaEndpoint(callPlan({ amd: QUICK, ...overrides }), { bindAddress: '127.0.0.1' });
  const peer = await RtpPeer.open();
  cleanups.push(() => endpoint.close(), () => peer.close());
  const hangups: { report: CallReport; sentMs: number }[] = [];
  endpoint.onHangupRequest((report) => hangups.push({ report, sentMs: sentMs(peer) }));
  await endpoint.start({ address: '127.0.0.1', port: peer.port, codec: 'PCMU' });
  if (farEnd) {
    const stream = peer.stream({ address: endpoint.address, port: endpoint.port }, 0, farEnd);
    cleanups.push(() => stream.stop());
  }
  return { endpoint, peer, hangups };
}

/** Where the packet the peer received `index`th starts on our send timeline (ms from the answer, by its RTP timestamp). */
const sentAtMs = (peer: RtpPeer, index: number) => ((peer.received[index].packet.timestamp - peer.received[0].packet.timestamp) >>> 0) / 8;

/** On our send timeline: the end of what has been sent so far. */
const sentMs = (peer: RtpPeer) => (peer.received.length ? sentAtMs(peer, peer.received.length - 1) + 20 : 0);

/** On our send timeline: when the first frame that is not silence was sent, and everything sent from there. */
function firstAudible(peer: RtpPeer): { atMs: number; audio: Buffer } | null {
  const index = peer.received.findIndex((r) => r.packet.payload.some((b) => b !== 0xff));
  if (index === -1) return null;
  return { atMs: sentAtMs(peer, index), audio: Buffer.concat(peer.received.slice(index).map((r) => r.packet.payload)) };
}

const decided = (endpoint: MediaEndpoint) => endpoint.report.amd !== null;

describe('media endpoint with answering-machine detection', () => {
  it('sends only silence until a person is decided, then plays the greeting at once, and asks to hang up once it has played', async () => {
    const { endpoint, peer, hangups } = await screenedCall({ greetingWav: wavFile([greeting]) }, PERSON);
    await vi.waitFor(() => expect(firstAudible(peer)).not.toBeNull(), { timeout: 5000 });
    const { amd } = endpoint.report;
    expect(amd).toMatchObject({ decision: 'human', beep: null });
    expect(amd!.ms).toBeGreaterThanOrEqual(PERSON_DECIDED_BY_MS);
    const { atMs } = firstAudible(peer)!;
    // nothing before the decision (its ms are received audio, which began as we started sending), little after it
    expect(atMs).toBeGreaterThanOrEqual(amd!.ms - 20);
    expect(atMs - amd!.ms).toBeLessThan(150);
    await vi.waitFor(() => expect(firstAudible(peer)!.audio.length).toBeGreaterThanOrEqual(greeting.length), { timeout: 5000 });
    expect(firstAudible(peer)!.audio.subarray(0, greeting.length)).toEqual(Buffer.from(encodeG711('PCMU', greeting)));
    await vi.waitFor(() => expect(hangups).toHaveLength(1), { timeout: 5000 });
    expect(hangups[0].report).toEqual(mediaReport({ amd }));
    // (less a frame or two still on its way to us when the request came)
    expect(hangups[0].sentMs - atMs).toBeGreaterThanOrEqual(greeting.length / 8 - 40);
  });

  it('without a greeting to play, asks to hang up as soon as a person is decided', async () => {
    const { endpoint, hangups } = await screenedCall({}, PERSON);
    await vi.waitFor(() => expect(hangups).toHaveLength(1), { timeout: 5000 });
    expect(hangups[0].report).toEqual(mediaReport({ amd: { decision: 'human', ms: expect.any(Number) as number, beep: null } }));
    expect(hangups[0].sentMs - endpoint.report.amd!.ms).toBeLessThan(150);
  });

  it('bridges the agent in only once a person is decided', async () => {
    const agent = await voiceAgent();
    const { endpoint } = await screenedCall({ conversation: agentCallPlan(agent.url).conversation }, PERSON);
    // the far end streams in real time: no decision can come before PERSON_DECIDED_BY_MS
    await new Promise((resolve) => setTimeout(resolve, PERSON_DECIDED_BY_MS - 200));
    expect(decided(endpoint)).toBe(false);
    expect(agent.calls).toHaveLength(0);
    await vi.waitFor(() => expect(decided(endpoint)).toBe(true), { timeout: 5000 });
    const decidedAt = performance.now();
    const call = await agent.call(0);
    await call.next((m) => m.event === 'start');
    expect(performance.now() - decidedAt).toBeLessThan(1000);
    expect(endpoint.report.amd).toMatchObject({ decision: 'human' });
    // the agent hears the line from the decision on: the silence after the "Hello?", not the word
    await vi.waitFor(() => expect(call.heard().length).toBeGreaterThan(3), { timeout: 5000 });
    const heardFrom = Buffer.from(PERSON).indexOf(Buffer.concat(call.heard().slice(0, 3)));
    expect(heardFrom / 8).toBeGreaterThanOrEqual(endpoint.report.amd!.ms);
  });

  it('on a machine: plays neither greeting nor agent, leaves the message once the beep ends, then asks to hang up', async () => {
    const agent = await voiceAgent();
    const { peer, hangups } = await screenedCall({ conversation: agentCallPlan(agent.url).conversation, voicemailWav: wavFile([message]) }, MACHINE);
    await vi.waitFor(() => expect(hangups).toHaveLength(1), { timeout: 5000 });
    const [{ report, sentMs: hungUpAtMs }] = hangups;
    expect(report).toEqual(mediaReport({ voicemail: true, amd: { decision: 'machine', ms: expect.any(Number), beep: true } }));
    expect(report.amd!.ms).toBeLessThan(BEEP_END_MS);
    const { atMs, audio } = firstAudible(peer)!;
    expect(atMs).toBeGreaterThanOrEqual(BEEP_END_MS);
    expect(atMs - BEEP_END_MS).toBeLessThan(200);
    // the whole message went out before the hang-up request, and it is the first thing the machine heard
    expect(audio.subarray(0, message.length)).toEqual(Buffer.from(encodeG711('PCMU', message)));
    // (less a frame or two still on its way to us when the request came)
    expect(hungUpAtMs - atMs).toBeGreaterThanOrEqual(300 - 40);
    expect(agent.calls).toHaveLength(0);
  });

  it('on a machine with the hangup action: asks to hang up when its greeting is over, having sent only silence', async () => {
    const { peer, hangups } = await screenedCall({ voicemailAction: 'hangup', greetingWav: wavFile([greeting]), voicemailWav: wavFile([message]) }, MACHINE);
    await vi.waitFor(() => expect(hangups).toHaveLength(1), { timeout: 5000 });
    const [{ report, sentMs: hungUpAtMs }] = hangups;
    expect(report).toMatchObject({ voicemail: true, amd: { decision: 'machine', beep: true } });
    expect(hungUpAtMs).toBeGreaterThanOrEqual(BEEP_END_MS);
    expect(hungUpAtMs - BEEP_END_MS).toBeLessThan(200);
    expect(firstAudible(peer)).toBeNull();
  });

  it('a far end that sends no audio is decided unknown in time and gets the conversation, with what play() chose meanwhile', async () => {
    const { endpoint, peer } = await screenedCall({ greetingWav: wavFile([greeting]) }, null);
    await endpoint.play(wavFile([message]));
    await vi.waitFor(() => expect(firstAudible(peer)).not.toBeNull(), { timeout: 5000 });
    expect(endpoint.report.amd).toMatchObject({ decision: 'unknown', ms: QUICK.initialSilenceMs, beep: null });
    // the silence counted from a tenth of a second without packets on
    expect(firstAudible(peer)!.atMs).toBeGreaterThanOrEqual(QUICK.initialSilenceMs);
    expect(firstAudible(peer)!.atMs).toBeLessThan(QUICK.initialSilenceMs + 300);
    await vi.waitFor(() => expect(firstAudible(peer)!.audio.length).toBeGreaterThanOrEqual(message.length), { timeout: 5000 });
    expect(firstAudible(peer)!.audio.subarray(0, message.length)).toEqual(Buffer.from(encodeG711('PCMU', message)));
  });
});
