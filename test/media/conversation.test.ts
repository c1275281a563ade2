import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../main/platform/clock';
import { Conversation, GOODBYE_CAP_MS, HANG_UP_MARK, type ConversationHost } from '../../main/telephony/media/conversation';
import type { TransferResult } from '../../main/telephony/media/endpoint';
import type { VoiceEngineSession, VoiceSessionContext, VoiceSessionHandlers } from '../../main/voice/engine';
import { mediaReport, TEST_CONTEXT } from './callPlan';

const ANSWERED_AT = Date.UTC(2027, 0, 13, 15);

/** An engine session the test speaks for: what the conversation told it, and its handlers to answer through. */
class ScriptedSession implements VoiceEngineSession {
  readonly started: VoiceSessionContext[] = [];
  readonly results: { callId: string; result: unknown }[] = [];
  closed = false;

  constructor(readonly engine: VoiceSessionHandlers) {}

  start(context: VoiceSessionContext): void {
    this.started.push(context);
  }
  sendAudio(): void {}
  sendMark(): void {}
  sendToolResult(callId: string, result: unknown): void {
    this.results.push({ callId, result });
  }
  async close(): Promise<void> {
    this.closed = true;
  }
}

/** A conversation on a virtual clock, its host recording what it was asked to do; transfers settle as `transfer` says. */
function conversation(plan: { transferNumber?: string | null; transfer?: (settled: (result: TransferResult) => void) => void } = {}) {
  const clock = new VirtualClock(ANSWERED_AT);
  let session!: ScriptedSession;
  const host = {
    marks: [] as string[],
    hangUps: 0,
    transfers: [] as string[],
    voicemails: 0,
    report: mediaReport(),
  };
  const hostSide: ConversationHost = {
    play: () => {},
    mark: (name) => host.marks.push(name),
    clear: () => {},
    hangUp: () => host.hangUps++,
    leaveVoicemail: (done) => {
      host.voicemails++;
      done('left the voicemail message');
    },
    transfer: (number, settled) => {
      host.transfers.push(number);
      plan.transfer?.(settled);
    },
    report: host.report,
  };
  const engine = { open: (handlers: VoiceSessionHandlers) => (session = new ScriptedSession(handlers)) };
  const talk = new Conversation({ engine, context: TEST_CONTEXT, voicemailMessage: 'Please call back.', transferNumber: plan.transferNumber ?? null, clock }, ANSWERED_AT, hostSide);
  return { clock, host, talk, session };
}

const agentSaid = (text: string, offsetMs: number) => ({ speaker: 'agent' as const, text, offsetMs, interrupted: false });

describe('a call’s conversation carrying out the tools', () => {
  it('starts the engine with the plan’s context and the answer’s time', () => {
    const { talk, session } = conversation();
    talk.start();
    expect(session.started).toEqual([{ ...TEST_CONTEXT, answeredAt: ANSWERED_AT }]);
  });

  it('end_call: a hang-up mark after what is queued, recorded with its reason', () => {
    const { talk, session, host, clock } = conversation();
    talk.start();
    session.engine.onToolCall({ name: 'end_call', arguments: { reason: 'done' }, callId: 'c1' });
    expect(host.marks).toEqual([HANG_UP_MARK]);
    expect(host.hangUps).toBe(0);
    expect(host.report.tools).toEqual([{ name: 'end_call', arguments: { reason: 'done' }, at: clock.now(), result: 'hung up' }]);
  });

  it('opt_out: opted out, the model told to say goodbye; the call ends once a turn begun after it was heard, not one begun before', async () => {
    const { talk, session, host, clock } = conversation();
    talk.start();
    await clock.runUntil(ANSWERED_AT + 5_000);
    session.engine.onToolCall({ name: 'opt_out', arguments: {}, callId: 'c1' });
    expect(host.report.optedOut).toBe(true);
    expect(session.results).toEqual([{ callId: 'c1', result: { result: expect.stringContaining('Say goodbye') } }]);
    session.engine.onTranscript(agentSaid('Of course, I will note that.', 4_000));
    expect(host.hangUps).toBe(0);
    session.engine.onTranscript(agentSaid('Goodbye.', 5_200));
    expect(host.hangUps).toBe(1);
    expect(host.report.transcript.map((turn) => turn.text)).toEqual(['Of course, I will note that.', 'Goodbye.']);
  });

  it('opt_out with no goodbye heard: the call ends after the cap', async () => {
    const { talk, session, host, clock } = conversation();
    talk.start();
    session.engine.onToolCall({ name: 'opt_out', arguments: {}, callId: 'c1' });
    await clock.runUntil(ANSWERED_AT + GOODBYE_CAP_MS - 1);
    expect(host.hangUps).toBe(0);
    await clock.runUntil(ANSWERED_AT + GOODBYE_CAP_MS);
    expect(host.hangUps).toBe(1);
  });

  it('schedule_callback: on the report as given, the model hears "scheduled", the call goes on', () => {
    const { talk, session, host } = conversation();
    talk.start();
    session.engine.onToolCall({ name: 'schedule_callback', arguments: { at: 'in 3 days', note: 'after the holiday' }, callId: 'c1' });
    expect(host.report.callback).toEqual({ at: 'in 3 days', note: 'after the holiday' });
    expect(session.results).toEqual([{ callId: 'c1', result: { result: 'scheduled' } }]);
    expect(host.hangUps).toBe(0);
  });

  it('transfer_call without a number, or while one is under way, or refused: the model hears why and the call goes on', () => {
    const none = conversation();
    none.talk.start();
    none.session.engine.onToolCall({ name: 'transfer_call', arguments: { reason: 'wants a human' }, callId: 'c1' });
    expect(none.session.results).toEqual([{ callId: 'c1', result: { error: 'There is no number to transfer this call to' } }]);
    expect(none.host.transfers).toEqual([]);

    let settle!: (result: TransferResult) => void;
    const refused = conversation({ transferNumber: '+15551234567', transfer: (settled) => (settle = settled) });
    refused.talk.start();
    refused.session.engine.onToolCall({ name: 'transfer_call', arguments: { reason: 'wants a human' }, callId: 'c1' });
    refused.session.engine.onToolCall({ name: 'transfer_call', arguments: { reason: 'again' }, callId: 'c2' });
    expect(refused.host.transfers).toEqual(['+15551234567']);
    expect(refused.session.results).toEqual([{ callId: 'c2', result: { error: 'A transfer of this call is already under way' } }]);
    expect(refused.host.report.tools.map((use) => use.result)).toEqual(['transferring', 'A transfer of this call is already under way']);
    settle({ transferred: false, error: 'the far end refused the transfer (403 Forbidden)' });
    expect(refused.session.results.at(-1)).toEqual({ callId: 'c1', result: { error: 'The transfer failed: the far end refused the transfer (403 Forbidden)' } });
    expect(refused.host.report.transferred).toBe(false);
    expect(refused.host.hangUps).toBe(0);
  });

  it('transfer_call taken by the far end: transferred, and the call ends', () => {
    const { talk, session, host } = conversation({ transferNumber: '+15551234567', transfer: (settled) => settled({ transferred: true }) });
    talk.start();
    session.engine.onToolCall({ name: 'transfer_call', arguments: { reason: 'wants a human' }, callId: 'c1' });
    expect(host.report.transferred).toBe(true);
    expect(host.report.tools[0].result).toBe('transferred');
    expect(host.hangUps).toBe(1);
  });

  it('on a machine found by detection: a session of its own says the voicemail message, then the call ends', () => {
    const { talk, session, host } = conversation();
    talk.speakVoicemail('Please call back.');
    expect(session.started).toEqual([expect.objectContaining({ greeting: 'Please call back.', tools: [], answeredAt: ANSWERED_AT })]);
    session.engine.onTranscript(agentSaid('Please call back.', 0));
    expect(host.hangUps).toBe(1);
  });

  it('an engine never reached fails the call with its reason; one that goes away after answering just ends it', () => {
    const unreachable = conversation();
    unreachable.talk.start();
    unreachable.session.engine.onGone({ reached: false, failure: 'OpenAI rejected the API key' });
    expect(unreachable.host.report.failure).toBe('OpenAI rejected the API key');
    expect(unreachable.host.hangUps).toBe(1);

    const gone = conversation();
    gone.talk.start();
    gone.session.engine.onGone({ reached: true, maxCallLength: true });
    expect(gone.host.report.failure).toBeNull();
    expect(gone.host.hangUps).toBe(1);
  });
});
