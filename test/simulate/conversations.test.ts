import { describe, expect, it } from 'vitest';
import { checkInvariants } from './oracle/invariants';
import type { CallRecord } from '../../main/simulate/callRecord';
import { runSimulation } from '../../main/simulate/runSimulation';
import { scenarioSchema } from '../../main/simulate/scenario';
import { issueFields } from '../../shared/validation';

/**
 * Friday 14:00 in New York, two days before summer time: callbacks three hours ahead fall after the window's end, so
 * most wait for Monday 09:00 local (13:00 UTC in New York, 14:00 in Chicago, both in summer time by then).
 */
const SCENARIO = {
  start: '2027-03-12T19:00:00Z',
  until: '2027-03-17T00:00:00Z',
  seed: 11,
  campaign: {
    callWindowStart: '09:00', callWindowEnd: '17:00', callWindowTimezone: 'America/New_York', useContactTimezone: true,
    callDays: [1, 2, 3, 4, 5], maxConcurrentCalls: 4, maxAttemptsPerContact: 2,
  },
  fromNumbers: ['+12025550100'],
  generate: { count: 120, phonePrefix: '+1212', timezones: ['America/New_York', 'America/Chicago'] },
  outcomeMix: { answered: 0.8, no_answer: 0.2 },
  durations: { talkSeconds: [60, 180] },
  conversation: { optOutRate: 0.1, callbackRate: 0.35, transferRate: 0.15, callbackInMinutes: 180 },
};

const scheduledFor = (call: CallRecord) => /^scheduled for (\S+?),?(?: |$)/.exec(call.callback?.result ?? '')?.[1];

describe('a scenario with conversations', () => {
  it('transfers, opts out and calls back at the rates asked, each callback inside the window after the instant asked', async () => {
    const scenario = scenarioSchema.parse(SCENARIO);
    const result = await runSimulation(scenario);
    expect(checkInvariants(scenario, result)).toEqual([]);
    const { conversation, outcomes } = result.summary;
    // every call a person answered has its conversation
    expect(conversation).toMatchObject({ transcripts: (outcomes.answered ?? 0) + (outcomes.transferred ?? 0), transfers: outcomes.transferred });
    expect(conversation!.transfers).toBeGreaterThan(5);
    expect(conversation!.optOuts).toBeGreaterThan(3);
    // some asked on their last attempt: those complete instead
    expect(conversation!.callbacks.scheduled).toBeGreaterThan(10);
    expect(conversation!.callbacks.notPossible).toBeGreaterThan(0);
    expect(conversation!.callbacks.asked).toBe(conversation!.callbacks.scheduled + conversation!.callbacks.notPossible);

    const monday = Date.parse('2027-03-15T13:00:00Z');
    const byContact = new Map<string, CallRecord[]>();
    for (const call of result.calls) byContact.set(call.contactId, [...(byContact.get(call.contactId) ?? []), call]);
    let toMonday = 0;
    for (const calls of byContact.values()) {
      calls.forEach((call, i) => {
        const when = scheduledFor(call);
        if (!when) return;
        const back = calls[i + 1];
        expect(back, `${call.callId} is called back`).toBeDefined();
        expect(Date.parse(back.startedAt)).toBeGreaterThanOrEqual(Date.parse(when));
        if (Date.parse(when) >= monday) toMonday++;
      });
    }
    expect(toMonday).toBeGreaterThan(5);
    expect(result.campaign.status).toBe('completed');
  });

  it('names every bad field of its rates', () => {
    const errors = (conversation: unknown) => {
      const parsed = scenarioSchema.safeParse({ start: SCENARIO.start, fromNumbers: SCENARIO.fromNumbers, conversation });
      return parsed.success ? {} : Object.fromEntries(issueFields(parsed.error.issues));
    };
    expect(errors({ optOutRate: 1.5, callbackRate: 'often', transferRate: -1, callbackInMinutes: 0.5, guess: 1 })).toEqual({
      'conversation.optOutRate': 'Must be at most 1',
      'conversation.callbackRate': 'Must be a number from 0 to 1',
      'conversation.transferRate': 'Must be at least 0',
      'conversation.callbackInMinutes': 'Must be a whole number of minutes',
      'conversation.guess': 'Unknown field',
    });
    expect(errors({ optOutRate: 0.5, callbackRate: 0.6 })).toEqual({
      'conversation.optOutRate': 'optOutRate, callbackRate and transferRate must add up to at most 1',
      'conversation.callbackRate': 'optOutRate, callbackRate and transferRate must add up to at most 1',
    });
    expect(scenarioSchema.parse({ start: SCENARIO.start, fromNumbers: SCENARIO.fromNumbers, conversation: {} }).conversation).toEqual({
      optOutRate: 0, callbackRate: 0, transferRate: 0, callbackInMinutes: 60,
    });
  });
});
