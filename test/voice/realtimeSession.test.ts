import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../main/platform/clock';
import type { SessionEnd, TranscriptTurn, VoiceEngineSession, VoiceSessionContext } from '../../main/voice/engine';
import { createRealtimeEngine } from '../../main/voice/realtime/realtimeSession';
import { NO_API_KEY } from '../../main/voice/realtime/realtimeSocket';
import type { VoiceToolCall } from '../../main/voice/tools';
import { FAKE_API_KEY, FakeRealtime, type FakeRealtimeSession } from '../support/fakeRealtime';

const ANSWERED_AT = Date.UTC(2027, 0, 13, 15, 0, 0);

const CONTEXT: VoiceSessionContext = {
  instructions: 'You are Ava from Acme. Ask Dana whether Tuesday still works.',
  greeting: 'Hi Dana, this is Ava from Acme.',
  tools: ['end_call', 'opt_out', 'schedule_callback', 'voicemail_reached'],
  voice: 'marin',
  model: 'gpt-realtime',
  maxCallMs: 600_000,
  answeredAt: ANSWERED_AT,
};

/** What the session told its host, in order. */
interface Heard {
  audio: Buffer[];
  marks: string[];
  clears: number;
  transcripts: TranscriptTurn[];
  tools: VoiceToolCall[];
  gone: SessionEnd[];
}

let fake: FakeRealtime;
let clock: VirtualClock;
const sessions: VoiceEngineSession[] = [];

beforeEach(async () => {
  fake = await FakeRealtime.start();
  clock = new VirtualClock(ANSWERED_AT);
});
afterEach(async () => {
  for (const session of sessions.splice(0)) await session.close();
  await fake.close();
});

function open(options: { apiKey?: string | null; baseUrl?: string; context?: Partial<VoiceSessionContext>; onToolCall?: (call: VoiceToolCall, session: VoiceEngineSession) => void } = {}) {
  const heard: Heard = { audio: [], marks: [], clears: 0, transcripts: [], tools: [], gone: [] };
  const apiKey = options.apiKey === undefined ? FAKE_API_KEY : (options.apiKey ?? undefined);
  const engine = createRealtimeEngine(() => ({ apiKey, baseUrl: options.baseUrl ?? fake.baseUrl }), clock);
  const session: VoiceEngineSession = engine.open({
    onAudio: (mulaw) => heard.audio.push(Buffer.from(mulaw)),
    onMark: (name) => heard.marks.push(name),
    onClear: () => heard.clears++,
    onTranscript: (turn) => heard.transcripts.push(turn),
    onToolCall: (call) => (heard.tools.push(call), options.onToolCall?.(call, session)),
    onGone: (end) => heard.gone.push(end),
  });
  sessions.push(session);
  session.start({ ...CONTEXT, ...options.context });
  return { session, heard };
}

/** A session whose configuration the fake has received: audio sent from now on is appended. */
async function connected(options: Parameters<typeof open>[0] = {}): Promise<ReturnType<typeof open> & { remote: FakeRealtimeSession }> {
  const opened = open(options);
  const remote = await fake.nextSession();
  await remote.next('session.update');
  return { ...opened, remote };
}

const mulaw = (bytes: number) => randomBytes(bytes);

/**
 * Waits until the session has handled every event the fake sent so far: events are handled in order, so once a
 * delta of a fresh item sent now has been played, all before it have been handled.
 */
async function everythingSentIsHandled(remote: FakeRealtimeSession, heard: Heard): Promise<void> {
  const played = heard.audio.length;
  remote.emit({ type: 'response.output_audio.delta', response_id: 'resp_barrier', item_id: `item_barrier${played}`, output_index: 0, content_index: 0, delta: mulaw(8).toString('base64') });
  await expect.poll(() => heard.audio.length).toBe(played + 1);
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('the realtime voice session against a fake Realtime server', () => {
  it('configures the session (instructions, μ-law both ways, server VAD, transcription, the tools), then asks for the greeting', async () => {
    const { remote } = await connected();
    expect(fake.authorizations).toEqual([`Bearer ${FAKE_API_KEY}`]);
    expect(remote.model).toBe('gpt-realtime');
    const session = await remote.sessionUpdate();
    expect(session).toMatchObject({
      type: 'realtime',
      instructions: CONTEXT.instructions,
      output_modalities: ['audio'],
      audio: {
        input: { format: { type: 'audio/pcmu' }, turn_detection: { type: 'server_vad', interrupt_response: true }, transcription: { model: expect.any(String) } },
        output: { format: { type: 'audio/pcmu' }, voice: 'marin' },
      },
    });
    const tools = session.tools as { name: string; parameters: { required?: string[]; properties: object } }[];
    expect(tools.map((tool) => tool.name)).toEqual(CONTEXT.tools);
    expect(tools.find((tool) => tool.name === 'schedule_callback')!.parameters).toMatchObject({ type: 'object', required: ['at', 'note'] });
    expect(tools.find((tool) => tool.name === 'end_call')!.parameters).toMatchObject({ required: ['reason'] });

    const greeting = await remote.next('response.create');
    expect(greeting.response?.instructions).toContain(JSON.stringify(CONTEXT.greeting));
    expect(remote.received.findIndex((e) => e.type === 'session.update')).toBeLessThan(remote.received.indexOf(greeting));
  });

  it('appends exactly the μ-law it is given, and nothing before the engine is connected', async () => {
    const { session } = open();
    session.sendAudio(mulaw(160));
    const remote = await fake.nextSession();
    await remote.next('session.update');
    const sent = mulaw(160 * 25);
    for (let at = 0; at < sent.length; at += 160) session.sendAudio(sent.subarray(at, at + 160));
    await remote.audioReaches(sent.length);
    expect(remote.appendedAudio().equals(sent)).toBe(true);
  });

  it("plays the agent's audio deltas in order, a mark after each, and reports the turn once all of it has played", async () => {
    const { session, remote, heard } = await connected();
    await clock.runUntil(ANSWERED_AT + 1_200);
    const audio = mulaw(2_400);
    remote.say(CONTEXT.greeting, audio);
    await expect.poll(() => heard.marks.length).toBe(3);
    expect(Buffer.concat(heard.audio).equals(audio)).toBe(true);

    for (const mark of heard.marks.slice(0, 2)) session.sendMark(mark);
    expect(heard.transcripts).toEqual([]);
    session.sendMark(heard.marks[2]);
    expect(heard.transcripts).toEqual([{ speaker: 'agent', text: CONTEXT.greeting, offsetMs: 1_200, interrupted: false }]);
  });

  it('on barge-in clears playout, truncates the agent item where playout got to, and reports the turn interrupted', async () => {
    const { session, remote, heard } = await connected();
    session.sendAudio(mulaw(800));
    const { itemId } = remote.say('Hi Dana, this is Ava from Acme, calling about Tuesday.', mulaw(4_000));
    await expect.poll(() => heard.marks.length).toBe(5);
    for (const mark of heard.marks.slice(0, 2)) session.sendMark(mark);

    await remote.speechStartsAfter(100);
    const truncate = await remote.next('conversation.item.truncate');
    expect(truncate).toMatchObject({ item_id: itemId, content_index: 0, audio_end_ms: 200 });
    expect(heard.clears).toBe(1);
    expect(heard.transcripts).toEqual([{ speaker: 'agent', text: 'Hi Dana, this is Ava from Acme, calling about Tuesday.', offsetMs: 0, interrupted: true }]);

    // the host reports the cleared marks back; audio the engine had already sent for the item is not played
    for (const mark of heard.marks.slice(2)) session.sendMark(mark);
    remote.emit({ type: 'response.output_audio.delta', response_id: 'resp_late', item_id: itemId, output_index: 0, content_index: 0, delta: mulaw(800).toString('base64') });
    await everythingSentIsHandled(remote, heard);
    expect(heard.audio).toHaveLength(6);
    expect(heard.transcripts).toHaveLength(1);
    expect(heard.gone).toEqual([]);
  });

  it("reports the contact's words with their offset from the answer, placed by where the speech began in the audio", async () => {
    const { session, remote, heard } = await connected();
    await clock.runUntil(ANSWERED_AT + 2_000);
    for (let i = 0; i < 5; i++) session.sendAudio(mulaw(160));
    const itemId = await remote.speechStartsAfter(60);
    await clock.runUntil(ANSWERED_AT + 4_000);
    remote.transcribe(itemId, ' Yes, speaking. ');
    await expect.poll(() => heard.transcripts).toEqual([{ speaker: 'contact', text: 'Yes, speaking.', offsetMs: 2_060, interrupted: false }]);
    expect(heard.clears).toBe(1);
  });

  it('hands a tool call to the host with its arguments checked, and its result back to the model before a new response', async () => {
    const { remote, heard } = await connected({ onToolCall: (call, session) => session.sendToolResult(call.callId, { scheduled: true }) });
    const callId = remote.callTool('schedule_callback', { at: 'in 2 hours', note: 'Wants the pricing sheet first' });
    await expect.poll(() => heard.tools).toEqual([{ name: 'schedule_callback', callId, arguments: { at: 'in 2 hours', note: 'Wants the pricing sheet first' } }]);
    const output = await remote.next('conversation.item.create');
    expect(output.item).toEqual({ type: 'function_call_output', call_id: callId, output: '{"scheduled":true}' });
    await expect.poll(() => remote.received.filter((e) => e.type === 'response.create').length).toBe(2);
    expect(remote.received.at(-1)!.type).toBe('response.create');
  });

  it('tells the model, not the host, about a tool it was not offered or arguments that do not fit', async () => {
    const { remote, heard } = await connected();
    const transfer = remote.callTool('transfer_call', { reason: 'wants a human' });
    const badArguments = remote.callTool('end_call', '{"reason": 42}');
    const notJson = remote.callTool('opt_out', '{oops');
    for (const callId of [transfer, badArguments, notJson]) {
      const output = await remote.next('conversation.item.create', (e) => e.item.type === 'function_call_output' && e.item.call_id === callId);
      expect(JSON.parse((output.item as { output: string }).output).error).toEqual(expect.stringMatching(/no tool named transfer_call|arguments of end_call are wrong|not valid JSON/));
    }
    const noArguments = remote.callTool('opt_out', '');
    await expect.poll(() => heard.tools).toEqual([{ name: 'opt_out', callId: noArguments, arguments: {} }]);
  });

  it('ends with "OpenAI rejected the API key" when the upgrade is refused with 401', async () => {
    const { heard } = open({ apiKey: 'sk-wrong-key-0123456789abcdef' });
    await expect.poll(() => heard.gone).toEqual([{ reached: false, failure: 'OpenAI rejected the API key' }]);
  });

  it('ends without connecting when no API key is set', async () => {
    const { heard } = open({ apiKey: null });
    expect(heard.gone).toEqual([]);
    await expect.poll(() => heard.gone).toEqual([{ reached: false, failure: NO_API_KEY }]);
    expect(fake.authorizations).toEqual([]);
  });

  it('ends with the same failure when the server accepts the socket but refuses the key in an error event', async () => {
    await fake.close();
    fake = await FakeRealtime.start({ badKey: 'error-event' });
    const { heard } = open({ apiKey: 'sk-wrong-key-0123456789abcdef' });
    await expect.poll(() => heard.gone).toEqual([{ reached: false, failure: 'OpenAI rejected the API key' }]);
  });

  it('ends with "could not be reached" and the reason when nothing listens at the base URL', async () => {
    const { heard } = open({ baseUrl: `http://127.0.0.1:${await closedPort()}/v1` });
    await expect.poll(() => heard.gone).toEqual([{ reached: false, failure: expect.stringMatching(/^the voice engine could not be reached: .*ECONNREFUSED/) }]);
  });

  it('ends when an error refuses the session settings, and goes on after an error about anything else', async () => {
    const { remote, heard } = await connected();
    remote.fail({ type: 'invalid_request_error', code: 'invalid_value', message: 'Truncation is past the end', event_id: 'client_event_7' });
    await everythingSentIsHandled(remote, heard);
    expect(heard.gone).toEqual([]);

    const update = await remote.next('session.update');
    remote.fail({ type: 'invalid_request_error', code: 'invalid_value', message: "Invalid value: 'nova'", event_id: update.event_id });
    await expect.poll(() => heard.gone).toEqual([{ reached: true, failure: "the voice engine failed: Invalid value: 'nova' (invalid_value)" }]);
    await remote.closed;
  });

  it('ends, reached, when the engine closes the connection mid-call; close() ends it without a report', async () => {
    const first = await connected();
    first.remote.hangUp(1011);
    await expect.poll(() => first.heard.gone).toEqual([{ reached: true, failure: 'the voice engine closed the connection (code 1011)' }]);

    const second = await connected();
    await second.session.close();
    await second.remote.closed;
    expect(second.heard.gone).toEqual([]);
  });

  it('ends at the maximum call length from the answer, reporting the turn under way as interrupted', async () => {
    const { remote, heard } = await connected({ context: { maxCallMs: 90_000 } });
    remote.say('Before I let you go', mulaw(1_600), { finish: false });
    await expect.poll(() => heard.marks.length).toBe(2);
    await clock.runUntil(ANSWERED_AT + 89_999);
    expect(heard.gone).toEqual([]);
    await clock.runUntil(ANSWERED_AT + 90_000);
    expect(heard.transcripts).toEqual([{ speaker: 'agent', text: 'Before I let you go', offsetMs: 0, interrupted: true }]);
    expect(heard.gone).toEqual([{ reached: true, maxCallLength: true }]);
    await remote.closed;
  });
});
