import { readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AMD_DEFAULTS } from '../../shared/campaigns/amdSettings';
import { realClock } from '../../main/platform/clock';
import { decodeG711 } from '../../main/telephony/media/g711';
import { openMediaEndpoint } from '../../main/telephony/media/openMediaEndpoint';
import type { CallConversation, CallEvent, PlaceCallRequest } from '../../main/telephony/port';
import { SipProvider } from '../../main/telephony/sip/provider';
import { createRealtimeEngine } from '../../main/voice/realtime/realtimeSession';
import { callConversation, callRequest } from '../dialer/providerContract';
import { indexOfPcm, readWav } from '../media/audio';
import { FAKE_API_KEY, FakeRealtime, type FakeRealtimeSession } from '../support/fakeRealtime';
import { removeTempFiles, tempFile } from '../support/tempFiles';
import { FROM, trunkFor, waitFor } from './harness';
import { agentAudio, helloThenGreeting, PLAYED_MS, toolOutput } from './realtimeTalk';
import { startSippUas, type SippUas } from './sipp';
import { personClip, type FarEndClip } from './spokenClips';

/*
 * Real SIP calls with the built-in realtime engine: SIPp answers each call and says "Hello?" (espeak-ng, μ-law over
 * RTP) to our SIP user agent, whose conversation is with a fake of OpenAI's Realtime server on loopback (an http
 * base URL). The calls run at once, one SIPp per kind of far end; each `it` checks what one of them did.
 */

const TRANSFER_TO = '+15551234567';
const VOICEMAIL_MESSAGE = 'Hi Dana, this is Ava from Acme: please call us back on 555 0100.';
const ended = new Map<string, Extract<CallEvent, { type: 'ended' }>>();
const answeredAt = new Map<string, number>();

let clip: FarEndClip;
let fake: FakeRealtime;
const farEnds: SippUas[] = [];
const providers: SipProvider[] = [];

/** Instructions rendered for the call about `topic`: the variables filled in, the topic telling the calls apart. */
const instructionsAbout = (topic: string) => `You are Ava from Acme. You are calling Dana Whitfield of Northwind Traders, Gold plan, about ${topic}.`;

/** A SIP provider whose calls go to `sipp` and talk to the fake engine with `apiKey`, each recorded at recordings[callId]. */
function providerTo(sipp: SippUas, apiKey: string, recordings: Map<string, string>) {
  const provider = new SipProvider({
    clock: realClock(),
    resolveTrunk: () => trunkFor(sipp),
    openMedia: openMediaEndpoint,
    audioPlan: (r) => ({ callId: r.callId, from: r.from, to: r.to, agentUrl: null, greetingWav: null, voicemailWav: null, recordingPath: recordings.get(r.callId) ?? null }),
    voiceEngine: createRealtimeEngine(() => ({ apiKey, baseUrl: fake.baseUrl }), realClock()),
  });
  providers.push(provider);
  provider.onEvent((event) => {
    if (event.type === 'ended') ended.set(event.callId, event);
    if (event.type === 'answered') answeredAt.set(event.callId, event.at);
  });
  return provider;
}

/** A realtime call about `topic`, with `conversation` and `request` overrides. */
function realtimeCall(topic: string, conversation: Partial<CallConversation> = {}, request: Partial<PlaceCallRequest> = {}): PlaceCallRequest {
  return {
    ...callRequest('+12125550001', FROM),
    conversation: callConversation({ engine: 'realtime', instructions: instructionsAbout(topic), greeting: 'Hi Dana, this is Ava from Acme.', voicemailMessage: VOICEMAIL_MESSAGE, ...conversation }),
    ...request,
  };
}

const calls = {
  conversation: realtimeCall('Tuesday'),
  optOut: realtimeCall('an opt-out'),
  callback: realtimeCall('a callback'),
  voicemail: realtimeCall('a voicemail'),
  maxLength: realtimeCall('the maximum length', { maxCallMs: 1_500 }),
  screened: realtimeCall('a screened call', {}, { voicemailDetection: AMD_DEFAULTS }),
  badKey: realtimeCall('a bad key'),
  transfer: realtimeCall('a transfer', { transferNumber: TRANSFER_TO }),
  refusedTransfer: realtimeCall('a refused transfer', { transferNumber: TRANSFER_TO }),
};
const recordingOfConversation = tempFile('conversation.wav');
/** When the fake engine's session of each call connected (ms). */
const connectedAt = new Map<string, number>();
/** What the fake engine saw of each call, kept for the checks. */
const remote = new Map<string, FakeRealtimeSession>();

/** Waits for the call's session at the fake engine; the test's side of the conversation then runs as `script`. */
async function converse(request: PlaceCallRequest, script: (session: FakeRealtimeSession) => Promise<void>): Promise<void> {
  const session = await fake.sessionInstructedWith(request.conversation.instructions);
  connectedAt.set(request.callId, Date.now());
  remote.set(request.callId, session);
  await script(session);
}

const GREETING = agentAudio(1_000, 3);
const LONG_ANSWER = agentAudio(4_000, 5);
let truncatedAtMs = 0;

beforeAll(async () => {
  [clip, fake] = await Promise.all([personClip(), FakeRealtime.start()]);
  const fill = { clip: clip.path, target: TRANSFER_TO };
  const [speaking, taking, refusing] = await Promise.all([
    startSippUas('answer_and_speak.xml', { calls: 7, fill }),
    startSippUas('answer_speak_take_transfer.xml', { calls: 1, fill }),
    startSippUas('answer_speak_refuse_transfer.xml', { calls: 1, fill }),
  ]);
  farEnds.push(speaking, taking, refusing);
  const recordings = new Map([[calls.conversation.callId, recordingOfConversation]]);
  const good = providerTo(speaking, FAKE_API_KEY, recordings);
  const bad = providerTo(speaking, 'sk-not-the-key-0123456789', recordings);
  const transferring = providerTo(taking, FAKE_API_KEY, recordings);
  const refused = providerTo(refusing, FAKE_API_KEY, recordings);

  const scripts = [
    converse(calls.conversation, async (session) => {
      // the callee's "Hello?" first, then the greeting, then a long answer the callee talks over
      await helloThenGreeting(session, 'Hi Dana, this is Ava from Acme.', GREETING);
      // a delta a frame long, so that the marks tell where playout got to frame by frame
      session.say('I am calling about your order, which shipped on Monday and should reach you on Tuesday.', LONG_ANSWER, { finish: false, chunkBytes: 160 });
      await delay(600);
      const interruption = await session.speechStartsAfter(session.appendedAudio().length / 8);
      truncatedAtMs = (await session.next('conversation.item.truncate')).audio_end_ms;
      session.transcribe(interruption, 'Sorry, who is this?');
      await delay(PLAYED_MS);
      session.callTool('end_call', { reason: 'the person is busy' });
    }),
    converse(calls.optOut, async (session) => {
      const callId = session.callTool('opt_out', {});
      await toolOutput(session, callId);
      await session.next('response.create', (e) => !e.response?.instructions);
      session.say('Understood, you will not hear from us again. Goodbye.', agentAudio(500, 7));
    }),
    converse(calls.callback, async (session) => {
      const callId = session.callTool('schedule_callback', { at: 'in 2 hours', note: 'Send the pricing sheet first' });
      expect(await toolOutput(session, callId)).toEqual({ result: 'scheduled' });
      await delay(PLAYED_MS);
      session.callTool('end_call', { reason: 'callback booked' });
    }),
    converse(calls.voicemail, async (session) => {
      const callId = session.callTool('voicemail_reached', {});
      expect((await toolOutput(session, callId)).result).toContain(JSON.stringify(VOICEMAIL_MESSAGE));
      session.say(VOICEMAIL_MESSAGE, agentAudio(500, 9));
    }),
    converse(calls.maxLength, async () => {}),
    converse(calls.screened, async (session) => {
      await delay(PLAYED_MS);
      session.callTool('end_call', { reason: 'done' });
    }),
    converse(calls.transfer, async (session) => {
      session.callTool('transfer_call', { reason: 'wants a human' });
    }),
    converse(calls.refusedTransfer, async (session) => {
      const callId = session.callTool('transfer_call', { reason: 'wants a human' });
      expect(await toolOutput(session, callId)).toEqual({ error: 'The transfer failed: the far end refused the transfer (403 Forbidden)' });
      // the call goes on after the failed transfer
      await delay(PLAYED_MS);
      expect(ended.has(calls.refusedTransfer.callId)).toBe(false);
      session.callTool('end_call', { reason: 'no one to transfer to' });
    }),
  ];
  const placed = [
    ...[calls.conversation, calls.optOut, calls.callback, calls.voicemail, calls.maxLength, calls.screened].map((r) => good.placeCall(r)),
    bad.placeCall(calls.badKey),
    transferring.placeCall(calls.transfer),
    refused.placeCall(calls.refusedTransfer),
  ];
  await Promise.all([...placed, ...scripts]);
  await waitFor(() => Object.values(calls).every((r) => ended.has(r.callId)), 15_000, 'every call to end');
  for (const sipp of farEnds) {
    const { code, output } = await sipp.exit;
    expect(code, output).toBe(0);
  }
}, 30_000);

afterAll(async () => {
  for (const provider of providers) await provider.close();
  for (const sipp of farEnds) await sipp.stop();
  await fake?.close();
  removeTempFiles();
});

const endOf = (request: PlaceCallRequest) => ended.get(request.callId)!;
const tool = (name: string, result: string, args: Record<string, unknown> = {}) => ({ name, arguments: args, at: expect.any(Number), result });

describe('a real SIP call held by the realtime engine (SIPp far end, fake Realtime server)', () => {
  it('configures the session with the rendered instructions, μ-law both ways and the tools, then asks for the greeting', async () => {
    const session = remote.get(calls.conversation.callId)!;
    const update = await session.sessionUpdate();
    expect(update.instructions).toBe(instructionsAbout('Tuesday'));
    expect(update.audio).toMatchObject({ input: { format: { type: 'audio/pcmu' } }, output: { format: { type: 'audio/pcmu' }, voice: 'marin' } });
    expect((update.tools as { name: string }[]).map((t) => t.name)).toEqual(['end_call', 'opt_out', 'schedule_callback', 'voicemail_reached']);
    const offered = (await remote.get(calls.transfer.callId)!.sessionUpdate()).tools as { name: string }[];
    expect(offered.map((t) => t.name)).toContain('transfer_call');
    expect((await session.next('response.create')).response?.instructions).toContain('Hi Dana, this is Ava from Acme.');
  });

  it("sends the callee's RTP to the engine as μ-law, unconverted", () => {
    const sent = readFileSync(clip.path);
    const speechFrom = sent.findIndex((byte) => byte !== 0xff);
    const run = sent.subarray(speechFrom + 400, speechFrom + 400 + 1_600);
    expect(remote.get(calls.conversation.callId)!.appendedAudio().includes(run)).toBe(true);
  });

  it("plays the engine's audio to the callee as RTP, and on barge-in stops it within two frames of where playout was", () => {
    const [, sent] = readWav(recordingOfConversation).channels;
    const greeting = decodeG711('PCMU', GREETING);
    expect(indexOfPcm(sent, greeting)).toBeGreaterThan(0);
    const answer = decodeG711('PCMU', LONG_ANSWER);
    const from = indexOfPcm(sent, answer.subarray(0, 800));
    expect(from).toBeGreaterThan(0);
    let heard = 0;
    while (heard < answer.length && sent[from + heard] === answer[heard]) heard++;
    const heardMs = heard / 8;
    expect(truncatedAtMs).toBeGreaterThan(0);
    expect(heardMs - truncatedAtMs).toBeGreaterThanOrEqual(0);
    expect(heardMs - truncatedAtMs).toBeLessThanOrEqual(40);
    // nothing of the cut answer (or anything else) was sent after it
    expect(sent.subarray(from + heard).every((sample) => sample === 0)).toBe(true);
  });

  it('end_call hangs up once what was queued has played; the turns of both sides are on the ended event', () => {
    expect(endOf(calls.conversation)).toMatchObject({ outcome: 'answered', tools: [tool('end_call', 'hung up', { reason: 'the person is busy' })] });
    const { transcript } = endOf(calls.conversation);
    expect(transcript).toEqual([
      { speaker: 'contact', text: 'Hello?', offsetMs: expect.any(Number), interrupted: false },
      { speaker: 'agent', text: 'Hi Dana, this is Ava from Acme.', offsetMs: expect.any(Number), interrupted: false },
      { speaker: 'agent', text: 'I am calling about your order, which shipped on Monday and should reach you on Tuesday.', offsetMs: expect.any(Number), interrupted: true },
      { speaker: 'contact', text: 'Sorry, who is this?', offsetMs: expect.any(Number), interrupted: false },
    ]);
    const offsets = transcript!.map((turn) => turn.offsetMs);
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
  });

  it('opt_out: the call ends opted out, after the goodbye has played', () => {
    expect(endOf(calls.optOut)).toMatchObject({ outcome: 'answered', optedOut: true, tools: [tool('opt_out', 'opted out')] });
    expect(endOf(calls.optOut).transcript).toEqual([{ speaker: 'agent', text: 'Understood, you will not hear from us again. Goodbye.', offsetMs: expect.any(Number), interrupted: false }]);
  });

  it('schedule_callback: the model hears "scheduled", the call goes on, and its end carries the callback as given', () => {
    expect(endOf(calls.callback)).toMatchObject({
      outcome: 'answered',
      callback: { at: 'in 2 hours', note: 'Send the pricing sheet first' },
      tools: [tool('schedule_callback', 'scheduled', { at: 'in 2 hours', note: 'Send the pricing sheet first' }), tool('end_call', 'hung up', { reason: 'callback booked' })],
    });
  });

  it('voicemail_reached without a voicemail recording: the engine says the rendered message, then the call ends as voicemail', () => {
    expect(endOf(calls.voicemail)).toMatchObject({ outcome: 'voicemail', tools: [tool('voicemail_reached', 'left the voicemail message')] });
    expect(endOf(calls.voicemail).transcript).toMatchObject([{ speaker: 'agent', text: VOICEMAIL_MESSAGE, interrupted: false }]);
  });

  it('transfer_call: a REFER to the transfer number at the trunk, accepted and reported done: outcome transferred', () => {
    expect(endOf(calls.transfer)).toMatchObject({ outcome: 'transferred', tools: [tool('transfer_call', 'transferred', { reason: 'wants a human' })] });
  });

  it('a refused REFER: the model hears why and the call goes on until end_call', () => {
    expect(endOf(calls.refusedTransfer)).toMatchObject({
      outcome: 'answered',
      tools: [tool('transfer_call', 'The transfer failed: the far end refused the transfer (403 Forbidden)', { reason: 'wants a human' }), tool('end_call', 'hung up', { reason: 'no one to transfer to' })],
    });
  });

  it('ends the call at its maximum length, as answered', () => {
    const end = endOf(calls.maxLength);
    expect(end.outcome).toBe('answered');
    const lastedMs = end.at - answeredAt.get(calls.maxLength.callId)!;
    // the session counts from the media's start, a moment before the answer is reported
    expect(lastedMs).toBeGreaterThanOrEqual(1_450);
    expect(lastedMs).toBeLessThan(3_000);
  });

  it('with detection on, the engine is reached only once the callee is decided a person', () => {
    const end = endOf(calls.screened);
    expect(end).toMatchObject({ outcome: 'answered', amd: { decision: 'human' } });
    const answered = answeredAt.get(calls.screened.callId)!;
    expect(connectedAt.get(calls.screened.callId)! - answered).toBeGreaterThanOrEqual(end.amd!.ms);
  });

  it('a key the engine rejects: the call ends failed, with the reason', () => {
    expect(endOf(calls.badKey)).toMatchObject({ outcome: 'failed', error: 'OpenAI rejected the API key' });
  });
});
