import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CallAudioPlan, Codec, MediaEndpoint } from '../../main/telephony/media/endpoint';
import { decodeG711, encodeG711, transcodeG711 } from '../../main/telephony/media/g711';
import { openMediaEndpoint } from '../../main/telephony/media/openMediaEndpoint';
import { conversationPlanOf } from '../../main/telephony/media/conversationPlan';
import { realClock } from '../../main/platform/clock';
import type { VoiceToolName } from '../../main/voice/tools';
import { callConversation, callRequest } from '../dialer/providerContract';
import { removeTempFiles, tempFile } from '../support/tempFiles';
import { AgentFixture, type AgentCall } from './agentFixture';
import { containsPcm, readWav, tone, wavFile } from './audio';
import { agentCallPlan, callPlan, mediaReport } from './callPlan';
import { RtpPeer } from './rtpPeer';

let agent: AgentFixture;
beforeAll(async () => {
  agent = await AgentFixture.start();
});
afterAll(async () => {
  await agent.close();
  removeTempFiles();
});

const open: { endpoint: MediaEndpoint; peer: RtpPeer }[] = [];
afterEach(async () => {
  for (const { endpoint, peer } of open.splice(0)) await Promise.all([endpoint.close(), peer.close()]);
});

/** An answered call bridged to the agent fixture; resolves once the agent has the stream's `start`. */
async function bridgedCall(codec: Codec, overrides: Partial<CallAudioPlan> = {}) {
  return bridgedPlan(codec, agentCallPlan(agent.url, { callId: `call_${open.length}_${codec}`, ...overrides }));
}

/** An answered call with `plan`, whose conversation is with the agent fixture; resolves once the agent has the stream's `start`. */
async function bridgedPlan(codec: Codec, plan: CallAudioPlan) {
  const callIndex = agent.calls.length;
  const endpoint = await openMediaEndpoint(plan, { bindAddress: '127.0.0.1' });
  const peer = await RtpPeer.open();
  open.push({ endpoint, peer });
  await endpoint.start({ address: '127.0.0.1', port: peer.port, codec });
  const call = await agent.call(callIndex);
  await call.next((m) => m.event === 'start');
  return { endpoint, peer, call, farEnd: { address: endpoint.address, port: endpoint.port }, plan };
}

/** A μ-law test signal without silence bytes, so it is told apart from the padding. */
const speech = (frames: number) => Uint8Array.from({ length: frames * 160 }, (_, i) => 0x10 + (i % 200));
const isSilence = (payload: Uint8Array, codec: Codec) => payload.every((b) => b === (codec === 'PCMU' ? 0xff : 0xd5));
const spoken = (peer: RtpPeer, codec: Codec) => Buffer.concat(peer.received.map((r) => r.packet.payload).filter((p) => !isSilence(p, codec)));
const marks = (call: AgentCall) => call.received.filter((m) => m.event === 'mark').map((m) => m.mark!.name);

describe('media endpoint bridged to a voice agent (Media Streams)', () => {
  it('opens the stream with connected and start, naming the call and μ-law 8 kHz', async () => {
    const { call, plan } = await bridgedCall('PCMU');
    const [connected, start] = call.received;
    expect(connected).toEqual({ event: 'connected', protocol: 'Call', version: '1.0.0' });
    expect(start).toMatchObject({
      event: 'start',
      sequenceNumber: '1',
      start: { callSid: plan.callId, tracks: ['inbound'], customParameters: { from: '+15550001', to: '+15550002' }, mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 } },
    });
    expect(start.streamSid).toBe(start.start!.streamSid);
    expect(start.start!.streamSid).toMatch(/^MZ[0-9a-f]{32}$/);
  });

  it("tells the agent the call's context in start.customParameters: the conversation's flat strings, with from and to", async () => {
    const context = {
      firstName: 'Dana', company: 'Acme', 'custom.plan': 'Gold', campaignId: 'cmp_1', contactId: 'ct_1', callId: 'call_ctx', attempt: '2',
      prompt: 'You are Ava from Acme. Ask Dana whether Tuesday still works.', greeting: 'Hi Dana, this is Ava from Acme.',
    };
    const request = { ...callRequest('+15550002', '+15550001', 2), callId: 'call_ctx', conversation: callConversation({ engine: 'media-streams', customParameters: context }) };
    const conversation = conversationPlanOf(request, agent.url, { realtime: null, speech: null, clock: realClock() });
    const { call } = await bridgedPlan('PCMU', callPlan({ callId: request.callId, conversation }));
    expect(call.received[1].start).toMatchObject({ callSid: 'call_ctx', customParameters: { ...context, from: '+15550001', to: '+15550002' } });
    expect(Object.values(call.received[1].start!.customParameters).every((value) => typeof value === 'string')).toBe(true);
  });

  it('refuses, before the call is placed, an agent URL that is not a WebSocket (without naming it) or a Media Streams call without one', () => {
    expect(() => agentCallPlan('https://bot:secret@agent.example/media')).toThrow('agent URL is not a ws:// or wss:// URL');
    expect(() => agentCallPlan('not a url')).toThrow('agent URL is not a ws:// or wss:// URL');
    const request = { ...callRequest('+15550002', '+15550001'), conversation: callConversation({ engine: 'media-streams' }) };
    expect(() => conversationPlanOf(request, null, { realtime: null, speech: null, clock: realClock() })).toThrow('no agent URL');
  });

  it.each(['PCMU', 'PCMA'] as const)('lets the agent hear the far end (%s) as μ-law media messages', async (codec) => {
    const { peer, call, farEnd } = await bridgedCall(codec);
    const said = encodeG711('PCMU', tone(500, 0.1, 8000, 10_000));
    for (let at = 0; at < said.length; at += 160) peer.send(farEnd, codec === 'PCMU' ? 0 : 8, transcodeG711('PCMU', codec, said.subarray(at, at + 160)));
    await vi.waitFor(() => expect(call.heard()).toHaveLength(5), { timeout: 5000 });
    const expected = transcodeG711(codec, 'PCMU', transcodeG711('PCMU', codec, said));
    expect(Buffer.concat(call.heard())).toEqual(Buffer.from(expected));
    const media = call.received.filter((m) => m.event === 'media');
    expect(media.map((m) => m.media!.chunk)).toEqual(['1', '2', '3', '4', '5']);
    expect(media.every((m) => m.media!.track === 'inbound' && m.streamSid === call.received[1].streamSid)).toBe(true);
    const sequence = call.received.slice(1).map((m) => Number(m.sequenceNumber));
    expect(sequence).toEqual(sequence.map((_, i) => i + 1));
  });

  it.each(['PCMU', 'PCMA'] as const)('plays what the agent says to the far end as %s, paced at 20 ms', async (codec) => {
    const { peer, call } = await bridgedCall(codec);
    const words = speech(10);
    call.speak(words);
    await vi.waitFor(() => expect(spoken(peer, codec).length).toBe(words.length), { timeout: 5000 });
    expect(spoken(peer, codec)).toEqual(Buffer.from(transcodeG711('PCMU', codec, words)));
    expect(peer.received.every((r) => r.packet.payloadType === (codec === 'PCMU' ? 0 : 8))).toBe(true);
  });

  it('echoes a mark once the audio before it has been sent to the far end', async () => {
    const { endpoint, peer, call } = await bridgedCall('PCMU');
    const sentBefore = endpoint.stats.packetsSent;
    call.speak(speech(25));
    call.mark('greeting-done');
    await call.next((m) => m.event === 'mark');
    expect(endpoint.stats.packetsSent - sentBefore).toBeGreaterThanOrEqual(25);
    expect(marks(call)).toEqual(['greeting-done']);
    await vi.waitFor(() => expect(spoken(peer, 'PCMU').length).toBe(25 * 160), { timeout: 5000 });
  });

  it('drops buffered audio on clear and hands back the marks that were waiting', async () => {
    const { endpoint, peer, call } = await bridgedCall('PCMU');
    call.speak(speech(500));
    call.mark('long-answer-done');
    await vi.waitFor(() => expect(spoken(peer, 'PCMU').length).toBeGreaterThanOrEqual(3 * 160), { timeout: 5000 });
    call.clear();
    await call.next((m) => m.event === 'mark');
    const sentAtClear = endpoint.stats.packetsSent;
    await vi.waitFor(() => expect(endpoint.stats.packetsSent).toBeGreaterThan(sentAtClear + 5), { timeout: 5000 });
    await vi.waitFor(() => expect(peer.received.slice(-3).every((r) => isSilence(r.packet.payload, 'PCMU'))).toBe(true), { timeout: 5000 });
    expect(spoken(peer, 'PCMU').length).toBeLessThan(100 * 160);
    expect(marks(call)).toEqual(['long-answer-done']);
  });

  it('ignores messages it does not understand', async () => {
    const { peer, call } = await bridgedCall('PCMU');
    call.sendRaw('not json');
    call.sendRaw(JSON.stringify({ event: 'media', media: { payload: '***' } }));
    call.sendRaw(JSON.stringify({ event: 'dance' }));
    call.speak(speech(2));
    await vi.waitFor(() => expect(spoken(peer, 'PCMU')).toEqual(Buffer.from(speech(2))), { timeout: 5000 });
  });

  it('asks for a hangup when the agent closes the socket', async () => {
    const { endpoint, call } = await bridgedCall('PCMU');
    const hangup = vi.fn();
    endpoint.onHangupRequest(hangup);
    await call.hangUp();
    await vi.waitFor(() => expect(hangup).toHaveBeenCalledTimes(1), { timeout: 5000 });
    expect(hangup).toHaveBeenCalledWith(mediaReport());
  });

  it('the agent reports voicemail: the voicemail message plays to the far end, then it asks for a hangup as voicemail', async () => {
    const voicemailWav = wavFile([tone(600, 0.2)]);
    const { endpoint, peer, call } = await bridgedCall('PCMU', { voicemailWav });
    let sentAtHangup = 0;
    const hangup = vi.fn(() => (sentAtHangup = endpoint.stats.packetsSent));
    endpoint.onHangupRequest(hangup);
    call.speak(speech(50)); // cut off by the voicemail message
    call.sendRaw(JSON.stringify({ event: 'voicemail' }));
    await vi.waitFor(() => expect(hangup).toHaveBeenCalledTimes(1), { timeout: 5000 });
    expect(hangup).toHaveBeenCalledWith(mediaReport({ voicemail: true, tools: [{ name: 'voicemail_reached', arguments: {}, at: expect.any(Number), result: 'left the voicemail recording' }] }));
    // all ten frames of the message were sent before the hangup was asked for (the last may still be on its way)
    await vi.waitFor(() => expect(peer.received.length).toBeGreaterThanOrEqual(sentAtHangup), { timeout: 5000 });
    const heard = Buffer.concat(peer.received.slice(0, sentAtHangup).map((r) => r.packet.payload));
    expect(heard.includes(Buffer.from(encodeG711('PCMU', tone(600, 0.2)).subarray(0, 1600)))).toBe(true);
  });

  it('voicemail without a message asks for the hangup at once; an opt-out rides along with the hangup', async () => {
    const { endpoint, call } = await bridgedCall('PCMA');
    const hangup = vi.fn();
    endpoint.onHangupRequest(hangup);
    call.sendRaw(JSON.stringify({ event: 'opt_out' }));
    call.sendRaw(JSON.stringify({ event: 'voicemail' }));
    await vi.waitFor(() => expect(hangup).toHaveBeenCalledTimes(1), { timeout: 5000 });
    const tool = (name: VoiceToolName, result: string) => ({ name, arguments: {}, at: expect.any(Number), result });
    expect(hangup).toHaveBeenCalledWith(mediaReport({ voicemail: true, optedOut: true, tools: [tool('opt_out', 'opted out'), tool('voicemail_reached', 'hung up')] }));
  });

  it('asks for a hangup when the agent cannot be reached', async () => {
    const endpoint = await openMediaEndpoint(agentCallPlan('ws://127.0.0.1:9/', { callId: 'call_x' }), { bindAddress: '127.0.0.1' });
    const peer = await RtpPeer.open();
    open.push({ endpoint, peer });
    const hangup = vi.fn();
    endpoint.onHangupRequest(hangup);
    await endpoint.start({ address: '127.0.0.1', port: peer.port, codec: 'PCMU' });
    await vi.waitFor(() => expect(hangup).toHaveBeenCalledTimes(1), { timeout: 5000 });
    // a technical failure, not an answered call
    expect(hangup).toHaveBeenCalledWith(mediaReport({ failure: 'the voice agent could not be reached' }));
  });

  it('sends stop and closes the socket when the call ends, without asking for a hangup', async () => {
    const { endpoint, call, plan } = await bridgedCall('PCMU');
    const hangup = vi.fn();
    endpoint.onHangupRequest(hangup);
    await endpoint.close();
    await call.closed;
    expect(call.received.at(-1)).toMatchObject({ event: 'stop', stop: { callSid: plan.callId } });
    expect(hangup).not.toHaveBeenCalled();
  });

  it('records the far end and the agent on their own channels', async () => {
    const recordingPath = tempFile('agent-call.wav');
    const { endpoint, peer, call, farEnd } = await bridgedCall('PCMU', { recordingPath });
    const farEndSays = encodeG711('PCMU', tone(300, 0.1, 8000, 12_000));
    for (let at = 0; at < farEndSays.length; at += 160) peer.send(farEnd, 0, farEndSays.subarray(at, at + 160));
    call.speak(speech(5));
    await vi.waitFor(() => expect(spoken(peer, 'PCMU').length).toBe(5 * 160), { timeout: 5000 });
    await vi.waitFor(() => expect(endpoint.stats.packetsReceived).toBe(5), { timeout: 5000 });
    await endpoint.close();
    const [heard, said] = readWav(recordingPath).channels;
    expect(containsPcm(heard, decodeG711('PCMU', farEndSays))).toBe(true);
    expect(containsPcm(said, decodeG711('PCMU', speech(5)))).toBe(true);
  });
});
