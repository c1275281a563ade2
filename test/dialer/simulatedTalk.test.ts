import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../main/platform/clock';
import type { CallConversation, CallEvent } from '../../main/telephony/port';
import type { SimulatedTalk } from '../../main/telephony/simulatedTalk';
import { SimulatorProvider, type SimulatorOptions } from '../../main/telephony/simulator';
import { callConversation, callRequest, recordEvents } from './providerContract';

const T0 = Date.parse('2027-10-04T13:00:00Z');
type Ended = Extract<CallEvent, { type: 'ended' }>;

const TALKING = callConversation({ engine: 'realtime', greeting: 'Hi Ann, this is Ava.', transferNumber: '+12125550199', customParameters: { firstName: 'Ann' } });
const RATES: SimulatedTalk = { optOutRate: 0.1, callbackRate: 0.2, transferRate: 0.15, callbackInMinutes: 45 };

/** Places `n` calls with this conversation (in batches, so few timers are pending at once): each one's events and its end. */
async function place(options: Omit<SimulatorOptions, 'clock'>, n: number, conversation: CallConversation = TALKING) {
  const clock = new VirtualClock(T0);
  const provider = new SimulatorProvider({ clock, ...options });
  const events = recordEvents(provider);
  const ids: string[] = [];
  for (let start = 0; start < n; start += 500) {
    for (let i = start; i < Math.min(n, start + 500); i++) {
      const request = { ...callRequest(`+1212555${String(i % 10_000).padStart(4, '0')}`, '+12125550900'), conversation };
      ids.push(request.callId);
      await provider.placeCall(request);
    }
    await clock.runUntil(clock.now() + 1_000_000);
  }
  await provider.close();
  return ids.map((callId) => {
    const all = events.of(callId);
    const answeredAt = all.find((e) => e.type === 'answered')?.at ?? null;
    return { ended: events.ended(callId)[0] as Ended, answeredAt, offsets: all.map((e) => e.at - T0) };
  });
}

const toolNames = (ended: Ended): string[] => (ended.tools ?? []).map((t) => t.name);

describe('simulated conversations', () => {
  it('hold a transcript that opens with the greeting and fits the call, and end in the tools at the rates asked', async () => {
    const calls = await place({ seed: 4, outcomeMix: { answered: 1 }, talk: RATES }, 2500);
    const share = (name: string) => calls.filter((c) => toolNames(c.ended).includes(name)).length / calls.length;
    expect(Math.abs(share('opt_out') - RATES.optOutRate)).toBeLessThan(0.015);
    expect(Math.abs(share('schedule_callback') - RATES.callbackRate)).toBeLessThan(0.02);
    expect(Math.abs(share('transfer_call') - RATES.transferRate)).toBeLessThan(0.02);
    expect(Math.abs(share('end_call') - (1 - RATES.optOutRate - RATES.callbackRate - RATES.transferRate))).toBeLessThan(0.025);
    // every call checked, the failures gathered: one expect per call would take longer than the calls
    const problems: string[] = [];
    const check = (ok: boolean, what: string, callId: string) => ok || problems.push(`${callId}: ${what}`);
    let interrupted = 0;
    for (const { ended, answeredAt } of calls) {
      const turns = ended.transcript!;
      const offsets = turns.map((t) => t.offsetMs);
      interrupted += turns.filter((t) => t.interrupted).length;
      check(turns[0].speaker === 'agent' && turns[0].text === 'Hi Ann, this is Ava.' && !turns[0].interrupted, 'opens with the greeting', ended.callId);
      check(turns.length >= 5, 'has a few exchanges', ended.callId);
      check(offsets.every((o, i) => i === 0 || o >= offsets[i - 1]) && offsets[offsets.length - 1] < ended.at - answeredAt!, 'in order, within the call', ended.callId);
      const [tool] = ended.tools!;
      check(ended.tools!.length === 1 && tool.at > answeredAt! && tool.at <= ended.at, 'one tool, during the call', ended.callId);
      // each tool has its effect on how the call ends, and only then
      check(ended.outcome === (tool.name === 'transfer_call' ? 'transferred' : 'answered'), 'transferred iff transfer_call', ended.callId);
      check((ended.optedOut === true) === (tool.name === 'opt_out'), 'opted out iff opt_out', ended.callId);
      check((ended.callback !== undefined) === (tool.name === 'schedule_callback'), 'a callback iff schedule_callback', ended.callId);
      const at = ended.callback?.at;
      if (at !== undefined) {
        check(JSON.stringify(ended.callback) === JSON.stringify(tool.arguments), 'the callback as the tool asked', ended.callId);
        check(at.startsWith('in ') ? at === 'in 45 minutes' : Date.parse(at) === tool.at + 45 * 60_000, 'in 45 minutes', ended.callId);
      }
    }
    expect(problems).toEqual([]);
    expect(interrupted).toBeGreaterThan(calls.length * 0.1);
    const asInstants = calls.filter((c) => c.ended.callback && !c.ended.callback.at.startsWith('in ')).length;
    expect(asInstants / calls.filter((c) => c.ended.callback).length).toBeGreaterThan(0.4);
  });

  it('transfer only where the assistant has a number to transfer to', async () => {
    const calls = await place({ seed: 4, outcomeMix: { answered: 1 }, talk: RATES }, 1000, { ...TALKING, transferNumber: null });
    expect(calls.some((c) => toolNames(c.ended).includes('transfer_call') || c.ended.outcome === 'transferred')).toBe(false);
    expect(calls.filter((c) => toolNames(c.ended).includes('end_call')).length).toBeGreaterThan(600);
  });

  it('are seeded: the same seed says and does the same', async () => {
    const a = await place({ seed: 8, talk: RATES }, 600);
    const b = await place({ seed: 8, talk: RATES }, 600);
    // (the call ids differ from run to run)
    const said = (calls: typeof a) => calls.map(({ ended: { callId: _id, ...ended } }) => ended);
    expect(said(a)).toEqual(said(b));
    expect(a.filter((c) => c.ended.transcript).length).toBeGreaterThan(100);
  });

  it('leave every other draw as it was: the audio engine has none, and the same outcomes and timings', async () => {
    const silent = await place({ seed: 3, talk: RATES }, 1000, callConversation());
    const talking = await place({ seed: 3, talk: RATES }, 1000);
    expect(silent.every((c) => c.ended.transcript === undefined && c.ended.tools === undefined && c.ended.callback === undefined)).toBe(true);
    // a transfer is an answered call handed on
    expect(talking.map((c) => (c.ended.outcome === 'transferred' ? 'answered' : c.ended.outcome))).toEqual(silent.map((c) => c.ended.outcome));
    expect(talking.map((c) => c.offsets)).toEqual(silent.map((c) => c.offsets));
    expect(talking.filter((c) => c.ended.transcript).length).toBe(silent.filter((c) => c.ended.outcome === 'answered').length);
  });

  it('keep only what was said by the time the call is hung up', async () => {
    const clock = new VirtualClock(T0);
    const provider = new SimulatorProvider({ clock, seed: 2, outcomeMix: { answered: 1 }, durations: { talkSeconds: [200, 200] }, talk: RATES });
    const events = recordEvents(provider);
    const request = { ...callRequest('+12125550001', '+12125550900'), conversation: TALKING };
    await provider.placeCall(request);
    await clock.runUntil(T0 + 60_000);
    const answeredAt = events.of(request.callId).find((e) => e.type === 'answered')!.at;
    await provider.hangup(request.callId);
    const [ended] = events.ended(request.callId);
    expect(ended.outcome).toBe('answered');
    expect(ended.transcript!.length).toBeGreaterThan(1);
    expect(ended.transcript!.every((t) => answeredAt + t.offsetMs <= ended.at)).toBe(true);
    // its ending (and the tool the person asked for) was still to come
    expect(ended.tools).toEqual([]);
    expect(ended.callback).toBeUndefined();
  });
});
