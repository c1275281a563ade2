import { fromZonedTime } from 'date-fns-tz';
import { CALL_OUTCOMES, type CallOutcome } from '../../../shared/campaigns/types';
import type { UsState } from '../../../shared/compliance/usStates';
import { zonesOfPhone } from '../../../main/platform/phoneZones';
import { localPresenceViolations } from './localPresenceRule';
import { capFreeAt, legalHoursBreaches, legalHoursGates, overCap, recipientOf, rollingCapOf, type Recipient } from './complianceRules';
import type { CallRecord } from '../../../main/simulate/callRecord';
import type { SimulationResult } from '../../../main/simulate/runSimulation';
import type { Scenario } from '../../../main/simulate/scenario';
import { firstOpenInstant, wallTime, type Gate } from './wallClock';

/**
 * An independent checker of simulation output against the campaign rules (defaults, lifecycle, dialing)
 * and the calling-compliance rules (legal hours, state rules, rolling caps, DNC lists). Every
 * call is checked, not a sample. It re-derives the campaign's rules from the scenario and the defaults
 * (not from the store), computes local wall time with date-fns-tz (wallClock.ts, not shared/time/ nor
 * shared/compliance/legalHours.ts), and rebuilds the lifecycle from the scenario's events. Each
 * violation starts with a tag naming the rule:
 *
 *   [settings]   the stored campaign disagrees with the scenario + the field defaults
 *   [a window]   a call started outside the window, or in the wrong zones
 *   [b concurrency] more than maxConcurrentCalls calls at once
 *   [c contact-overlap] one contact in two calls at once
 *   [d attempts] attempt numbering, per-contact and per-outcome caps
 *   [e retry]    a retry after a final outcome, or before its delay
 *   [f caller-id] a contact's caller ID changed, or is not one of the scenario's numbers
 *   [g dnc]      a call to a do-not-call / do_not_contact contact, or to a number on a DNC list from the list's event on
 *   [h lifecycle] a call while not running (before start, paused, cancelled, completed), calls left up at cancel, refused events
 *   [i added]    a call to an added contact before it was added
 *   [j record]   end before start, unknown outcome, unknown number, start order
 *   [k liveness] a contact due (first attempt, or a retry owed after its delay) while the campaign runs,
 *                inside its window and (guard on) its legal hours, under its rolling cap, with a free slot,
 *                that was not dialed at that instant; a completed campaign that left a contact uncalled or
 *                with a retry owed
 *   [l summary]  the summary disagrees with the calls
 *   [m legal-hours] (guard on) a call starting outside 08:00–21:00, or a matched state's stricter hours,
 *                weekday or holiday ban, in any candidate zone of the recipient (own zone, the number's
 *                zones, the address state's zones)
 *   [n rolling-cap] more attempts to one number in any 24 hours than the strictest of the campaign's
 *                rollingCapPer24h and the recipient's state caps
 *   [o local-presence] (localPresence on) a caller ID farther from the contact than the nearest of the
 *                numbers: same area code, else same state, else a shared time zone
 *   [p callback] a call back before the instant the person asked for (a callback is owed after an answered
 *                call that asked for one while attempts are left; like every call it must fall in the window
 *                and legal hours, [a] and [m], and [k] holds it to being dialed once both allow it)
 */

const MINUTE = 60_000;
const RETRY_OUTCOMES = ['no_answer', 'busy', 'voicemail', 'failed'] as const;
type RetryOutcome = (typeof RETRY_OUTCOMES)[number];

/** The campaign rules for this scenario: its fields, else the defaults. */
export interface Rules {
  windowStart: string;
  windowEnd: string;
  /** Seconds after local midnight. */
  startS: number;
  /** Inclusive, in seconds: "HH:MM" covers the whole end minute. */
  endS: number;
  overnight: boolean;
  zone: string;
  useContactTimezone: boolean;
  /** 0 = Sunday … 6 = Saturday; null = every day. For an overnight window, the day it opens on. */
  callDays: number[] | null;
  maxConcurrentCalls: number;
  maxAttemptsPerContact: number;
  delays: Record<RetryOutcome, number>;
  backoff: 'fixed' | 'exponential';
  multiplier: number;
  /** The backoff cap has no fixed default; null = not given by the scenario (the stored one is used). */
  capMinutes: number | null;
  retryOnError: boolean;
  retryOnVoicemail: boolean;
  caps: { no_answer: number; busy: number; failed: number };
  keepOpen: boolean;
  scheduledStartAt: number | null;
  /** Legal hours apply unless turned off; at most 3 attempts per number in 24 h unless null (state caps only). */
  legalHoursGuard: boolean;
  rollingCapPer24h: number | null;
  /** Local presence is off unless the scenario turns it on. */
  localPresence: boolean;
}

function seconds(text: string): { s: number; hasSeconds: boolean } | null {
  const m = /^(\d\d):(\d\d)(?::(\d\d))?$/.exec(text.trim());
  if (!m) return null;
  return { s: Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0), hasSeconds: m[3] !== undefined && m[3] !== '00' };
}

/** The field defaults and rules applied to the scenario's campaign fields. */
export function rulesOf(scenario: Scenario): Rules {
  const c = scenario.campaign as Record<string, unknown>;
  const get = <T>(key: string, fallback: T): T => (c[key] === undefined ? fallback : (c[key] as T));
  const windowStart = get('callWindowStart', '09:00');
  const windowEnd = get('callWindowEnd', '17:00');
  const start = seconds(windowStart)!;
  const end = seconds(windowEnd)!;
  const zone = get('callWindowTimezone', 'America/New_York');
  const maxAttemptsPerContact = get('maxAttemptsPerContact', 3);
  // the single retryDelayMinutes stands for all three per-outcome delays when only it is given
  const base = get('retryDelayMinutes', 60);
  const onlyBase = c.retryDelayMinutes !== undefined && ['retryDelayMinutesNoAnswer', 'retryDelayMinutesBusy', 'retryDelayMinutesError'].every((k) => c[k] === undefined);
  const perOutcome = (key: string, fallback: number) => (onlyBase ? base : get(key, fallback));
  const scheduled = c.scheduledStartAt as string | null | undefined;
  const keepOpen = c.keepOpen !== undefined ? (c.keepOpen as boolean) : get('noAutoComplete', false);
  return {
    windowStart,
    windowEnd,
    startS: start.s,
    endS: end.hasSeconds ? end.s : end.s + 59,
    overnight: start.s > end.s,
    zone,
    useContactTimezone: get('useContactTimezone', true),
    callDays: get<number[] | null>('callDays', null),
    maxConcurrentCalls: get('maxConcurrentCalls', 1),
    maxAttemptsPerContact,
    delays: {
      no_answer: perOutcome('retryDelayMinutesNoAnswer', 5),
      busy: perOutcome('retryDelayMinutesBusy', 10),
      failed: perOutcome('retryDelayMinutesError', 60),
      voicemail: base,
    },
    backoff: get('retryBackoff', 'fixed'),
    multiplier: get('retryBackoffMultiplier', 2),
    capMinutes: get<number | null>('retryBackoffCapMinutes', null),
    retryOnError: get('retryOnError', false),
    retryOnVoicemail: get('retryOnVoicemail', false),
    caps: {
      no_answer: get<number | null>('maxAttemptsNoAnswer', null) ?? maxAttemptsPerContact,
      busy: get<number | null>('maxAttemptsBusy', null) ?? maxAttemptsPerContact,
      failed: get<number | null>('maxAttemptsError', null) ?? maxAttemptsPerContact,
    },
    keepOpen,
    scheduledStartAt:
      typeof scheduled === 'string'
        ? /(Z|[+-]\d\d:?\d\d)$/i.test(scheduled)
          ? Date.parse(scheduled)
          : fromZonedTime(scheduled, zone).getTime()
        : null,
    legalHoursGuard: get('legalHoursGuard', true),
    rollingCapPer24h: get<number | null>('rollingCapPer24h', 3),
    localPresence: get('localPresence', false),
  };
}

/**
 * The earliest start (ms after the previous attempt's end) of the retry after attempt `attempt`
 * (1-based, every outcome counted) ended with `outcome`: the outcome's delay, times
 * multiplier^(attempt-1) under exponential backoff, capped at the cap.
 */
export function retryDelayMs(rules: Rules, outcome: RetryOutcome, attempt: number, storedCap: number): number {
  const base = rules.delays[outcome];
  if (rules.backoff === 'fixed') return base * MINUTE;
  return Math.min(base * rules.multiplier ** (attempt - 1), rules.capMinutes ?? storedCap) * MINUTE;
}

/** True when a call may start at `ms` in `zone` (any minute from the window's start through its end minute). */
export function inWindow(rules: Rules, ms: number, zone: string): boolean {
  const { seconds: s, weekday } = wallTime(ms, zone);
  const dayOk = (d: number) => !rules.callDays || rules.callDays.includes(d);
  if (!rules.overnight) return s >= rules.startS && s <= rules.endS && dayOk(weekday);
  if (s >= rules.startS) return dayOk(weekday);
  if (s <= rules.endS) return dayOk((weekday + 6) % 7);
  return false;
}

/** The campaign's window in each of its zones, as gates for firstOpenInstant. */
export function windowGates(rules: Rules, zones: readonly string[]): Gate[] {
  return zones.map((zone) => ({ zone, opensAt: [rules.startS], isOpen: (ms: number) => inWindow(rules, ms, zone) }));
}

/** The most calls in progress at one instant (a call ending at t does not overlap one starting at t). */
export function maxOverlap(calls: readonly CallRecord[]): { max: number; at: string | null } {
  const edges: [number, number][] = [];
  for (const call of calls) {
    edges.push([Date.parse(call.startedAt), 1]);
    edges.push([call.endedAt === null ? Infinity : Date.parse(call.endedAt), -1]);
  }
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let live = 0;
  let max = 0;
  let at: number | null = null;
  for (const [t, d] of edges) {
    live += d;
    if (live > max) {
      max = live;
      at = t;
    }
  }
  return { max, at: at === null ? null : new Date(at).toISOString() };
}

interface KnownContact {
  phone: string;
  timezone: string | null;
  doNotCall: boolean;
  doNotContact: boolean;
  /** the address state, when the scenario gives one */
  state: UsState | null;
  /** when it was created: the scenario's start, or its addContacts event */
  addedAt: number;
}

function generatedPhone(prefix: string, i: number): string {
  const digits = 11 - (prefix.length - 1);
  return `${prefix}${String(5_550_000 + i).slice(-digits).padStart(digits, '0')}`;
}

/** Every contact the scenario creates, by phone. */
function contactsOf(scenario: Scenario, out: string[]): Map<string, KnownContact> {
  const known = new Map<string, KnownContact>();
  const add = (c: { phone: string | null; timezone?: string; doNotCall: boolean; leadStatus?: string; state?: UsState }, addedAt: number) => {
    if (!c.phone) return;
    if (known.has(c.phone)) {
      // one company holds one contact per number: the simulation keeps the first and drops this one
      out.push(`[j record] the scenario has two contacts with ${c.phone}; only one exists in the simulation, so its outcomes and settings are ambiguous`);
      return;
    }
    known.set(c.phone, { phone: c.phone, timezone: c.timezone ?? null, doNotCall: c.doNotCall, doNotContact: c.leadStatus === 'do_not_contact', state: c.state ?? null, addedAt });
  };
  for (const c of scenario.contacts) add(c, scenario.start);
  const g = scenario.generate;
  for (let i = 0; g && i < g.count; i++) {
    add({ phone: generatedPhone(g.phonePrefix, i), timezone: g.timezones?.[i % g.timezones.length], doNotCall: false }, scenario.start);
  }
  scenario.events.forEach((e) => {
    if (e.action === 'addContacts') for (const c of e.contacts) add(c, e.at);
  });
  return known;
}

const UNIT_MINUTES: Record<string, number> = { minute: 1, hour: 60, day: 1440 };

/**
 * When a callback asked at the end of a call (`at` as the model said it) is due, read by the checker itself: "in N
 * minutes|hours|days" after the end, an instant with Z or an offset, or a wall time in the contact's zone; never
 * before the end. Null: no time the checker can read (the app finds none either, and owes no callback).
 */
export function callbackDue(at: string, endedAt: number, zone: string): number | null {
  const [, n, unit] = /^in\s+(\d+(?:\.\d+)?)\s+(minute|hour|day)s?$/i.exec(at.trim()) ?? [];
  let asked: number;
  if (n !== undefined) asked = endedAt + Number(n) * UNIT_MINUTES[unit.toLowerCase()] * MINUTE;
  else if (/(Z|[+-]\d\d:?\d\d)$/i.test(at)) asked = Date.parse(at);
  else asked = /^\d{4}-\d\d-\d\d[T ]\d\d:\d\d/.test(at) ? fromZonedTime(at, zone).getTime() : NaN;
  return Number.isNaN(asked) ? null : Math.max(Math.round(asked), endedAt);
}

/**
 * The instant a callback is owed from, after attempt `attempt` (1-based): the person of an answered call asked for one,
 * did not opt out, and the contact has attempts left. Null when none is owed.
 */
function callbackOwed(rules: Rules, call: CallRecord, attempt: number, contact: { phone: string; timezone: string | null }): number | null {
  if (!call.callback || call.outcome !== 'answered' || call.endedAt === null || call.tools?.includes('opt_out')) return null;
  if (attempt >= rules.maxAttemptsPerContact) return null;
  return callbackDue(call.callback.at, Date.parse(call.endedAt), contact.timezone ?? zonesOfPhone(contact.phone)[0] ?? rules.zone);
}

/** The zones the window applies in for a contact: with useContactTimezone its own zone, else its number's; else the campaign's. */
export function expectedZones(rules: Rules, contact: { phone: string; timezone: string | null }): string[] {
  if (!rules.useContactTimezone) return [rules.zone];
  if (contact.timezone) return [contact.timezone];
  const zones = zonesOfPhone(contact.phone);
  return zones.length ? zones : [rules.zone];
}

type Status = 'scheduled' | 'running' | 'paused' | 'completed' | 'cancelled';

/** Rebuilds the campaign's status over time from the scenario's events (scheduled start, pause, resume,
 * cancel) and the observed completion. */
function lifecycle(scenario: Scenario, rules: Rules, result: SimulationResult, out: string[]) {
  const changes: { at: number; kind: 'scheduled' | 'pause' | 'resume' | 'cancel' | 'completed' }[] = [];
  if (rules.scheduledStartAt !== null && rules.scheduledStartAt > scenario.start) changes.push({ at: rules.scheduledStartAt, kind: 'scheduled' });
  // the run stops once the campaign is finished: events after its end never happened
  const virtualEnd = Date.parse(result.summary.virtualEnd);
  for (const e of scenario.events) {
    if ((e.action === 'pause' || e.action === 'resume' || e.action === 'cancel') && e.at <= virtualEnd) changes.push({ at: e.at, kind: e.action });
  }
  const completedAt = result.campaign.completedAt ? Date.parse(result.campaign.completedAt) : null;
  if (completedAt !== null) changes.push({ at: completedAt, kind: 'completed' });
  // stable: at one instant the scheduled start comes first, then the events in file order, then completion
  changes.sort((a, b) => a.at - b.at);

  const refused = new Set(result.summary.refusedEvents.map((r) => r.slice(0, r.indexOf(': '))));
  let status = (rules.scheduledStartAt !== null && rules.scheduledStartAt > scenario.start ? 'scheduled' : 'running') as Status;
  const running: [number, number][] = [];
  let runningSince: number | null = status === 'running' ? scenario.start : null;
  let cancelledAt: number | null = null;
  const move = (to: Status, at: number) => {
    if (status === 'running' && to !== 'running') running.push([runningSince!, at]);
    if (status !== 'running' && to === 'running') runningSince = at;
    status = to;
  };
  for (const change of changes) {
    const label = `${new Date(change.at).toISOString()} ${change.kind}`;
    const wasRefused = refused.has(label);
    const allowed =
      change.kind === 'scheduled' ? status === 'scheduled'
      : change.kind === 'completed' ? status === 'running'
      : change.kind === 'pause' ? status === 'running'
      : change.kind === 'resume' ? status === 'paused'
      : status !== 'completed' && status !== 'cancelled';
    if (change.kind === 'completed') {
      if (!allowed) out.push(`[h lifecycle] campaign completed at ${label.split(' ')[0]} while ${status}`);
      else if (rules.keepOpen) out.push(`[h lifecycle] campaign completed at ${label.split(' ')[0]} although keepOpen is true`);
      move('completed', change.at);
      continue;
    }
    if (change.kind === 'scheduled') {
      if (allowed) move('running', change.at);
      continue;
    }
    if (allowed && wasRefused) out.push(`[h lifecycle] ${label} was refused although the campaign was ${status}`);
    if (!allowed && !wasRefused && change.at < virtualEnd) out.push(`[h lifecycle] ${label} was accepted although the campaign was ${status}`);
    if (!allowed) continue;
    if (change.kind === 'cancel') cancelledAt = change.at;
    move(change.kind === 'pause' ? 'paused' : change.kind === 'resume' ? 'running' : 'cancelled', change.at);
  }
  if (status === 'running') running.push([runningSince!, Infinity]);
  if (status !== result.campaign.status) {
    out.push(`[h lifecycle] final status ${result.campaign.status}, expected ${status} from the scenario's events`);
  }
  return { running, cancelledAt, finalStatus: status };
}

/** Calls in progress just after instant t: started at or before t and not ended by t (sorted instants in). */
function busyCounter(calls: readonly CallRecord[]): (t: number) => number {
  const starts = calls.map((c) => Date.parse(c.startedAt)).sort((a, b) => a - b);
  const ends = calls.map((c) => (c.endedAt === null ? Infinity : Math.max(Date.parse(c.endedAt), Date.parse(c.startedAt)))).sort((a, b) => a - b);
  const atMost = (sorted: number[], t: number) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return (t) => atMost(starts, t) - atMost(ends, t);
}

/** Every violation of the campaign and dialing rules in one simulation's output; [] when there is none. */
export function checkInvariants(scenario: Scenario, result: SimulationResult): string[] {
  const out: string[] = [];
  const rules = rulesOf(scenario);
  const stored = result.campaign;
  const calls = result.calls;
  const fmt = (call: CallRecord) => `call ${call.callId} (${call.phone} attempt ${call.attempt} at ${call.startedAt})`;

  // [settings]: what the store resolved against what the scenario and the defaults give
  const expectStored: [string, unknown, unknown][] = [
    ['callWindowTimezone', stored.callWindowTimezone, rules.zone],
    ['useContactTimezone', stored.useContactTimezone, rules.useContactTimezone],
    ['maxConcurrentCalls', stored.maxConcurrentCalls, rules.maxConcurrentCalls],
    ['maxAttemptsPerContact', stored.maxAttemptsPerContact, rules.maxAttemptsPerContact],
    ['retryDelayMinutesNoAnswer', stored.retryDelayMinutesNoAnswer, rules.delays.no_answer],
    ['retryDelayMinutesBusy', stored.retryDelayMinutesBusy, rules.delays.busy],
    ['retryDelayMinutesError', stored.retryDelayMinutesError, rules.delays.failed],
    ['retryDelayMinutes', stored.retryDelayMinutes, rules.delays.voicemail],
    ['retryBackoff', stored.retryBackoff, rules.backoff],
    ['retryBackoffMultiplier', stored.retryBackoffMultiplier, rules.multiplier],
    ['retryOnError', stored.retryOnError, rules.retryOnError],
    ['retryOnVoicemail', stored.retryOnVoicemail, rules.retryOnVoicemail],
    ['maxAttemptsNoAnswer', stored.maxAttemptsNoAnswer ?? stored.maxAttemptsPerContact, rules.caps.no_answer],
    ['maxAttemptsBusy', stored.maxAttemptsBusy ?? stored.maxAttemptsPerContact, rules.caps.busy],
    ['maxAttemptsError', stored.maxAttemptsError ?? stored.maxAttemptsPerContact, rules.caps.failed],
    ['keepOpen', stored.keepOpen, rules.keepOpen],
    ['callWindowStart', seconds(stored.callWindowStart)?.s, rules.startS],
    ['callWindowEnd', ((e) => (e ? (e.hasSeconds ? e.s : e.s + 59) : null))(seconds(stored.callWindowEnd)), rules.endS],
    ['callDays', JSON.stringify(stored.callDays ? [...stored.callDays].sort() : null), JSON.stringify(rules.callDays ? [...new Set(rules.callDays)].sort() : null)],
    ['scheduledStartAt', stored.scheduledStartAt ? Date.parse(stored.scheduledStartAt) : null, rules.scheduledStartAt],
    ['legalHoursGuard', stored.legalHoursGuard, rules.legalHoursGuard],
    ['rollingCapPer24h', stored.rollingCapPer24h, rules.rollingCapPer24h],
    ['localPresence', stored.localPresence, rules.localPresence],
  ];
  if (rules.capMinutes !== null) expectStored.push(['retryBackoffCapMinutes', stored.retryBackoffCapMinutes, rules.capMinutes]);
  for (const [field, got, want] of expectStored) {
    if (got !== want) out.push(`[settings] ${field} is ${JSON.stringify(got)}, expected ${JSON.stringify(want)} for this scenario`);
  }

  const known = contactsOf(scenario, out);
  const fromNumbers = new Set(scenario.fromNumbers);
  const { running, cancelledAt, finalStatus } = lifecycle(scenario, rules, result, out);
  const effectiveStart = Math.max(scenario.start, rules.scheduledStartAt ?? -Infinity);

  // DNC timeline per phone: setDoNotCall events, in time order
  const dncEvents = new Map<string, { at: number; value: boolean }[]>();
  for (const e of scenario.events) {
    if (e.action === 'setDoNotCall') dncEvents.set(e.phone, [...(dncEvents.get(e.phone) ?? []), { at: e.at, value: e.value }]);
  }
  for (const list of dncEvents.values()) list.sort((a, b) => a.at - b.at);
  const dncAt = (contact: KnownContact, t: number) => {
    let dnc = contact.doNotCall;
    for (const e of dncEvents.get(contact.phone) ?? []) if (e.at <= t) dnc = e.value;
    return dnc;
  };
  // DNC lists by number: the first list event naming it (lists only grow in a scenario)
  const listedSince = new Map<string, { at: number; name: string }>();
  for (const e of scenario.events) {
    if (e.action !== 'addDncList') continue;
    for (const phone of e.numbers) {
      const earlier = listedSince.get(phone);
      if (!earlier || e.at < earlier.at) listedSince.set(phone, { at: e.at, name: e.name });
    }
  }
  const listedBy = (phone: string, t: number) => (listedSince.get(phone)?.at ?? Infinity) <= t;
  const recipients = new Map<string, Recipient>();
  const recipientOfContact = (contact: KnownContact) => {
    let recipient = recipients.get(contact.phone);
    if (!recipient) recipients.set(contact.phone, (recipient = recipientOf(contact, rules.zone)));
    return recipient;
  };

  // [j] the record itself, start order, and the per-call rules a, f, g, h, i
  let previousStart = -Infinity;
  const outcomes = new Set<string>(CALL_OUTCOMES);
  for (const call of calls) {
    const start = Date.parse(call.startedAt);
    const end = call.endedAt === null ? null : Date.parse(call.endedAt);
    if (Number.isNaN(start)) out.push(`[j record] ${fmt(call)}: startedAt is not an instant`);
    if (start < previousStart) out.push(`[j record] ${fmt(call)}: out of start order`);
    previousStart = start;
    if (end === null) {
      const stoppedAtUntil = finalStatus !== 'completed' && finalStatus !== 'cancelled';
      if (!stoppedAtUntil || call.outcome !== null) out.push(`[j record] ${fmt(call)}: never ended (endedAt null, outcome ${call.outcome})`);
    } else {
      if (!(end >= start)) out.push(`[j record] ${fmt(call)}: ends at ${call.endedAt}, before it starts`);
      if (!call.outcome || !outcomes.has(call.outcome)) out.push(`[j record] ${fmt(call)}: outcome ${JSON.stringify(call.outcome)} is not in the taxonomy`);
    }
    if (start > scenario.until) out.push(`[j record] ${fmt(call)}: starts after the scenario's until`);

    const contact = known.get(call.phone);
    if (!contact) {
      out.push(`[j record] ${fmt(call)}: ${call.phone} is not a contact of the scenario`);
      continue;
    }

    // [a] window, in every zone, and the zones themselves
    const zones = expectedZones(rules, contact);
    if ([...call.zones].sort().join('|') !== [...zones].sort().join('|')) {
      out.push(`[a window] ${fmt(call)}: window applied in ${call.zones.join(', ')}, expected ${zones.join(', ')}`);
    }
    for (const zone of zones) {
      if (!inWindow(rules, start, zone)) {
        out.push(`[a window] ${fmt(call)}: starts at ${wallTime(start, zone).text} in ${zone}, outside ${rules.windowStart}–${rules.windowEnd}${rules.callDays ? ` on days ${rules.callDays.join(',')}` : ''}`);
      }
    }

    // [m] legal hours in every candidate zone of the recipient, unless the campaign turned the guard off
    if (rules.legalHoursGuard) {
      for (const why of legalHoursBreaches(recipientOfContact(contact), start)) out.push(`[m legal-hours] ${fmt(call)}: starts at ${why}`);
    }

    // [f] caller ID among the scenario's numbers
    if (!fromNumbers.has(call.from)) out.push(`[f caller-id] ${fmt(call)}: from ${call.from}, not one of the scenario's fromNumbers`);

    // [g] DNC / do_not_contact at the moment of dialing
    if (contact.doNotContact) out.push(`[g dnc] ${fmt(call)}: contact's leadStatus is do_not_contact`);
    if (dncAt(contact, start)) out.push(`[g dnc] ${fmt(call)}: contact is doNotCall at this moment`);
    const listed = listedSince.get(call.phone);
    if (listed && listed.at <= start) out.push(`[g dnc] ${fmt(call)}: number is on DNC list '${listed.name}' since ${new Date(listed.at).toISOString()}`);

    // [h] only while running
    if (start < effectiveStart) out.push(`[h lifecycle] ${fmt(call)}: before the campaign's start ${new Date(effectiveStart).toISOString()}`);
    else if (!running.some(([from, to]) => start >= from && start < to)) {
      out.push(`[h lifecycle] ${fmt(call)}: campaign not running at this moment (paused, cancelled, completed or not started)`);
    }
    if (cancelledAt !== null && start < cancelledAt && (end === null || end > cancelledAt)) {
      out.push(`[h lifecycle] ${fmt(call)}: still up after the cancel at ${new Date(cancelledAt).toISOString()} (ends ${call.endedAt})`);
    }

    // [i] added contacts only after they were added
    if (start < contact.addedAt) out.push(`[i added] ${fmt(call)}: before the contact was added at ${new Date(contact.addedAt).toISOString()}`);
  }

  if (rules.localPresence) out.push(...localPresenceViolations(scenario.fromNumbers, calls, fmt));

  // [n] per number: no more attempts in any 24 hours than its strictest rolling cap
  const toPhone = new Map<string, CallRecord[]>();
  for (const call of calls) toPhone.set(call.phone, [...(toPhone.get(call.phone) ?? []), call]);
  for (const [phone, list] of toPhone) {
    const contact = known.get(phone);
    const cap = contact && rollingCapOf(rules.rollingCapPer24h, recipientOfContact(contact).states);
    if (!cap) continue;
    for (const { index, since } of overCap(list.map((c) => Date.parse(c.startedAt)), cap)) {
      out.push(`[n rolling-cap] ${fmt(list[index])}: ${cap + 1} attempts to ${phone} within 24 h (the first at ${new Date(since).toISOString()}), its cap is ${cap}`);
    }
  }

  // [b] concurrency over the whole run
  const overlap = maxOverlap(calls);
  if (overlap.max > rules.maxConcurrentCalls) out.push(`[b concurrency] ${overlap.max} calls in progress at ${overlap.at}, maxConcurrentCalls is ${rules.maxConcurrentCalls}`);

  // per contact: c, d, e, f (stickiness), k
  const byContact = new Map<string, CallRecord[]>();
  for (const call of calls) byContact.set(call.contactId, [...(byContact.get(call.contactId) ?? []), call]);
  const storedCap = stored.retryBackoffCapMinutes;
  for (const [contactId, list] of byContact) {
    list.sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt) || a.attempt - b.attempt);
    const contact = known.get(list[0].phone);
    if (new Set(list.map((c) => c.phone)).size > 1) out.push(`[j record] contact ${contactId} was called on several numbers: ${[...new Set(list.map((c) => c.phone))].join(', ')}`);
    const froms = new Set(list.map((c) => c.from));
    if (froms.size > 1) out.push(`[f caller-id] contact ${contactId} (${list[0].phone}) was called from ${[...froms].join(', ')}; it must keep one caller ID`);
    if (list.length > rules.maxAttemptsPerContact) out.push(`[d attempts] contact ${contactId} (${list[0].phone}) has ${list.length} attempts, maxAttemptsPerContact is ${rules.maxAttemptsPerContact}`);
    const counts = { no_answer: 0, busy: 0, failed: 0 };
    list.forEach((call, i) => {
      if (call.attempt !== i + 1) out.push(`[d attempts] ${fmt(call)}: is attempt ${call.attempt}, expected ${i + 1} (attempts must be 1..n in order)`);
      const outcome = call.outcome;
      if (outcome === 'no_answer' || outcome === 'busy' || outcome === 'failed') {
        counts[outcome]++;
        if (counts[outcome] > rules.caps[outcome]) out.push(`[d attempts] ${fmt(call)}: ${counts[outcome]} ${outcome} attempts, its cap is ${rules.caps[outcome]}`);
      }
      const next = list[i + 1];
      if (!next) return;
      const nextStart = Date.parse(next.startedAt);
      if (call.endedAt === null || Date.parse(call.endedAt) > nextStart) {
        out.push(`[c contact-overlap] ${fmt(next)}: starts while the contact's previous call (${call.callId}, ${call.startedAt}–${call.endedAt}) is in progress`);
        return;
      }
      const end = Date.parse(call.endedAt);
      const owed = contact && callbackOwed(rules, call, i + 1, contact);
      if (owed) {
        if (nextStart < owed) out.push(`[p callback] ${fmt(next)}: calls back before ${new Date(owed).toISOString()}, when ${call.callId} asked to be called back (${call.callback!.at})`);
        return;
      }
      const why = retryRefusal(rules, outcome, counts, i + 1);
      if (why) {
        out.push(`[e retry] ${fmt(next)}: retried after ${outcome} of attempt ${i + 1}, ${why}`);
        return;
      }
      if (outcome === 'cancelled') return;
      const delay = retryDelayMs(rules, outcome as RetryOutcome, i + 1, storedCap);
      // ISO strings hold whole ms: floor(end + delay) >= floor(end) + floor(delay)
      if (nextStart < end + Math.floor(delay)) {
        out.push(`[e retry] ${fmt(next)}: too early, previous attempt ended ${outcome} at ${call.endedAt}, delay ${delay / MINUTE} min allows ${new Date(end + delay).toISOString()} at the earliest`);
      }
    });
  }

  // [k] work conservation: when a contact is due (added, or its retry delay passed), the campaign runs, its
  // window and legal hours are open and its rolling cap allows a call, it is dialed at that instant unless
  // every slot is busy then; a contact held by the calling rules is due again when they allow it
  const limit = Math.min(scenario.until, Date.parse(result.summary.virtualEnd));
  const busyAt = busyCounter(calls);
  const callsByPhone = new Map<string, CallRecord[]>();
  for (const list of byContact.values()) callsByPhone.set(list[0].phone, list);
  for (const contact of known.values()) {
    if (contact.doNotContact) continue;
    const list = callsByPhone.get(contact.phone) ?? [];
    const recipient = recipientOfContact(contact);
    const cap = rollingCapOf(rules.rollingCapPer24h, recipient.states);
    const gates = [...windowGates(rules, expectedZones(rules, contact)), ...(rules.legalHoursGuard ? legalHoursGates(recipient) : [])];
    const starts = list.map((c) => Date.parse(c.startedAt));
    const counts = { no_answer: 0, busy: 0, failed: 0 };
    for (let i = 0; i <= list.length; i++) {
      let due: number;
      if (i === 0) due = contact.addedAt;
      else {
        const prev = list[i - 1];
        if (prev.endedAt === null || !prev.outcome || prev.outcome === 'cancelled') break;
        if (prev.outcome === 'no_answer' || prev.outcome === 'busy' || prev.outcome === 'failed') counts[prev.outcome]++;
        const owed = callbackOwed(rules, prev, i, contact);
        if (owed) due = owed;
        else if (retryRefusal(rules, prev.outcome, counts, i)) break;
        else due = Date.parse(prev.endedAt) + retryDelayMs(rules, prev.outcome as RetryOutcome, i, storedCap);
      }
      const at = firstOpenInstant(gates, running, Math.max(due, capFreeAt(starts.slice(0, i), cap)), limit);
      if (at === null) break;
      // a contact that was ever do-not-call (or DNC-listed) by then may rightly have been skipped for good
      const dncBy = contact.doNotCall || listedBy(contact.phone, at) || (dncEvents.get(contact.phone) ?? []).some((e) => e.value && e.at <= at);
      if (dncBy) break;
      const next = list[i];
      const nextStart = next ? Date.parse(next.startedAt) : null;
      if (nextStart !== null && nextStart <= at) continue;
      const busy = busyAt(at);
      if (busy < rules.maxConcurrentCalls) {
        out.push(
          `[k liveness] contact ${contact.phone} was due for attempt ${i + 1} at ${new Date(at).toISOString()} (campaign running, window and calling rules allow it, ${busy}/${rules.maxConcurrentCalls} slots busy) but ${nextStart === null ? 'was never dialed' : `was dialed only at ${next!.startedAt}`}`,
        );
        break;
      }
    }
  }

  // [k] a completed campaign finished every contact: each callable one was called, none is owed a retry
  if (result.campaign.status === 'completed') {
    const completedAt = Date.parse(result.campaign.completedAt!);
    const byPhone = new Map<string, CallRecord[]>();
    for (const list of byContact.values()) byPhone.set(list[0].phone, list);
    for (const contact of known.values()) {
      if (contact.addedAt > completedAt) continue;
      const everDnc = contact.doNotCall || listedBy(contact.phone, completedAt) || (dncEvents.get(contact.phone) ?? []).some((e) => e.value && e.at <= completedAt);
      if (everDnc || contact.doNotContact) continue;
      const list = byPhone.get(contact.phone);
      if (!list) {
        out.push(`[k liveness] contact ${contact.phone} was never called, yet the campaign completed`);
        continue;
      }
      const last = list[list.length - 1];
      const counts = { no_answer: 0, busy: 0, failed: 0 };
      for (const c of list) if (c.outcome === 'no_answer' || c.outcome === 'busy' || c.outcome === 'failed') counts[c.outcome]++;
      if (last.outcome && last.outcome !== 'cancelled' && !retryRefusal(rules, last.outcome, counts, list.length)) {
        out.push(`[k liveness] contact ${contact.phone} ended with ${last.outcome} on attempt ${list.length}, a retry was owed, yet the campaign completed`);
      }
      if (callbackOwed(rules, last, list.length, contact)) out.push(`[k liveness] contact ${contact.phone} asked to be called back on attempt ${list.length}, yet the campaign completed`);
    }
  }

  // [l] the summary agrees with the calls
  if (result.summary.calls !== calls.length) out.push(`[l summary] summary.calls is ${result.summary.calls}, the output has ${calls.length} calls`);
  const tally: Record<string, number> = {};
  for (const call of calls) if (call.outcome) tally[call.outcome] = (tally[call.outcome] ?? 0) + 1;
  for (const outcome of CALL_OUTCOMES) {
    if ((result.summary.outcomes[outcome as CallOutcome] ?? 0) !== (tally[outcome] ?? 0)) {
      out.push(`[l summary] summary.outcomes.${outcome} is ${result.summary.outcomes[outcome as CallOutcome] ?? 0}, the calls have ${tally[outcome] ?? 0}`);
    }
  }
  if (result.summary.campaignStatus !== result.campaign.status) out.push(`[l summary] campaignStatus ${result.summary.campaignStatus} but the campaign is ${result.campaign.status}`);
  const talked = result.summary.conversation;
  if (talked) {
    const tallied = {
      transfers: tally.transferred ?? 0,
      optOuts: calls.filter((c) => c.tools?.includes('opt_out')).length,
      callbacks: calls.filter((c) => c.callback).length,
    };
    const reported = { transfers: talked.transfers, optOuts: talked.optOuts, callbacks: talked.callbacks.asked };
    for (const key of Object.keys(tallied) as (keyof typeof tallied)[]) {
      if (reported[key] !== tallied[key]) out.push(`[l summary] summary.conversation.${key} is ${reported[key]}, the calls have ${tallied[key]}`);
    }
  }
  return out;
}

/**
 * Why no retry may follow an attempt (the attempt caps; only no_answer, busy, voicemail with
 * retryOnVoicemail and failed with retryOnError are retried), or null when one may. `counts` include
 * this attempt; `attempt` is its number. `cancelled` (our own hang-up) is neutral: the contact just waits.
 */
function retryRefusal(rules: Rules, outcome: CallOutcome | null, counts: { no_answer: number; busy: number; failed: number }, attempt: number): string | null {
  if (attempt >= rules.maxAttemptsPerContact) return `maxAttemptsPerContact (${rules.maxAttemptsPerContact}) was reached`;
  switch (outcome) {
    case 'no_answer':
    case 'busy':
      return counts[outcome] >= rules.caps[outcome] ? `its ${outcome} cap (${rules.caps[outcome]}) was reached` : null;
    case 'failed':
      if (!rules.retryOnError) return 'failed is not retried unless retryOnError';
      return counts.failed >= rules.caps.failed ? `its error cap (${rules.caps.failed}) was reached` : null;
    case 'voicemail':
      return rules.retryOnVoicemail ? null : 'voicemail is not retried unless retryOnVoicemail';
    case 'cancelled':
      return null;
    default:
      return `${outcome} finishes the contact`;
  }
}
