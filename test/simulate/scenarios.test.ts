import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DAY_MS, legalHoursBreaches, recipientOf } from './oracle/complianceRules';
import { checkInvariants, inWindow, maxOverlap, rulesOf } from './oracle/invariants';
import type { CallRecord } from '../../main/simulate/callRecord';
import { runSimulation, type SimulationResult } from '../../main/simulate/runSimulation';
import { scenarioSchema, type Scenario } from '../../main/simulate/scenario';
import { wallTime } from './oracle/wallClock';

const DIR = join(import.meta.dirname, '../scenarios');
const FILES = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();

/** Each scenario runs once; its invariant check and its own expectations share the result. */
const runs = new Map<string, Promise<{ scenario: Scenario; result: SimulationResult }>>();
function run(file: string) {
  let pending = runs.get(file);
  if (!pending) {
    const scenario = scenarioSchema.parse(JSON.parse(readFileSync(join(DIR, file), 'utf8')));
    pending = runSimulation(scenario).then((result) => ({ scenario, result }));
    runs.set(file, pending);
  }
  return pending;
}

const of = (result: SimulationResult, phone: string): CallRecord[] => result.calls.filter((c) => c.phone === phone);
const starts = (calls: CallRecord[]) => calls.map((c) => c.startedAt);
const ms = (iso: string) => Date.parse(iso);

describe('every scenario in test/scenarios passes every invariant on every call', () => {
  it('has at least ten scenario files', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(10);
  });
  const check = async (file: string) => {
    const { scenario, result } = await run(file);
    expect(result.calls.length).toBeGreaterThan(0);
    expect(checkInvariants(scenario, result)).toEqual([]);
  };
  it.each(FILES)('%s', check);
});

describe('DST spring-forward week (2027-03-14), four zones, Phoenix, area code 208, Mon–Fri', () => {
  const file = 'dst-spring-week.json';

  it('calls New York at 09:00 EST (14:00Z) on Friday and at 09:00 EDT (13:00Z) on the Monday after the change', async () => {
    const { result } = await run(file);
    expect(starts(of(result, '+12125550101'))).toEqual(['2027-03-12T14:00:00.000Z', '2027-03-15T13:00:00.000Z', '2027-03-16T13:00:00.000Z']);
  });

  it('opens each zone at its own 09:00 on the Monday; Phoenix keeps 16:00Z (no DST)', async () => {
    const { result } = await run(file);
    const monday = (phone: string) => of(result, phone).find((c) => c.startedAt.startsWith('2027-03-15'))?.startedAt;
    expect(monday('+13125550102')).toBe('2027-03-15T14:00:00.000Z'); // Chicago CDT
    expect(monday('+13035550103')).toBe('2027-03-15T15:00:00.000Z'); // Denver (from the number) MDT
    expect(monday('+13105550104')).toBe('2027-03-15T16:00:00.000Z'); // Los Angeles PDT
    expect(monday('+16025550105')).toBe('2027-03-15T16:00:00.000Z'); // Phoenix MST, as on Friday
    expect(of(result, '+16025550105')[0].startedAt).toBe('2027-03-12T16:00:00.000Z');
    expect(of(result, '+16025550105')[0].zones).toEqual(['America/Phoenix']);
    expect(of(result, '+13035550103')[0].zones).toEqual(['America/Denver']);
  });

  it('calls the 208 number only when both Boise and Los Angeles are inside the window', async () => {
    const { scenario, result } = await run(file);
    const rules = rulesOf(scenario);
    const calls = of(result, '+12085550106');
    expect(calls).toHaveLength(3);
    for (const call of calls) {
      expect([...call.zones].sort()).toEqual(['America/Boise', 'America/Los_Angeles']);
      expect(inWindow(rules, ms(call.startedAt), 'America/Boise')).toBe(true);
      expect(inWindow(rules, ms(call.startedAt), 'America/Los_Angeles')).toBe(true);
    }
    // Boise opens an hour before Los Angeles: the call waits for Los Angeles (Friday PST, Monday PDT)
    expect(starts(calls)).toEqual(['2027-03-12T17:00:00.000Z', '2027-03-15T16:00:00.000Z', '2027-03-16T16:00:00.000Z']);
  });

  it('makes no call on the weekend in any zone (callDays Mon–Fri)', async () => {
    const { result } = await run(file);
    for (const call of result.calls) {
      for (const zone of call.zones) expect([1, 2, 3, 4, 5]).toContain(wallTime(ms(call.startedAt), zone).weekday);
    }
  });
});

describe('DST fall-back week (2027-11-07)', () => {
  const file = 'dst-fall-week.json';

  it('calls New York at 13:00Z (EDT) on Friday and 14:00Z (EST) on the Monday after the change', async () => {
    const { result } = await run(file);
    expect(starts(of(result, '+12125550101'))).toEqual(['2027-11-05T13:00:00.000Z', '2027-11-08T14:00:00.000Z', '2027-11-09T14:00:00.000Z']);
  });

  it('moves Los Angeles and the 208 number an hour later in UTC, but not Phoenix', async () => {
    const { result } = await run(file);
    expect(starts(of(result, '+13105550104')).slice(0, 2)).toEqual(['2027-11-05T16:00:00.000Z', '2027-11-08T17:00:00.000Z']);
    expect(starts(of(result, '+12085550106')).slice(0, 2)).toEqual(['2027-11-05T16:00:00.000Z', '2027-11-08T17:00:00.000Z']);
    expect(of(result, '+16025550105').map((c) => c.startedAt.slice(11, 16))).toEqual(['16:00', '16:00', '16:00']);
  });
});

describe('overnight window 22:00–06:00', () => {
  it('spring-forward night: calls before and after midnight, and after the 02:00 -> 03:00 jump, never between 06:01 and 21:59', async () => {
    const { result } = await run('overnight-spring-forward.json');
    const ny = of(result, '+12125550201');
    expect(ny[0].startedAt).toBe('2027-03-14T03:00:00.000Z'); // Saturday 22:00 EST
    const local = ny.map((c) => wallTime(ms(c.startedAt), 'America/New_York').text);
    expect(local.some((t) => /T0[3-5]:\d\d:\d\d-04:00$/.test(t))).toBe(true); // after the jump, EDT
    expect(local.some((t) => /T2[23]:\d\d:\d\d-05:00$/.test(t))).toBe(true); // before midnight, EST
    expect(starts(ny)).toContain('2027-03-15T02:00:00.000Z'); // Sunday 22:00 EDT: the next night opens an hour earlier in UTC
    for (const call of result.calls) {
      for (const zone of call.zones) {
        const s = wallTime(ms(call.startedAt), zone).seconds;
        expect(s >= 22 * 3600 || s <= 6 * 3600 + 59).toBe(true);
      }
    }
  });

  it('fall-back night with callDays Sat+Sun in the campaign zone only: no Friday night, the repeated hour is used, Sunday night opens at 22:00 CST', async () => {
    const { result } = await run('overnight-fall-back.json');
    expect(result.calls[0].startedAt).toBe('2027-11-07T03:00:00.000Z'); // Saturday 22:00 CDT, not Friday
    for (const call of result.calls) expect(call.zones).toEqual(['America/Chicago']); // useContactTimezone false
    const local = result.calls.map((c) => wallTime(ms(c.startedAt), 'America/Chicago').text);
    expect(local.some((t) => /T0[1-5]:\d\d:\d\d-06:00$/.test(t))).toBe(true); // after fall-back, CST
    const owl = of(result, '+12125550301');
    expect(owl).toHaveLength(6);
    expect(owl[5].startedAt).toBe('2027-11-08T04:00:00.000Z'); // Sunday 22:00 CST
    // nothing between Sunday 06:00:59 CST and 22:00 CST
    expect(result.calls.filter((c) => ms(c.startedAt) > ms('2027-11-07T12:00:59Z') && ms(c.startedAt) < ms('2027-11-08T04:00:00Z'))).toEqual([]);
  });
});

describe('scheduled start, pause/resume, DNC mid-campaign (concurrency 1, three numbers)', () => {
  const file = 'dnc-pause-scheduled.json';

  it('starts by itself at scheduledStartAt (10:00 local New York = 14:00Z), not before', async () => {
    const { result } = await run(file);
    expect(result.calls[0].startedAt).toBe('2027-04-05T14:00:00.000Z');
    expect(result.campaign.scheduledStartAt).toBe('2027-04-05T14:00:00.000Z');
  });

  it('starts no call while paused, and dials again the instant it resumes', async () => {
    const { result } = await run(file);
    expect(result.calls.filter((c) => c.startedAt >= '2027-04-05T15:00:00.000Z' && c.startedAt < '2027-04-05T16:30:00.000Z')).toEqual([]);
    expect(starts(result.calls)).toContain('2027-04-05T16:30:00.000Z');
  });

  it('stops calling a contact once it is set do-not-call, and never calls DNC or do_not_contact contacts', async () => {
    const { result } = await run(file);
    const dee = of(result, '+12015550401');
    expect(dee.length).toBeGreaterThanOrEqual(2);
    expect(dee.every((c) => c.startedAt < '2027-04-05T14:40:00.000Z')).toBe(true);
    expect(of(result, '+12125550402')).toEqual([]);
    expect(of(result, '+12125550403')).toEqual([]);
    expect(of(result, '+12125550404')).toEqual([]);
    expect(result.summary.contacts.skipped).toBeGreaterThanOrEqual(3);
  });

  it('never has two calls at once with maxConcurrentCalls 1', async () => {
    const { result } = await run(file);
    expect(maxOverlap(result.calls).max).toBe(1);
  });
});

describe('cancel with concurrency 10', () => {
  const file = 'cancel-concurrency-10.json';

  it('reaches 10 calls at once', async () => {
    const { result } = await run(file);
    expect(maxOverlap(result.calls).max).toBe(10);
  });

  it('starts nothing after the cancel and ends every call in progress at the cancel, which ends the run', async () => {
    const { result } = await run(file);
    const cancel = '2027-05-03T13:40:00.000Z';
    expect(result.summary.campaignStatus).toBe('cancelled');
    expect(result.calls.filter((c) => c.startedAt >= cancel)).toEqual([]);
    expect(result.calls.every((c) => c.endedAt !== null && c.endedAt <= cancel)).toBe(true);
    expect(result.calls.filter((c) => c.endedAt === cancel).length).toBeGreaterThan(0);
    expect(result.summary.contacts.pending).toBeGreaterThan(0);
    // finished (cancelled, nothing in flight): the run stops there, so the later resume never happens
    expect(result.summary.virtualEnd).toBe(cancel);
    expect(result.summary.refusedEvents).toEqual([]);
  });
});

describe('evergreen: keepOpen with contacts added while running', () => {
  const file = 'evergreen.json';

  it('never completes', async () => {
    const { result } = await run(file);
    expect(result.summary.campaignStatus).toBe('running');
  });

  it('dials added contacts: at once inside the window, at the next opening outside it, never before they were added', async () => {
    const { result } = await run(file);
    expect(of(result, '+12125550611')[0]?.startedAt).toBe('2027-06-07T15:00:00.000Z');
    expect(of(result, '+13125550612')[0]?.startedAt).toBe('2027-06-07T15:00:00.000Z');
    expect(of(result, '+12125550621')[0]?.startedAt).toBe('2027-06-08T13:00:00.000Z'); // added at 23:00 EDT
    expect(of(result, '+13105550622')[0]?.startedAt).toBe('2027-06-08T16:00:00.000Z'); // Los Angeles 09:00
    expect(of(result, '+12125550631')[0]?.startedAt).toBe('2027-06-09T20:30:00.000Z');
    expect(of(result, '+12125550623')).toEqual([]); // added with doNotCall
  });
});

describe('DST edges of the window itself', () => {
  it('opens a window whose start falls in the spring-forward gap at the jump (03:00 EDT), the next day at 02:30 EDT; a toll-free number uses the campaign zone', async () => {
    const { result } = await run('dst-gap-window.json');
    expect(starts(of(result, '+12125551001'))).toEqual(['2027-03-14T07:00:00.000Z', '2027-03-15T06:30:00.000Z']);
    expect(starts(of(result, '+18005551002'))).toEqual(['2027-03-14T07:00:00.000Z', '2027-03-15T06:30:00.000Z']);
    expect(of(result, '+18005551002')[0].zones).toEqual(['America/New_York']);
  });

  it('opens a window inside the repeated hour twice on fall-back night (01:30 EDT, then 01:30 EST)', async () => {
    const { result } = await run('dst-repeated-hour-window.json');
    const calls = of(result, '+12125551101');
    expect(calls.slice(0, 3).every((c) => c.startedAt.startsWith('2027-11-07T05:'))).toBe(true); // 01:30-01:45 EDT
    expect(calls[3]?.startedAt).toBe('2027-11-07T06:30:00.000Z'); // 01:30 EST, the same wall time again
  });

  it('applies a DNC and a pause of the very instant the window opens before dialing', async () => {
    const { result } = await run('same-instant-events.json');
    expect(of(result, '+12125551201')).toEqual([]);
    expect(starts(of(result, '+12125551202'))).toEqual(['2027-04-05T13:30:00.000Z']);
  });
});

describe('caps and per-outcome delays', () => {
  const gaps = (calls: CallRecord[]) => calls.slice(1).map((c, i) => (ms(c.startedAt) - ms(calls[i].endedAt!)) / 60_000);

  it('exponential backoff (x3, cap 60) over every attempt, per-outcome caps inside the shared budget', async () => {
    const { result } = await run('retries-exponential.json');
    const count = (phone: string) => of(result, phone).length;
    expect(count('+12125550701')).toBe(3); // maxAttemptsNoAnswer 3
    expect(count('+12125550702')).toBe(4); // maxAttemptsBusy 4
    expect(count('+12125550703')).toBe(2); // maxAttemptsError 2 (retryOnError)
    expect(count('+12125550704')).toBe(3); // retryOnVoicemail: voicemail, voicemail, answered
    expect(count('+12125550706')).toBe(1); // declined finishes
    expect(count('+12125550707')).toBe(1); // invalid_number finishes
    expect(count('+12125550708')).toBe(6); // maxAttemptsPerContact 6 stops it before its busy cap
    expect(gaps(of(result, '+12125550701'))).toEqual([5, 15]);
    expect(gaps(of(result, '+12125550702'))).toEqual([10, 30, 60]); // 10, 10*3, 10*9 capped
    expect(gaps(of(result, '+12125550703'))).toEqual([20]);
    expect(gaps(of(result, '+12125550704'))).toEqual([30, 60]);
    expect(gaps(of(result, '+12125550705'))).toEqual([5, 30, 60, 60, 60]);
  });

  it('only retryDelayMinutes given: it is every outcome delay; failed and voicemail are not retried by default', async () => {
    const { result } = await run('retries-fixed-override.json');
    expect(gaps(of(result, '+13125550801'))).toEqual([45, 45]); // maxAttemptsPerContact 3 by default
    expect(gaps(of(result, '+13125550802'))).toEqual([45]);
    expect(of(result, '+13125550803')).toHaveLength(1);
    expect(of(result, '+13125550804')).toHaveLength(1);
    expect(result.summary.contacts).toMatchObject({ completed: 3, failed: 1, pending: 0 });
  });

  it('retryDelayMinutes with retryDelayMinutesBusy: no-answer and error keep their defaults (5 and 60)', async () => {
    const { result } = await run('retries-mixed-delays.json');
    expect(gaps(of(result, '+13035550901'))).toEqual([5]); // maxAttemptsNoAnswer 2
    expect(gaps(of(result, '+13035550902'))).toEqual([7, 7, 7]); // maxAttemptsPerContact 4
    expect(gaps(of(result, '+13035550903'))).toEqual([45]);
    expect(gaps(of(result, '+13035550904'))).toEqual([60, 60, 60]);
  });
});

describe('caller ID', () => {
  it('keeps one number per contact on every retry and spreads contacts over all three numbers', async () => {
    const { scenario, result } = await run('callerid-sticky.json');
    const byContact = new Map<string, Set<string>>();
    for (const call of result.calls) byContact.set(call.contactId, (byContact.get(call.contactId) ?? new Set()).add(call.from));
    expect([...byContact.values()].every((froms) => froms.size === 1)).toBe(true);
    expect(result.calls.some((c) => c.attempt > 1)).toBe(true);
    const perNumber = new Map<string, number>();
    for (const froms of byContact.values()) for (const from of froms) perNumber.set(from, (perNumber.get(from) ?? 0) + 1);
    expect([...perNumber.keys()].sort()).toEqual([...scenario.fromNumbers].sort());
    for (const n of perNumber.values()) expect(n).toBeGreaterThanOrEqual(byContact.size * 0.15);
  });
});

describe('the example scenario (test/scenarios/simulation-md.json)', () => {
  it('starts at its scheduledStartAt, counts every call, and +13105550123 goes busy, no_answer, answered', async () => {
    const { result } = await run('simulation-md.json');
    expect(result.summary.calls).toBe(result.calls.length);
    expect(result.calls[0].startedAt).toBe('2027-03-13T14:00:00.000Z'); // its scheduledStartAt
    expect(of(result, '+13105550123').map((c) => c.outcome)).toEqual(['busy', 'no_answer', 'answered'].slice(0, of(result, '+13105550123').length));
  });
});

describe('calling compliance by default: FL, CA, AZ, IN, two-zone area codes, across the spring-forward week', () => {
  const file = 'compliance-states-dst-week.json';
  const firstOn = (result: SimulationResult, phone: string, day: string) => of(result, phone).find((c) => c.startedAt.startsWith(day))?.startedAt;
  /** The most attempts to the number in any 24 hours. */
  const most24h = (calls: CallRecord[]) => Math.max(...calls.map((c) => calls.filter((d) => ms(d.startedAt) >= ms(c.startedAt) && ms(d.startedAt) - ms(c.startedAt) < DAY_MS).length));

  it('opens at 08:00 local, not at the window’s 07:00, in the latest candidate zone, before and after the change', async () => {
    const { result } = await run(file);
    expect([firstOn(result, '+13105550102', '2027-03-12'), firstOn(result, '+13105550102', '2027-03-15')]).toEqual(['2027-03-12T16:00:00.000Z', '2027-03-15T15:00:00.000Z']); // Los Angeles PST, PDT
    expect([firstOn(result, '+16025550103', '2027-03-12'), firstOn(result, '+16025550103', '2027-03-15')]).toEqual(['2027-03-12T15:00:00.000Z', '2027-03-15T15:00:00.000Z']); // Phoenix: no DST
    expect([firstOn(result, '+12085550105', '2027-03-12'), firstOn(result, '+12085550105', '2027-03-15')]).toEqual(['2027-03-12T16:00:00.000Z', '2027-03-15T15:00:00.000Z']); // 208: Los Angeles, not Boise
    expect([firstOn(result, '+16055550106', '2027-03-12'), firstOn(result, '+16055550106', '2027-03-15')]).toEqual(['2027-03-12T15:00:00.000Z', '2027-03-15T14:00:00.000Z']); // 605: Denver, not Central
    expect([firstOn(result, '+12195550104', '2027-03-12'), firstOn(result, '+12195550104', '2027-03-15')]).toEqual(['2027-03-12T14:00:00.000Z', '2027-03-15T13:00:00.000Z']); // IN address: Chicago too
    expect(firstOn(result, '+13105550107', '2027-03-12')).toBe('2027-03-12T16:00:00.000Z'); // own zone New York, number in Los Angeles: both
    expect(firstOn(result, '+12125550108', '2027-03-12')).toBe('2027-03-12T14:00:00.000Z'); // a New York number with a Florida address: Central Florida
  });

  it('holds Florida and Oklahoma to 08:00–20:00 and 3 attempts per 24 h, the others to the campaign’s 5', async () => {
    const { result } = await run(file);
    for (const phone of ['+13055550101', '+12125550108', '+14055550109']) expect(most24h(of(result, phone))).toBe(3);
    for (const phone of ['+13105550102', '+16025550103', '+12085550105', '+16055550106', '+13105550107', '+12195550104']) expect(most24h(of(result, phone))).toBe(5);
    // added at 20:30 EST on Friday: New York is called at once, Florida waits for Monday 08:00 EDT (callDays Mon–Fri)
    expect(of(result, '+12125550121')[0].startedAt).toBe('2027-03-13T01:30:00.000Z');
    expect(ms(of(result, '+13055550120')[0].startedAt)).toBeGreaterThanOrEqual(ms('2027-03-15T12:00:00Z'));
    const florida = result.decisions.find((d) => d.at === '2027-03-13T01:30:00.000Z' && d.rule === 'legal_hours');
    expect(florida).toMatchObject({ kind: 'hold', reason: 'FL: outside legal hours 08:00–20:00 in America/New_York', until: '2027-03-15T12:00:00.000Z' });
  });

  it('shows why contacts waited: a zone group whose 07:00 window opening is before legal hours is held once, campaign-wide; cap holds name their rule', async () => {
    const { result } = await run(file);
    const groupHolds = result.decisions.filter((d) => d.rule === 'legal_hours' && d.contactId === null && d.at.startsWith('2027-03-12'));
    expect(groupHolds).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ at: '2027-03-12T12:00:00.000Z', reason: 'outside legal hours 08:00–21:00 in America/New_York', until: '2027-03-12T13:00:00.000Z' }),
        expect.objectContaining({ at: '2027-03-12T13:00:00.000Z', reason: 'outside legal hours 08:00–21:00 in America/Chicago', until: '2027-03-12T14:00:00.000Z' }),
        expect.objectContaining({ at: '2027-03-12T15:00:00.000Z', reason: 'outside legal hours 08:00–21:00 in America/Los_Angeles', until: '2027-03-12T16:00:00.000Z' }),
      ]),
    );
    // each hold is recorded once, however often the dialer looks while it lasts
    expect(new Set(groupHolds.map((d) => `${d.reason} ${d.until}`)).size).toBe(groupHolds.length);
    // a contact whose address adds a zone (or a stricter state) beyond its group's is held on its own, with its reason
    expect(result.decisions.some((d) => d.rule === 'legal_hours' && d.contactId !== null && d.reason.startsWith('FL: '))).toBe(true);
    const capReasons = new Set(result.decisions.filter((d) => d.rule === 'rolling_cap').map((d) => d.reason));
    expect(capReasons).toEqual(new Set(['FL: 3 attempts in 24 h reached', 'OK: 3 attempts in 24 h reached', 'campaign cap: 5 attempts in 24 h reached']));
    expect(result.summary.decisions).toMatchObject({ legal_hours: expect.any(Number), rolling_cap: expect.any(Number) });
  });

  it('would call outside legal hours without the guard (the same scenario with legalHoursGuard false)', async () => {
    const { scenario } = await run(file);
    const unguarded = { ...scenario, campaign: { ...scenario.campaign, legalHoursGuard: false } };
    const result = await runSimulation(unguarded);
    expect(checkInvariants(unguarded, result)).toEqual([]);
    const rules = rulesOf(unguarded);
    const outside = result.calls.filter((c) => legalHoursBreaches(recipientOf({ phone: c.phone, timezone: null, state: null }, rules.zone), ms(c.startedAt)).length > 0);
    expect(outside.length).toBeGreaterThan(0);
    expect(of(result, '+13105550102')[0].startedAt).toBe('2027-03-12T15:00:00.000Z'); // 07:00 PST
    expect(result.decisions.filter((d) => d.rule === 'guard')).toEqual([expect.objectContaining({ kind: 'setting', reason: expect.stringContaining('turned off') })]);
  });
});

describe('DNC lists imported mid-campaign', () => {
  const file = 'compliance-dnc-list.json';

  it('skips waiting contacts at once (a retry owed, never called yet), scrubs later enrolments, and says why', async () => {
    const { result } = await run(file);
    expect(starts(of(result, '+12125550301'))).toEqual(['2027-04-05T13:00:00.000Z']); // its retry was due at 13:30
    expect(of(result, '+16465550030')).toEqual([]);
    expect(of(result, '+16465550031')).toEqual([]);
    expect(of(result, '+12125550399')).toEqual([]); // added at 15:00, already listed
    expect(of(result, '+12125550305')).toHaveLength(1); // added with it, not listed
    expect(of(result, '+12125550304').every((c) => c.startedAt < '2027-04-05T16:00:00.000Z')).toBe(true); // opted out while waiting
    expect(of(result, '+13055550302')).toHaveLength(1); // answered before the list
    expect(result.summary.contacts.skipped).toBe(5);
    const skips = result.decisions.filter((d) => d.rule === 'dnc_list');
    expect(skips.map((d) => [d.at, d.kind, d.reason])).toEqual([
      ...Array(3).fill(['2027-04-05T13:20:00.000Z', 'skip', "on DNC list 'Registry export'"]),
      ['2027-04-05T15:00:00.000Z', 'skip', "on DNC list 'Registry export'"],
      ['2027-04-05T16:00:00.000Z', 'skip', "on DNC list 'Opt-outs'"],
    ]);
  });
});
