import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../main/platform/clock';
import type { CallEvent } from '../../main/telephony/port';
import { DEFAULT_OUTCOME_MIX, SimulatorProvider, type SimulatorOptions } from '../../main/telephony/simulator';
import { CALL_OUTCOMES, type CallOutcome } from '../../shared/campaigns/types';
import { callRequest, describeProviderContract, expectWellFormedCall, recordEvents } from './providerContract';

const T0 = Date.parse('2026-01-12T15:00:00Z');
const FROM = '+12025550100';
const ANSWERS = '+12125550001';
const NEVER_ANSWERS = '+12125550002';
const ANY = Array.from({ length: 10 }, (_, i) => `+1312555${String(1000 + i)}`);

function simulatorHarness(options: Partial<SimulatorOptions> = {}) {
  return () => {
    const clock = new VirtualClock(T0);
    const scale = options.timeScale ?? 1;
    const provider = new SimulatorProvider({
      clock,
      seed: 42,
      script: (to) => (to === ANSWERS ? 'answered' : to === NEVER_ANSWERS ? 'no_answer' : undefined),
      ...options,
    });
    return {
      provider,
      advance: (ms: number) => clock.runUntil(clock.now() + ms),
      maxCallMs: Math.ceil(260_000 / scale),
      stepMs: Math.max(1, Math.round(1000 / scale)),
      from: FROM,
      numbers: { answers: ANSWERS, neverAnswers: NEVER_ANSWERS, any: ANY },
      dispose: () => provider.close(),
    };
  };
}

describeProviderContract('SimulatorProvider on a VirtualClock', simulatorHarness());
describeProviderContract('SimulatorProvider with timeScale 60', simulatorHarness({ timeScale: 60 }));

/** Places `n` calls in batches, lets each batch end, and returns every call's events in order. */
async function runCalls(options: Omit<SimulatorOptions, 'clock'>, n: number, to: (i: number) => string = (i) => ANY[i % ANY.length], batch = 1000) {
  const clock = new VirtualClock(T0);
  const provider = new SimulatorProvider({ clock, ...options });
  const rec = recordEvents(provider);
  const calls: { callId: string; events: CallEvent[] }[] = [];
  for (let start = 0; start < n; start += batch) {
    const ids: string[] = [];
    for (let i = start; i < Math.min(n, start + batch); i++) {
      const request = callRequest(to(i), FROM, 1);
      ids.push(request.callId);
      await provider.placeCall(request);
    }
    await clock.runUntil(clock.now() + 1_000_000);
    for (const callId of ids) calls.push({ callId, events: rec.of(callId) });
  }
  await provider.close();
  const outcomeOf = (events: CallEvent[]) => (events.find((e) => e.type === 'ended') as Extract<CallEvent, { type: 'ended' }>).outcome;
  return calls.map((c) => ({ ...c, outcome: outcomeOf(c.events), offsets: c.events.map((e) => [e.type, e.at - c.events[0].at] as const) }));
}

describe('SimulatorProvider: seeded', () => {
  it('the same seed gives the same outcomes and the same timings', async () => {
    const a = await runCalls({ seed: 7 }, 300);
    const b = await runCalls({ seed: 7 }, 300);
    expect(a.map((c) => c.outcome)).toEqual(b.map((c) => c.outcome));
    expect(a.map((c) => c.offsets)).toEqual(b.map((c) => c.offsets));
  });

  it('another seed gives another sequence', async () => {
    const a = await runCalls({ seed: 7 }, 300);
    const b = await runCalls({ seed: 8 }, 300);
    expect(a.map((c) => c.outcome)).not.toEqual(b.map((c) => c.outcome));
  });

  it('every call is well formed', async () => {
    for (const call of await runCalls({ seed: 3 }, 500)) expectWellFormedCall(call.events, call.callId);
  });
});

describe('SimulatorProvider: scripted outcomes', () => {
  it('follows the script per number and attempt, random where the script says nothing', async () => {
    const clock = new VirtualClock(T0);
    const script: Record<string, CallOutcome[]> = {
      '+12125550101': ['busy', 'no_answer', 'answered'],
      '+12125550102': ['invalid_number'],
      '+12125550103': ['voicemail', 'declined', 'failed'],
    };
    const provider = new SimulatorProvider({ clock, seed: 1, script: (to, attempt) => script[to]?.[attempt - 1] });
    const rec = recordEvents(provider);
    const placed: { to: string; attempt: number; callId: string }[] = [];
    for (const to of Object.keys(script)) {
      for (let attempt = 1; attempt <= 3; attempt++) {
        const request = callRequest(to, FROM, attempt);
        placed.push({ to, attempt, callId: request.callId });
        await provider.placeCall(request);
      }
    }
    await clock.runUntil(clock.now() + 1_000_000);
    for (const p of placed) {
      const scripted = script[p.to][p.attempt - 1];
      const outcome = rec.ended(p.callId)[0].outcome;
      if (scripted) expect(outcome, `${p.to} #${p.attempt}`).toBe(scripted);
      else expect(CALL_OUTCOMES).toContain(outcome);
    }
  });

  it('can script every outcome of the taxonomy; a failed call says why, in a SIP trunk\'s words marked as simulated', async () => {
    const clock = new VirtualClock(T0);
    const provider = new SimulatorProvider({ clock, script: (to) => CALL_OUTCOMES[Number(to.slice(-1))] });
    const rec = recordEvents(provider);
    const ids = CALL_OUTCOMES.map((_, i) => callRequest(`+1212555010${i}`, FROM));
    for (const request of ids) await provider.placeCall(request);
    await clock.runUntil(clock.now() + 1_000_000);
    expect(ids.map((r) => rec.ended(r.callId)[0].outcome)).toEqual([...CALL_OUTCOMES]);
    // no other outcome carries an error
    const errors = Object.fromEntries(ids.map((r) => [rec.ended(r.callId)[0].outcome, rec.ended(r.callId)[0].error ?? null]));
    expect(errors).toEqual({ ...Object.fromEntries(CALL_OUTCOMES.map((o) => [o, null])), failed: 'SIP 503 Service Unavailable (simulated)' });
  });
});

describe('SimulatorProvider: outcome mix', () => {
  it('the default mix over 20,000 calls lands within ±1.5 points of each share', async () => {
    const calls = await runCalls({ seed: 2026 }, 20_000, undefined, 2500);
    const total = Object.values(DEFAULT_OUTCOME_MIX).reduce((a, b) => a + b!, 0);
    const counts = new Map<CallOutcome, number>();
    for (const c of calls) counts.set(c.outcome, (counts.get(c.outcome) ?? 0) + 1);
    for (const outcome of CALL_OUTCOMES) {
      const want = (DEFAULT_OUTCOME_MIX[outcome] ?? 0) / total;
      const got = (counts.get(outcome) ?? 0) / calls.length;
      expect(Math.abs(got - want), `${outcome}: ${got} vs ${want}`).toBeLessThan(0.015);
    }
  });

  it('a custom mix is normalised by its total weight; zero-weight outcomes never happen', async () => {
    const calls = await runCalls({ seed: 5, outcomeMix: { answered: 3, busy: 1, declined: 0 } }, 4000);
    const share = (o: CallOutcome) => calls.filter((c) => c.outcome === o).length / calls.length;
    expect(Math.abs(share('answered') - 0.75)).toBeLessThan(0.03);
    expect(Math.abs(share('busy') - 0.25)).toBeLessThan(0.03);
    expect(share('declined')).toBe(0);
    expect(share('answered') + share('busy')).toBe(1);
  });
});

describe('SimulatorProvider: durations', () => {
  const offset = (c: { offsets: readonly (readonly [string, number])[] }, type: string) => c.offsets.find(([t]) => t === type)?.[1];

  it('defaults: rings within 0.5–2 s; no_answer rings ringSeconds (25 s); answered talks 30–240 s after a 3–8 s pick-up', async () => {
    const calls = await runCalls({ seed: 11 }, 2000);
    const seen = new Set<CallOutcome>();
    for (const c of calls) {
      seen.add(c.outcome);
      const ringing = offset(c, 'ringing')!;
      const ended = offset(c, 'ended')!;
      expect(ringing).toBeGreaterThanOrEqual(500);
      expect(ringing).toBeLessThanOrEqual(2000);
      if (c.outcome === 'no_answer') expect(ended - ringing).toBe(25_000);
      if (c.outcome === 'answered' || c.outcome === 'voicemail') {
        const answered = offset(c, 'answered')!;
        expect(answered - ringing).toBeGreaterThanOrEqual(3000);
        expect(answered - ringing).toBeLessThanOrEqual(8000);
        expect(ended - answered).toBeGreaterThanOrEqual(30_000);
        expect(ended - answered).toBeLessThanOrEqual(240_000);
      }
      if (c.outcome === 'busy' || c.outcome === 'failed') {
        expect(ended - ringing).toBeGreaterThanOrEqual(1000);
        expect(ended - ringing).toBeLessThanOrEqual(4000);
      }
    }
    expect([...seen].sort()).toEqual(['answered', 'busy', 'failed', 'no_answer', 'voicemail']);
    // talk times really spread over the range
    const talks = calls.filter((c) => c.outcome === 'answered').map((c) => offset(c, 'ended')! - offset(c, 'answered')!);
    expect(Math.min(...talks)).toBeLessThan(60_000);
    expect(Math.max(...talks)).toBeGreaterThan(200_000);
  });

  it('custom durations: ringSeconds and talkSeconds', async () => {
    const calls = await runCalls({ seed: 12, outcomeMix: { answered: 1, no_answer: 1 }, durations: { ringSeconds: 10, talkSeconds: [5, 6] } }, 400);
    for (const c of calls) {
      const ringing = offset(c, 'ringing')!;
      const ended = offset(c, 'ended')!;
      if (c.outcome === 'no_answer') expect(ended - ringing).toBe(10_000);
      else {
        const talk = ended - offset(c, 'answered')!;
        expect(talk).toBeGreaterThanOrEqual(5000);
        expect(talk).toBeLessThanOrEqual(6000);
      }
    }
  });

  it('events carry the clock’s time', async () => {
    const clock = new VirtualClock(T0);
    const provider = new SimulatorProvider({ clock, seed: 4 });
    const stamps: [number, number][] = [];
    provider.onEvent((e) => stamps.push([e.at, clock.now()]));
    for (let i = 0; i < 20; i++) await provider.placeCall(callRequest(ANY[i % ANY.length], FROM));
    await clock.runUntil(T0 + 1_000_000);
    expect(stamps.length).toBeGreaterThan(40);
    for (const [at, now] of stamps) expect(at).toBe(now);
  });
});

describe('SimulatorProvider: timeScale', () => {
  it('divides every duration by the scale, with the same outcomes', async () => {
    const slow = await runCalls({ seed: 21 }, 300);
    const fast = await runCalls({ seed: 21, timeScale: 60 }, 300);
    expect(fast.map((c) => c.outcome)).toEqual(slow.map((c) => c.outcome));
    for (let i = 0; i < slow.length; i++) {
      expect(fast[i].offsets.map(([t]) => t)).toEqual(slow[i].offsets.map(([t]) => t));
      // (virtual instants near 1.7e12 ms carry ~0.0002 ms of float precision)
      fast[i].offsets.forEach(([, ms], k) => expect(ms).toBeCloseTo(slow[i].offsets[k][1] / 60, 2));
    }
    // a no_answer call rings 25 s / 60
    const noAnswer = fast.find((c) => c.outcome === 'no_answer')!;
    expect(offset(noAnswer, 'ended')! - offset(noAnswer, 'ringing')!).toBeCloseTo(25_000 / 60, 2);
    // the longest call of the demo is a few seconds
    expect(Math.max(...fast.map((c) => offset(c, 'ended')!))).toBeLessThan(260_000 / 60);
  });

  function offset(c: { offsets: readonly (readonly [string, number])[] }, type: string) {
    return c.offsets.find(([t]) => t === type)?.[1];
  }
});

describe('SimulatorProvider: hang-ups and close', () => {
  it('hangup of a call answered by voicemail ends it once, not as cancelled', async () => {
    const clock = new VirtualClock(T0);
    const provider = new SimulatorProvider({ clock, script: () => 'voicemail' });
    const rec = recordEvents(provider);
    const request = callRequest(ANY[0], FROM);
    await provider.placeCall(request);
    while (!rec.types(request.callId).includes('answered')) await clock.runUntil(clock.now() + 500);
    await provider.hangup(request.callId);
    expect(rec.ended(request.callId)).toHaveLength(1);
    expect(rec.ended(request.callId)[0].outcome).not.toBe('cancelled');
  });

  it('status of a call hung up is ended/cancelled', async () => {
    const clock = new VirtualClock(T0);
    const provider = new SimulatorProvider({ clock });
    const request = callRequest(ANY[0], FROM);
    await provider.placeCall(request);
    await provider.hangup(request.callId);
    expect(await provider.status(request.callId)).toEqual({ state: 'ended', outcome: 'cancelled' });
  });
});
