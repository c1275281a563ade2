import { afterEach, describe, expect, it } from 'vitest';
import type { CallConversation, CallEvent, PlaceCallRequest, TelephonyProvider } from '../../main/telephony/port';
import { CALL_OUTCOMES, type CallOutcome } from '../../shared/campaigns/types';

/** What the contract needs around a provider under test. */
export interface ProviderHarness {
  provider: TelephonyProvider;
  /** Lets `ms` of the provider's time pass (advance a virtual clock, or wait in real time). */
  advance(ms: number): Promise<void>;
  /** The longest a call may take to end by itself, in the provider's time. */
  maxCallMs: number;
  /** A step for polling "until X happened" (ms of the provider's time). */
  stepMs: number;
  from: string;
  numbers: {
    /** A destination that picks up (and then talks until it ends or is hung up). */
    answers: string;
    /** A destination that rings and never picks up (ends no_answer by itself). */
    neverAnswers: string;
    /** Destinations that may end any way at all. */
    any: readonly string[];
  };
  dispose?(): Promise<void>;
}

let callSeq = 0;

/** A call's conversation as the dialer renders it: the audio engine (the greeting is played), but for `overrides`. */
export function callConversation(overrides: Partial<CallConversation> = {}): CallConversation {
  return {
    engine: 'audio', instructions: 'You are Ava from Contract.', greeting: 'Hello', voicemailMessage: 'Please call back',
    model: 'gpt-realtime', voice: 'marin', maxCallMs: 600_000, transferNumber: null, customParameters: {}, ...overrides,
  };
}

/** A request as the dialer sends it. */
export function callRequest(to: string, from: string, attempt = 1): PlaceCallRequest {
  return {
    callId: `call_contract_${++callSeq}`,
    from,
    to,
    attempt,
    assistant: { id: 'asst_contract', name: 'Contract', greeting: 'Hello', voicemailMessage: 'Please call back', agentUrl: null, greetingMediaId: null, voicemailMediaId: null, recordCalls: false },
    voicemailAction: 'leave_message',
    voicemailDetection: null,
    conversation: callConversation(),
  };
}

/** Every event a provider emits, by call id. */
export function recordEvents(provider: TelephonyProvider) {
  const all: CallEvent[] = [];
  const byCall = new Map<string, CallEvent[]>();
  const off = provider.onEvent((event) => {
    all.push(event);
    if (!byCall.has(event.callId)) byCall.set(event.callId, []);
    byCall.get(event.callId)!.push(event);
  });
  return {
    all,
    of: (callId: string) => byCall.get(callId) ?? [],
    types: (callId: string) => (byCall.get(callId) ?? []).map((e) => e.type),
    ended: (callId: string) => (byCall.get(callId) ?? []).filter((e): e is Extract<CallEvent, { type: 'ended' }> => e.type === 'ended'),
    off,
  };
}

/** Checks one call's event sequence: dialing first, ringing before any answer, exactly one ended, last. */
export function expectWellFormedCall(events: CallEvent[], label = ''): CallOutcome {
  const types = events.map((e) => e.type);
  expect(types[0], `${label} starts with dialing: ${types}`).toBe('dialing');
  const ends = events.filter((e) => e.type === 'ended');
  expect(ends, `${label} exactly one ended: ${types}`).toHaveLength(1);
  expect(types[types.length - 1], `${label} ended is last: ${types}`).toBe('ended');
  expect(types.filter((t) => t === 'dialing'), `${label} one dialing`).toHaveLength(1);
  expect(types.filter((t) => t === 'answered').length, `${label} at most one answered`).toBeLessThanOrEqual(1);
  if (types.includes('answered')) expect(types.indexOf('ringing'), `${label} rings before it is answered: ${types}`).toBeGreaterThan(0);
  if (types.includes('answered')) expect(types.indexOf('ringing')).toBeLessThan(types.indexOf('answered'));
  for (let i = 1; i < events.length; i++) expect(events[i].at, `${label} event times never go back`).toBeGreaterThanOrEqual(events[i - 1].at);
  const outcome = (ends[0] as Extract<CallEvent, { type: 'ended' }>).outcome;
  expect(CALL_OUTCOMES, `${label} outcome from the taxonomy`).toContain(outcome);
  return outcome;
}

/**
 * The contract every telephony provider must pass (simulator, SIP, cloud). `makeProvider` builds a
 * fresh provider with its harness for each test.
 */
export function describeProviderContract(name: string, makeProvider: () => ProviderHarness | Promise<ProviderHarness>): void {
  describe(`telephony provider contract: ${name}`, () => {
    let current: ProviderHarness | undefined;
    afterEach(async () => {
      await current?.dispose?.();
      current = undefined;
    });
    const setup = async () => (current = await makeProvider());

    /** Advances in steps until `done()` or the limit; returns whether it happened. */
    async function until(h: ProviderHarness, done: () => boolean, limitMs = h.maxCallMs): Promise<boolean> {
      for (let spent = 0; !done() && spent <= limitMs; spent += h.stepMs) await h.advance(h.stepMs);
      return done();
    }

    it('a placed call emits dialing, then ringing …, then exactly one ended with an outcome from the taxonomy', async () => {
      const h = await setup();
      const rec = recordEvents(h.provider);
      const requests = Array.from({ length: 40 }, (_, i) => callRequest(h.numbers.any[i % h.numbers.any.length], h.from, 1 + (i % 3)));
      for (const request of requests) await h.provider.placeCall(request);
      await until(h, () => requests.every((r) => rec.ended(r.callId).length > 0), h.maxCallMs * 2);
      const seen = new Set<CallOutcome>();
      for (const request of requests) {
        const events = rec.of(request.callId);
        for (const e of events) expect(e.callId).toBe(request.callId);
        const outcome = expectWellFormedCall(events, request.callId);
        seen.add(outcome);
        // a call that was really answered (by a person or a machine) says so before it ends
        if (outcome === 'answered' || outcome === 'voicemail') expect(rec.types(request.callId)).toContain('answered');
        if (outcome !== 'invalid_number' && outcome !== 'failed') expect(rec.types(request.callId)[1]).toBe('ringing');
      }
      expect(seen.size).toBeGreaterThan(1);
      // nothing more arrives after the end
      const count = rec.all.length;
      await h.advance(h.maxCallMs);
      expect(rec.all.length).toBe(count);
    });

    it('a destination that answers: dialing, ringing, answered, ended (answered)', async () => {
      const h = await setup();
      const rec = recordEvents(h.provider);
      const request = callRequest(h.numbers.answers, h.from);
      await h.provider.placeCall(request);
      expect(await until(h, () => rec.ended(request.callId).length > 0)).toBe(true);
      expect(rec.types(request.callId)).toEqual(['dialing', 'ringing', 'answered', 'ended']);
      expect(rec.ended(request.callId)[0].outcome).toBe('answered');
    });

    it('a destination that never answers ends no_answer by itself', async () => {
      const h = await setup();
      const rec = recordEvents(h.provider);
      const request = callRequest(h.numbers.neverAnswers, h.from);
      await h.provider.placeCall(request);
      expect(await until(h, () => rec.ended(request.callId).length > 0)).toBe(true);
      expect(rec.types(request.callId)).toEqual(['dialing', 'ringing', 'ended']);
      expect(rec.ended(request.callId)[0].outcome).toBe('no_answer');
    });

    it('hangup of an active call that is not answered yet ends it as cancelled, once', async () => {
      const h = await setup();
      const rec = recordEvents(h.provider);
      // right after dialing
      const first = callRequest(h.numbers.neverAnswers, h.from);
      await h.provider.placeCall(first);
      expect((await h.provider.status(first.callId)).state).toBe('active');
      await h.provider.hangup(first.callId);
      // while ringing
      const second = callRequest(h.numbers.neverAnswers, h.from);
      await h.provider.placeCall(second);
      expect(await until(h, () => rec.types(second.callId).includes('ringing'))).toBe(true);
      await h.provider.hangup(second.callId);
      await until(h, () => rec.ended(first.callId).length > 0 && rec.ended(second.callId).length > 0, h.stepMs * 10);
      for (const request of [first, second]) {
        expectWellFormedCall(rec.of(request.callId), request.callId);
        expect(rec.ended(request.callId)[0].outcome).toBe('cancelled');
        expect(rec.types(request.callId)).not.toContain('answered');
      }
      // a second hangup and time passing add nothing
      const count = rec.all.length;
      await h.provider.hangup(first.callId);
      await h.advance(h.maxCallMs);
      expect(rec.all.length).toBe(count);
    });

    it('hangup of an answered call ends it once, not as cancelled', async () => {
      const h = await setup();
      const rec = recordEvents(h.provider);
      const request = callRequest(h.numbers.answers, h.from);
      await h.provider.placeCall(request);
      expect(await until(h, () => rec.types(request.callId).includes('answered'))).toBe(true);
      expect(rec.ended(request.callId)).toHaveLength(0);
      await h.provider.hangup(request.callId);
      await until(h, () => rec.ended(request.callId).length > 0, h.stepMs * 10);
      expectWellFormedCall(rec.of(request.callId));
      expect(rec.ended(request.callId)[0].outcome).toBe('answered');
    });

    it('hangup of an unknown call does nothing and does not throw', async () => {
      const h = await setup();
      const rec = recordEvents(h.provider);
      await expect(h.provider.hangup('call_never_placed')).resolves.toBeUndefined();
      expect(rec.all).toHaveLength(0);
    });

    it('status(): active while live, then ended with the same outcome (or unknown)', async () => {
      const h = await setup();
      const rec = recordEvents(h.provider);
      expect(await h.provider.status('call_never_placed')).toEqual({ state: 'unknown' });
      const requests = [callRequest(h.numbers.answers, h.from), callRequest(h.numbers.neverAnswers, h.from), ...h.numbers.any.slice(0, 4).map((to) => callRequest(to, h.from))];
      for (const request of requests) await h.provider.placeCall(request);
      for (const request of requests) expect(await h.provider.status(request.callId)).toEqual({ state: 'active' });
      await until(h, () => requests.every((r) => rec.ended(r.callId).length > 0), h.maxCallMs * 2);
      for (const request of requests) {
        const status = await h.provider.status(request.callId);
        if (status.state === 'ended') expect(status.outcome).toBe(rec.ended(request.callId)[0].outcome);
        else expect(status.state).toBe('unknown');
      }
    });

    it('status() is active exactly until the ended event', async () => {
      const h = await setup();
      const request = callRequest(h.numbers.answers, h.from);
      const states: string[] = [];
      h.provider.onEvent((e) => {
        if (e.callId === request.callId) states.push(`${e.type}`);
      });
      await h.provider.placeCall(request);
      let endedSeen = false;
      h.provider.onEvent((e) => {
        if (e.callId === request.callId && e.type === 'ended') endedSeen = true;
      });
      while (!endedSeen) {
        expect((await h.provider.status(request.callId)).state).toBe('active');
        await h.advance(h.stepMs);
      }
      expect((await h.provider.status(request.callId)).state).not.toBe('active');
      expect(states[states.length - 1]).toBe('ended');
    });

    it('listeners unsubscribe: an unsubscribed listener hears nothing more, others still do', async () => {
      const h = await setup();
      const gone: CallEvent[] = [];
      const kept: CallEvent[] = [];
      const off = h.provider.onEvent((e) => gone.push(e));
      h.provider.onEvent((e) => kept.push(e));
      const first = callRequest(h.numbers.neverAnswers, h.from);
      await h.provider.placeCall(first);
      expect(gone.map((e) => e.type)).toEqual(['dialing']);
      off();
      off(); // twice is harmless
      await until(h, () => kept.some((e) => e.callId === first.callId && e.type === 'ended'));
      const second = callRequest(h.numbers.answers, h.from);
      await h.provider.placeCall(second);
      await until(h, () => kept.some((e) => e.callId === second.callId && e.type === 'ended'));
      expect(gone.map((e) => e.type)).toEqual(['dialing']);
      expect(kept.filter((e) => e.type === 'ended')).toHaveLength(2);
    });

    it('close() ends every live call (each with exactly one ended) and nothing fires afterwards', async () => {
      const h = await setup();
      const rec = recordEvents(h.provider);
      const unanswered = [callRequest(h.numbers.neverAnswers, h.from), callRequest(h.numbers.neverAnswers, h.from)];
      const answered = callRequest(h.numbers.answers, h.from);
      await h.provider.placeCall(answered);
      await until(h, () => rec.types(answered.callId).includes('answered'));
      for (const request of unanswered) await h.provider.placeCall(request);
      await h.provider.close();
      for (const request of [...unanswered, answered]) {
        expectWellFormedCall(rec.of(request.callId), request.callId);
        expect((await h.provider.status(request.callId)).state).not.toBe('active');
      }
      for (const request of unanswered) expect(rec.ended(request.callId)[0].outcome).toBe('cancelled');
      const count = rec.all.length;
      await h.advance(h.maxCallMs * 2);
      expect(rec.all.length).toBe(count);
    });
  });
}
