import { describe, expect, it } from 'vitest';
import type { Campaign, CallOutcome } from '../../shared/campaigns/types';
import { legalHoursBreaches, recipientOf } from './oracle/complianceRules';
import { checkInvariants, inWindow, retryDelayMs, rulesOf, windowGates } from './oracle/invariants';
import type { CallRecord } from '../../main/simulate/callRecord';
import type { SimulationResult } from '../../main/simulate/runSimulation';
import { scenarioSchema, type Scenario } from '../../main/simulate/scenario';
import { firstOpenInstant } from './oracle/wallClock';
import type { UsState } from '../../shared/compliance/usStates';
import { REACH_DEFAULTS } from '../../shared/campaigns/reachSettings';

/**
 * The checker must be able to fail: a hand-written good run passes, and each hand-made fault in it
 * is reported under its rule's tag.
 */

const F1 = '+12025550100';
const F2 = '+12025550101';
const A = '+12125550001'; // New York (own timezone)
const B = '+13105550002'; // Los Angeles (from the number)
const C = '+12125550003'; // added at 14:00Z
const D = '+12125550004'; // New York (from the number)

function scenarioWith(campaign: Record<string, unknown> = {}, events: unknown[] = [], contacts: unknown[] = [{ phone: A, timezone: 'America/New_York' }, { phone: B }, { phone: D }]): Scenario {
  return scenarioSchema.parse({
    start: '2027-04-05T13:00:00Z', // Monday 09:00 EDT
    until: '2027-04-05T21:00:00Z',
    campaign: { callWindowStart: '09:00', callWindowEnd: '17:00', callWindowTimezone: 'America/New_York', maxConcurrentCalls: 2, ...campaign },
    fromNumbers: [F1, F2],
    contacts,
    events: [
      { at: '2027-04-05T14:00:00Z', action: 'addContacts', contacts: [{ phone: C }] },
      { at: '2027-04-05T15:00:00Z', action: 'pause' },
      { at: '2027-04-05T15:30:00Z', action: 'resume' },
      ...events,
    ],
  });
}

function campaignOf(scenario: Scenario, status: Campaign['status'], completedAt: string | null): Campaign {
  const r = rulesOf(scenario);
  return {
    id: 'cmp_test', teamId: 'team', name: 'Hand-made', description: '', assistantId: 'ast', companyId: 'co',
    fromNumberIds: ['n1', 'n2'], fromNumbers: [], status, scheduledStartAt: null, keepOpen: r.keepOpen,
    callWindowStart: r.windowStart, callWindowEnd: r.windowEnd, callWindowTimezone: r.zone, useContactTimezone: r.useContactTimezone,
    callDays: r.callDays as Campaign['callDays'], maxConcurrentCalls: r.maxConcurrentCalls, maxAttemptsPerContact: r.maxAttemptsPerContact,
    retryDelayMinutes: r.delays.voicemail, retryDelayMinutesNoAnswer: r.delays.no_answer, retryDelayMinutesBusy: r.delays.busy,
    retryDelayMinutesError: r.delays.failed, retryBackoff: r.backoff, retryBackoffMultiplier: r.multiplier, retryBackoffCapMinutes: r.capMinutes ?? 1440,
    retryOnError: r.retryOnError, retryOnVoicemail: r.retryOnVoicemail, maxAttemptsNoAnswer: null, maxAttemptsBusy: null, maxAttemptsError: null,
    voicemailAction: 'leave_message', legalHoursGuard: r.legalHoursGuard, rollingCapPer24h: r.rollingCapPer24h, ...REACH_DEFAULTS, localPresence: r.localPresence, audience: null, startedAt: scenario.start ? new Date(scenario.start).toISOString() : null,
    completedAt, cancelledAt: null, createdAt: '2027-04-05T13:00:00.000Z', updatedAt: '2027-04-05T13:00:00.000Z',
  };
}

const ZONES: Record<string, string[]> = { [A]: ['America/New_York'], [B]: ['America/Los_Angeles'], [C]: ['America/New_York'], [D]: ['America/New_York'] };
let n = 0;
function call(phone: string, attempt: number, startedAt: string, endedAt: string | null, outcome: CallOutcome | null, from = F1): CallRecord {
  return { callId: `call_${++n}`, contactId: `cnt_${phone}`, phone, timezone: ZONES[phone].join(','), zones: ZONES[phone], from, attempt, startedAt, endedAt, outcome };
}

/** A good run: every rule kept, and the campaign completes when the last call ends. */
function goodCalls(): CallRecord[] {
  return [
    call(A, 1, '2027-04-05T13:00:00.000Z', '2027-04-05T13:00:25.000Z', 'no_answer'),
    call(D, 1, '2027-04-05T13:00:00.000Z', '2027-04-05T13:03:00.000Z', 'answered', F2),
    call(A, 2, '2027-04-05T13:05:25.000Z', '2027-04-05T13:07:00.000Z', 'answered'), // no_answer delay 5 min, exactly
    call(C, 1, '2027-04-05T14:00:00.000Z', '2027-04-05T14:02:00.000Z', 'answered'), // the instant it was added
    call(B, 1, '2027-04-05T16:00:00.000Z', '2027-04-05T16:00:03.000Z', 'busy', F2), // 09:00 PDT
    call(B, 2, '2027-04-05T16:10:03.000Z', '2027-04-05T16:12:00.000Z', 'answered', F2), // busy delay 10 min
  ];
}

function resultOf(scenario: Scenario, calls: CallRecord[], end = '2027-04-05T16:12:00.000Z', status: Campaign['status'] = 'completed', refusedEvents: string[] = []): SimulationResult {
  const sorted = [...calls].sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  const outcomes: Partial<Record<CallOutcome, number>> = {};
  for (const c of sorted) if (c.outcome) outcomes[c.outcome] = (outcomes[c.outcome] ?? 0) + 1;
  return {
    calls: sorted,
    campaign: campaignOf(scenario, status, status === 'completed' ? end : null),
    decisions: [],
    summary: { campaignStatus: status, calls: sorted.length, contacts: { completed: 4, failed: 0, skipped: 0, pending: 0 }, outcomes, virtualEnd: end, wallMs: 1, refusedEvents, decisions: {} },
  };
}

/** The good run with one change: `edit` gets the calls by index (see goodCalls). */
function mutated(edit: (calls: CallRecord[]) => CallRecord[], scenario = scenarioWith()): string[] {
  return checkInvariants(scenario, resultOf(scenario, edit(goodCalls())));
}

const tagged = (violations: string[], tag: string) => violations.filter((v) => v.startsWith(`[${tag}`));

describe('checkInvariants on hand-made runs', () => {
  it('passes the good run', () => {
    const scenario = scenarioWith();
    expect(checkInvariants(scenario, resultOf(scenario, goodCalls()))).toEqual([]);
  });

  it('reports a call outside the window (08:59 in Los Angeles, inside it in New York)', () => {
    const v = mutated((c) => {
      c[4] = { ...c[4], startedAt: '2027-04-05T15:59:00.000Z', endedAt: '2027-04-05T15:59:03.000Z' };
      c[5] = { ...c[5], startedAt: '2027-04-05T16:09:03.000Z', endedAt: '2027-04-05T16:12:00.000Z' };
      return c;
    });
    expect(tagged(v, 'a window')).toEqual([expect.stringContaining('outside 09:00–17:00')]);
  });

  it('reports a call one minute after the end minute, and accepts one inside it', () => {
    const late = mutated((c) => [...c, call(D, 2, '2027-04-05T21:01:00.000Z', '2027-04-05T21:01:05.000Z', 'answered', F2)]);
    expect(tagged(late, 'a window').length).toBe(1);
    const rules = rulesOf(scenarioWith());
    expect(inWindow(rules, Date.parse('2027-04-05T21:00:59.000Z'), 'America/New_York')).toBe(true);
    expect(inWindow(rules, Date.parse('2027-04-05T21:01:00.000Z'), 'America/New_York')).toBe(false);
  });

  it('reports the window applied in the wrong zones', () => {
    const v = mutated((c) => c.map((x) => (x.phone === B ? { ...x, zones: ['America/New_York'], timezone: 'America/New_York' } : x)));
    expect(tagged(v, 'a window')[0]).toMatch(/window applied in America\/New_York, expected America\/Los_Angeles/);
  });

  it('reports more calls at once than maxConcurrentCalls', () => {
    const scenario = scenarioWith({ maxConcurrentCalls: 1 });
    const v = checkInvariants(scenario, resultOf(scenario, goodCalls()));
    expect(tagged(v, 'b concurrency')).toEqual([expect.stringContaining('2 calls in progress at 2027-04-05T13:00:00.000Z')]);
  });

  it('reports one contact in two calls at once', () => {
    const v = mutated((c) => {
      c[2] = { ...c[2], startedAt: '2027-04-05T13:00:20.000Z' };
      return c;
    });
    expect(tagged(v, 'c contact-overlap').length).toBe(1);
  });

  it('reports a retry before its delay', () => {
    const v = mutated((c) => {
      c[2] = { ...c[2], startedAt: '2027-04-05T13:03:00.000Z' };
      return c;
    });
    expect(tagged(v, 'e retry')).toEqual([expect.stringContaining('too early')]);
  });

  it('reports a retry after a final outcome', () => {
    const v = mutated((c) => [...c, call(C, 2, '2027-04-05T16:30:00.000Z', '2027-04-05T16:31:00.000Z', 'answered')]);
    expect(tagged(v, 'e retry')).toEqual([expect.stringContaining('answered finishes the contact')]);
  });

  it('reports a retry of voicemail and of failed when they are not retried', () => {
    const v = mutated((c) => {
      c[1] = { ...c[1], outcome: 'voicemail' };
      c[3] = { ...c[3], outcome: 'failed' };
      return [...c, call(D, 2, '2027-04-05T16:30:00.000Z', '2027-04-05T16:31:00.000Z', 'answered', F2), call(C, 2, '2027-04-05T16:30:00.000Z', '2027-04-05T16:31:00.000Z', 'answered')];
    });
    expect(tagged(v, 'e retry').join('\n')).toMatch(/voicemail is not retried[\s\S]*failed is not retried|failed is not retried[\s\S]*voicemail is not retried/);
  });

  it('reports a changed caller ID and a caller ID that is not one of the numbers', () => {
    const changed = mutated((c) => {
      c[2] = { ...c[2], from: F2 };
      return c;
    });
    expect(tagged(changed, 'f caller-id')).toEqual([expect.stringContaining('must keep one caller ID')]);
    const foreign = mutated((c) => {
      c[3] = { ...c[3], from: '+19995550000' };
      return c;
    });
    expect(tagged(foreign, 'f caller-id')).toEqual([expect.stringContaining("not one of the scenario's fromNumbers")]);
  });

  it('reports too many attempts, per contact and per outcome, and broken numbering', () => {
    const over = mutated(
      (c) => {
        c[2] = { ...c[2], outcome: 'no_answer' };
        return [...c, call(A, 3, '2027-04-05T13:12:00.000Z', '2027-04-05T13:13:00.000Z', 'answered')];
      },
      scenarioWith({ maxAttemptsPerContact: 2 }),
    );
    expect(tagged(over, 'd attempts')).toEqual([expect.stringContaining('has 3 attempts, maxAttemptsPerContact is 2')]);
    const cap = mutated(
      (c) => {
        c[2] = { ...c[2], outcome: 'no_answer' };
        return [...c, call(A, 3, '2027-04-05T13:12:00.000Z', '2027-04-05T13:13:00.000Z', 'answered')];
      },
      scenarioWith({ maxAttemptsNoAnswer: 1 }),
    );
    expect(tagged(cap, 'd attempts')).toEqual([expect.stringContaining('2 no_answer attempts, its cap is 1')]);
    expect(tagged(cap, 'e retry')[0]).toMatch(/no_answer cap \(1\) was reached/);
    const numbering = mutated((c) => {
      c[2] = { ...c[2], attempt: 3 };
      return c;
    });
    expect(tagged(numbering, 'd attempts')).toEqual([expect.stringContaining('is attempt 3, expected 2')]);
  });

  it('reports a call after setDoNotCall and to a do_not_contact lead', () => {
    const v = mutated((c) => c, scenarioWith({}, [{ at: '2027-04-05T16:05:00Z', action: 'setDoNotCall', phone: B }]));
    expect(tagged(v, 'g dnc')).toEqual([expect.stringContaining(`${B} attempt 2`)]);
    const lead = scenarioWith({}, [], [{ phone: A, timezone: 'America/New_York', leadStatus: 'do_not_contact' }, { phone: B }, { phone: D }]);
    expect(tagged(checkInvariants(lead, resultOf(lead, goodCalls())), 'g dnc')).toEqual([
      expect.stringContaining("leadStatus is do_not_contact"),
      expect.stringContaining("leadStatus is do_not_contact"),
    ]);
  });

  it('reports a call while paused, after a cancel, and before the start', () => {
    const paused = mutated((c) => {
      c[3] = { ...c[3], startedAt: '2027-04-05T15:10:00.000Z', endedAt: '2027-04-05T15:12:00.000Z' };
      return c;
    });
    expect(tagged(paused, 'h lifecycle')).toEqual([expect.stringContaining('campaign not running')]);
    const scenario = scenarioWith({}, [{ at: '2027-04-05T16:05:00Z', action: 'cancel' }]);
    const cancelled = checkInvariants(scenario, resultOf(scenario, goodCalls(), '2027-04-05T16:12:00.000Z', 'cancelled'));
    expect(tagged(cancelled, 'h lifecycle').join('\n')).toMatch(/campaign not running/);
    const early = mutated((c) => [call(D, 1, '2027-04-05T12:59:00.000Z', '2027-04-05T12:59:30.000Z', 'no_answer', F2), ...c.map((x) => (x.phone === D ? { ...x, attempt: 2, startedAt: '2027-04-05T13:04:30.000Z', endedAt: '2027-04-05T13:06:00.000Z' } : x))]);
    expect(tagged(early, 'h lifecycle')).toEqual([expect.stringContaining('before the campaign')]);
  });

  it('reports a call still up after the cancel', () => {
    const scenario = scenarioWith({}, [{ at: '2027-04-05T16:11:00Z', action: 'cancel' }]);
    const v = checkInvariants(scenario, resultOf(scenario, goodCalls(), '2027-04-05T16:12:00.000Z', 'cancelled'));
    expect(tagged(v, 'h lifecycle')).toEqual([expect.stringContaining('still up after the cancel')]);
  });

  it('reports a call to an added contact before it was added', () => {
    const v = mutated((c) => {
      c[3] = { ...c[3], startedAt: '2027-04-05T13:50:00.000Z', endedAt: '2027-04-05T13:52:00.000Z' };
      return c;
    });
    expect(tagged(v, 'i added').length).toBe(1);
  });

  it('reports an end before the start, an outcome outside the taxonomy, and a number that is no contact', () => {
    const v = mutated((c) => {
      c[1] = { ...c[1], endedAt: '2027-04-05T12:00:00.000Z' };
      c[3] = { ...c[3], outcome: 'hung_up' as CallOutcome };
      return [...c, { ...call(D, 1, '2027-04-05T16:20:00.000Z', '2027-04-05T16:21:00.000Z', 'answered'), phone: '+12125559999', contactId: 'cnt_x' }];
    });
    const record = tagged(v, 'j record').join('\n');
    expect(record).toMatch(/before it starts/);
    expect(record).toMatch(/"hung_up" is not in the taxonomy/);
    expect(record).toMatch(/\+12125559999 is not a contact of the scenario/);
  });

  it('reports a retry that is owed but dropped, a due contact left waiting with a free slot, and a never-called contact', () => {
    const dropped = mutated((c) => c.filter((x) => !(x.phone === A && x.attempt === 2)));
    expect(tagged(dropped, 'k liveness').join('\n')).toMatch(/\+12125550001 was due for attempt 2 at 2027-04-05T13:05:25.000Z .* never dialed/);
    const late = mutated((c) => {
      c[2] = { ...c[2], startedAt: '2027-04-05T13:07:25.000Z', endedAt: '2027-04-05T13:08:00.000Z' };
      return c;
    });
    expect(tagged(late, 'k liveness')).toEqual([expect.stringContaining('was dialed only at 2027-04-05T13:07:25.000Z')]);
    const never = mutated((c) => c.filter((x) => x.phone !== C));
    expect(tagged(never, 'k liveness').join('\n')).toMatch(/\+12125550003 was due for attempt 1 at 2027-04-05T14:00:00.000Z/);
  });

  it('reports a summary that disagrees with the calls', () => {
    const scenario = scenarioWith();
    const result = resultOf(scenario, goodCalls());
    result.summary.calls = 99;
    result.summary.outcomes.answered = 1;
    const v = tagged(checkInvariants(scenario, result), 'l summary');
    expect(v).toHaveLength(2);
  });

  it('reports a lifecycle event refused although it was allowed', () => {
    const scenario = scenarioWith();
    const v = checkInvariants(scenario, resultOf(scenario, goodCalls(), undefined, 'completed', ['2027-04-05T15:00:00.000Z pause: nope']));
    expect(tagged(v, 'h lifecycle')).toEqual([expect.stringContaining('pause was refused although the campaign was running')]);
  });
});

describe('checkInvariants on hand-made runs: callbacks', () => {
  /** The good run with D asking, on its answered call (13:00–13:03), to be called back in 30 minutes; and the call back. */
  const withCallback = (at = 'in 30 minutes', back: CallRecord[] = [call(D, 2, '2027-04-05T13:33:00.000Z', '2027-04-05T13:34:00.000Z', 'answered', F2)]) =>
    mutated((c) => {
      c[1] = { ...c[1], tools: ['schedule_callback'], callback: { at, note: 'busy', result: null } };
      return [...c, ...back];
    });

  it('passes a call back at the instant asked, read from the end of the call or as an instant', () => {
    expect(withCallback()).toEqual([]);
    expect(withCallback('2027-04-05T09:33:00-04:00')).toEqual([]);
  });

  it('reports a call back before the instant asked, and one outside the window', () => {
    const early = withCallback('in 30 minutes', [call(D, 2, '2027-04-05T13:20:00.000Z', '2027-04-05T13:21:00.000Z', 'answered', F2)]);
    expect(tagged(early, 'p callback')).toEqual([expect.stringContaining('calls back before 2027-04-05T13:33:00.000Z')]);
    // 18:00 in New York, as asked: the call back had to wait for the window
    const late = withCallback('2027-04-05T22:00:00Z', [call(D, 2, '2027-04-05T22:00:00.000Z', '2027-04-05T22:01:00.000Z', 'answered', F2)]);
    expect(tagged(late, 'a window')).toEqual([expect.stringContaining('outside 09:00–17:00')]);
  });

  it('reports a callback owed but never made', () => {
    const dropped = withCallback('in 30 minutes', []);
    expect(tagged(dropped, 'k liveness')).toEqual([
      expect.stringContaining('+12125550004 was due for attempt 2 at 2027-04-05T13:33:00.000Z'),
      expect.stringContaining('+12125550004 asked to be called back on attempt 1, yet the campaign completed'),
    ]);
  });

  it('owes no callback once the contact has had its attempts, nor to a person who opted out', () => {
    const spent = scenarioWith({ maxAttemptsPerContact: 1 });
    const asked = (extra: Partial<CallRecord>) => (c: CallRecord[]) => c.map((x, i) => (i === 1 ? { ...x, tools: ['schedule_callback'], callback: { at: 'in 30 minutes', note: '', result: null }, ...extra } : x));
    // (the good run retries A, which this cap forbids: only what concerns D counts here)
    const aboutD = (v: string[]) => v.filter((x) => x.includes(D) || x.includes('cnt_+12125550004'));
    expect(aboutD(mutated(asked({}), spent))).toEqual([]);
    expect(aboutD(mutated(asked({ tools: ['opt_out', 'schedule_callback'] })))).toEqual([]);
  });

  it('reports conversation counts in the summary that disagree with the calls', () => {
    const scenario = scenarioWith();
    const result = resultOf(scenario, goodCalls());
    result.summary.conversation = { transcripts: 4, transfers: 1, optOuts: 0, callbacks: { asked: 2, scheduled: 2, notPossible: 0 } };
    expect(tagged(checkInvariants(scenario, result), 'l summary')).toEqual([
      'summary.conversation.transfers is 1, the calls have 0',
      'summary.conversation.callbacks is 2, the calls have 0',
    ].map((text) => `[l summary] ${text}`));
  });
});

describe('checkInvariants on hand-made runs: calling compliance (legal hours, state rules, rolling caps, DNC lists)', () => {
  /** The campaign window is 07:00–22:00, wider than the legal hours. */
  const wide = (extra: Record<string, unknown> = {}, events: unknown[] = [], contacts?: unknown[]) =>
    scenarioWith({ callWindowStart: '07:00', callWindowEnd: '22:00', ...extra }, events, contacts);
  /** B (Los Angeles) at 07:30 PDT: inside the window, outside legal hours. */
  const earlyB = (c: CallRecord[]) => {
    c[4] = { ...c[4], startedAt: '2027-04-05T14:30:00.000Z', endedAt: '2027-04-05T14:30:03.000Z' };
    c[5] = { ...c[5], startedAt: '2027-04-05T14:40:03.000Z', endedAt: '2027-04-05T14:42:00.000Z' };
    return c;
  };

  it('reports a call outside legal hours in a candidate zone, unless the campaign turned the guard off', () => {
    expect(tagged(mutated(earlyB, wide()), 'm legal-hours')).toEqual([
      expect.stringContaining('attempt 1 at 2027-04-05T14:30:00.000Z): starts at 2027-04-05T07:30:00-07:00 in America/Los_Angeles: outside federal hours 08:00–21:00'),
      expect.stringContaining('attempt 2 at 2027-04-05T14:40:03.000Z): starts at 2027-04-05T07:40:03-07:00 in America/Los_Angeles'),
    ]);
    expect(tagged(mutated(earlyB, wide({ legalHoursGuard: false })), 'm legal-hours')).toEqual([]);
    expect(tagged(mutated((c) => c, wide()), 'm legal-hours')).toEqual([]);
  });

  it('applies legal hours in every candidate zone and the state rules: own zone, the number’s zones, the address state', () => {
    // B in its own zone New York, on a Los Angeles number: 09:30 EDT is inside the window, but 06:30 PDT
    const movedWest = wide({}, [], [{ phone: A, timezone: 'America/New_York' }, { phone: B, timezone: 'America/New_York' }, { phone: D }]);
    expect(tagged(mutated((c) => c, movedWest), 'm legal-hours')).toEqual([]);
    const early = mutated((c) => c.filter((x) => x.phone !== B).concat(call(B, 1, '2027-04-05T13:30:00.000Z', '2027-04-05T13:30:03.000Z', 'answered', F2)), movedWest);
    expect(tagged(early, 'm legal-hours')).toEqual([expect.stringContaining('2027-04-05T06:30:00-07:00 in America/Los_Angeles: outside federal hours 08:00–21:00')]);
    const breaches = (phone: string, state: UsState | null, at: string) => legalHoursBreaches(recipientOf({ phone, timezone: null, state }, 'America/New_York'), Date.parse(at));
    expect(breaches('+13055550005', null, '2027-04-06T00:30:00Z')).toEqual(['2027-04-05T20:30:00-04:00 in America/New_York: outside FL hours 08:00–20:00']);
    expect(breaches(D, null, '2027-04-06T00:30:00Z')).toEqual([]);
    // a New York number with a Florida address: Florida's zones (Central too) and hours
    expect(breaches(D, 'FL', '2027-04-05T12:30:00Z')).toEqual([
      '2027-04-05T07:30:00-05:00 in America/Chicago: outside federal hours 08:00–21:00',
      '2027-04-05T07:30:00-05:00 in America/Chicago: outside FL hours 08:00–20:00',
    ]);
    expect(breaches('+15045550005', null, '2027-04-04T16:00:00Z')).toEqual(['2027-04-04T11:00:00-05:00 in America/Chicago: LA rule allows no calls on this weekday']);
    expect(breaches('+12155550005', null, '2028-07-04T16:00:00Z')).toEqual(['2028-07-04T12:00:00-04:00 in America/New_York: PA rule allows no calls on Independence Day']);
  });

  it('reports attempts over the rolling cap: the campaign’s, or a state’s when stricter', () => {
    expect(tagged(mutated((c) => c, scenarioWith({ rollingCapPer24h: 1 })), 'n rolling-cap')).toEqual([
      expect.stringContaining(`2 attempts to ${A} within 24 h (the first at 2027-04-05T13:00:00.000Z), its cap is 1`),
      expect.stringContaining(`2 attempts to ${B} within 24 h (the first at 2027-04-05T16:00:00.000Z), its cap is 1`),
    ]);
    expect(tagged(mutated((c) => c), 'n rolling-cap')).toEqual([]);
    // D with a Florida address: four attempts within the hour break FL's 3 even with the campaign cap off
    const florida = scenarioWith({ rollingCapPer24h: null, maxAttemptsPerContact: 5 }, [], [{ phone: A, timezone: 'America/New_York' }, { phone: B }, { phone: D, state: 'FL' }]);
    const fourToD = (c: CallRecord[]) => [
      ...c.filter((x) => x.phone !== D),
      ...[0, 1, 2, 3].map((i) => call(D, i + 1, `2027-04-05T13:${String(i * 11).padStart(2, '0')}:00.000Z`, `2027-04-05T13:${String(i * 11).padStart(2, '0')}:03.000Z`, i < 3 ? 'busy' : 'answered', F2)),
    ];
    expect(tagged(mutated(fourToD, florida), 'n rolling-cap')).toEqual([expect.stringContaining(`4 attempts to ${D} within 24 h (the first at 2027-04-05T13:00:00.000Z), its cap is 3`)]);
    expect(tagged(mutated(fourToD, scenarioWith({ rollingCapPer24h: null, maxAttemptsPerContact: 5 })), 'n rolling-cap')).toEqual([]);
  });

  it('reports a call to a number from the instant a DNC list event names it', () => {
    const listed = (at: string) => scenarioWith({}, [{ at, action: 'addDncList', name: 'Registry', numbers: ['(310) 555-0002'] }]);
    expect(tagged(mutated((c) => c, listed('2027-04-05T16:05:00Z')), 'g dnc')).toEqual([expect.stringContaining(`${B} attempt 2 at 2027-04-05T16:10:03.000Z): number is on DNC list 'Registry'`)]);
    expect(tagged(mutated((c) => c, listed('2027-04-05T16:10:03Z')), 'g dnc')).toHaveLength(1);
    expect(tagged(mutated((c) => c, listed('2027-04-05T16:10:04Z')), 'g dnc')).toEqual([]);
    // a listed contact that is never called again is not missed
    expect(tagged(mutated((c) => c.slice(0, 5), listed('2027-04-05T16:05:00Z')), 'k liveness')).toEqual([]);
  });

  it('does not report a contact held by legal hours or its cap as missed, but does once they allow the call', () => {
    // B is due at the start (06:00 PDT), its window opens at 07:00 PDT, legal hours at 08:00 PDT: during the pause, so at the resume
    const atResume = (startedAt: string) => (c: CallRecord[]) => {
      const busyUntil = Date.parse(startedAt) + 3000;
      c[4] = { ...c[4], startedAt, endedAt: new Date(busyUntil).toISOString() };
      c[5] = { ...c[5], startedAt: new Date(busyUntil + 10 * 60_000).toISOString(), endedAt: new Date(busyUntil + 12 * 60_000).toISOString() };
      return c;
    };
    expect(tagged(mutated(atResume('2027-04-05T15:30:00.000Z'), wide()), 'k liveness')).toEqual([]);
    expect(tagged(mutated(atResume('2027-04-05T15:35:00.000Z'), wide()), 'k liveness')).toEqual([expect.stringContaining(`${B} was due for attempt 1 at 2027-04-05T15:30:00.000Z`)]);
    expect(tagged(mutated(atResume('2027-04-05T15:30:00.000Z'), wide({ legalHoursGuard: false })), 'k liveness')).toEqual([expect.stringContaining(`${B} was due for attempt 1 at 2027-04-05T14:00:00.000Z`)]);
    // A's retry is held by a cap of 1 until 13:00Z tomorrow: not missed in a run that is still going
    const scenario = scenarioWith({ rollingCapPer24h: 1 });
    const withoutRetry = goodCalls().filter((x) => !(x.phone === A && x.attempt === 2) && !(x.phone === B && x.attempt === 2));
    expect(tagged(checkInvariants(scenario, resultOf(scenario, withoutRetry, undefined, 'running')), 'k liveness')).toEqual([]);
    expect(tagged(checkInvariants(scenarioWith(), resultOf(scenarioWith(), withoutRetry, undefined, 'running')), 'k liveness')).toHaveLength(2);
  });

  it('reports stored compliance settings that differ from the scenario and the defaults (guard on, cap 3)', () => {
    expect(rulesOf(scenarioWith())).toMatchObject({ legalHoursGuard: true, rollingCapPer24h: 3 });
    expect(rulesOf(scenarioWith({ legalHoursGuard: false, rollingCapPer24h: null }))).toMatchObject({ legalHoursGuard: false, rollingCapPer24h: null });
    const scenario = scenarioWith();
    const result = resultOf(scenario, goodCalls());
    result.campaign = { ...result.campaign, legalHoursGuard: false, rollingCapPer24h: 5 };
    expect(tagged(checkInvariants(scenario, result), 'settings')).toEqual([
      '[settings] legalHoursGuard is false, expected true for this scenario',
      '[settings] rollingCapPer24h is 5, expected 3 for this scenario',
    ]);
  });
});

describe('checkInvariants on hand-made runs: local presence', () => {
  const NYC = '+12125550900'; // area code 212, New York
  const ALBANY = '+15185550900'; // 518, New York state
  const MIAMI = '+13055550900'; // 305, Florida, Eastern time
  const inManhattan = '+12125550001';
  const inBrooklyn = '+13475550001'; // 347: New York state, not 212
  const inAtlanta = '+14045550001'; // Georgia, Eastern time
  const local = (localPresence: boolean) =>
    scenarioSchema.parse({
      start: '2027-04-05T13:00:00Z',
      until: '2027-04-05T21:00:00Z',
      campaign: { maxConcurrentCalls: 3, localPresence },
      fromNumbers: [NYC, ALBANY, MIAMI],
      contacts: [{ phone: inManhattan }, { phone: inBrooklyn }, { phone: inAtlanta }],
    });
  const calls = (froms: [string, string, string]): CallRecord[] =>
    [inManhattan, inBrooklyn, inAtlanta].map((phone, i) => ({
      callId: `call_lp_${i}`, contactId: `cnt_${phone}`, phone, timezone: 'America/New_York', zones: ['America/New_York'],
      from: froms[i], attempt: 1, startedAt: '2027-04-05T13:00:00.000Z', endedAt: '2027-04-05T13:02:00.000Z', outcome: 'answered',
    }));
  const check = (localPresence: boolean, froms: [string, string, string]) => {
    const scenario = local(localPresence);
    return tagged(checkInvariants(scenario, resultOf(scenario, calls(froms), '2027-04-05T13:02:00.000Z')), 'o local-presence');
  };

  it('accepts the nearest number at each level: area code, else state, else time zone (any of those)', () => {
    expect(check(true, [NYC, ALBANY, MIAMI])).toEqual([]);
    expect(check(true, [NYC, NYC, ALBANY])).toEqual([]);
  });

  it('reports a caller ID farther than the nearest number', () => {
    expect(check(true, [ALBANY, MIAMI, NYC])).toEqual([
      expect.stringContaining(`(${inManhattan} attempt 1 at 2027-04-05T13:00:00.000Z): from ${ALBANY} (the state), but ${NYC} shares the area code with the contact`),
      expect.stringContaining(`from ${MIAMI} (the time zone), but ${NYC} shares the state with the contact`),
    ]);
  });

  it('checks nothing of the kind with local presence off, and reports a stored setting that differs', () => {
    expect(check(false, [ALBANY, MIAMI, NYC])).toEqual([]);
    const scenario = local(true);
    const result = resultOf(scenario, calls([NYC, ALBANY, MIAMI]), '2027-04-05T13:02:00.000Z');
    result.campaign = { ...result.campaign, localPresence: false };
    expect(tagged(checkInvariants(scenario, result), 'settings')).toEqual(['[settings] localPresence is false, expected true for this scenario']);
  });
});

describe('the checker’s own arithmetic', () => {
  it('derives the retry delays from the campaign fields: the single delay standing for all three when alone, per-outcome defaults, exponential with a cap', () => {
    const only = rulesOf(scenarioWith({ retryDelayMinutes: 30 }));
    expect(only.delays).toEqual({ no_answer: 30, busy: 30, failed: 30, voicemail: 30 });
    const mixed = rulesOf(scenarioWith({ retryDelayMinutes: 30, retryDelayMinutesBusy: 7 }));
    expect(mixed.delays).toEqual({ no_answer: 5, busy: 7, failed: 60, voicemail: 30 });
    const exp = rulesOf(scenarioWith({ retryBackoff: 'exponential', retryBackoffMultiplier: 3, retryBackoffCapMinutes: 60 }));
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(exp, 'no_answer', attempt, 1440) / 60_000)).toEqual([5, 15, 45, 60]);
    const defaults = rulesOf(scenarioWith());
    expect(defaults.delays).toEqual({ no_answer: 5, busy: 10, failed: 60, voicemail: 60 });
    expect(defaults.caps).toEqual({ no_answer: 3, busy: 3, failed: 3 });
  });

  it('finds the first open instant exactly across spring-forward, for an overnight window and for a window starting inside the gap', () => {
    const overnight = rulesOf(scenarioWith({ callWindowStart: '22:00', callWindowEnd: '06:00' }));
    const always: [number, number][] = [[0, Infinity]];
    const from = Date.parse('2027-03-14T11:00:00Z'); // 07:00 EDT, closed
    expect(new Date(firstOpenInstant(windowGates(overnight, ['America/New_York']), always, from, Infinity)!).toISOString()).toBe('2027-03-15T02:00:00.000Z');
    // 02:30 does not exist on 2027-03-14 in New York: the window is open from the jump (03:00 EDT = 07:00Z)
    const gap = rulesOf(scenarioWith({ callWindowStart: '02:30', callWindowEnd: '05:00' }));
    expect(new Date(firstOpenInstant(windowGates(gap, ['America/New_York']), always, Date.parse('2027-03-14T05:00:00Z'), Infinity)!).toISOString()).toBe('2027-03-14T07:00:00.000Z');
    // both zones of area code 208: Los Angeles opens last
    const day = rulesOf(scenarioWith());
    expect(new Date(firstOpenInstant(windowGates(day, ['America/Boise', 'America/Los_Angeles']), always, Date.parse('2027-03-15T12:00:00Z'), Infinity)!).toISOString()).toBe('2027-03-15T16:00:00.000Z');
  });
});
