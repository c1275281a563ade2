import type { Weekday } from '../campaigns/types';
import { isInWindow, localParts, nextTimeInWindow, type CallWindow } from '../time/callWindow';
import { clockSeconds, localToInstant } from '../time/localTime';
import { publicHolidayOn } from './holidays';
import { DAY_KEYS, rulesFor, type CallingRule, type DailyHours } from './statePresets';
import type { UsState } from './usStates';

export type HoursRule = 'legal_hours' | 'campaign_window';

export type HoursDecision = { allowed: true } | { allowed: false; rule: HoursRule; reason: string; until: number | null };

export interface HoursInput {
  at: number;
  /** Where the recipient may be (contact time zone, the number's zones, the address state's zones). */
  zones: readonly string[];
  /** States whose rules apply (from the area code and the address); the strictest of all wins. */
  states: readonly UsState[];
  /** Used when no zone of the recipient is known (the campaign's own zone). */
  fallbackZone: string;
  /** The campaign's own window and the zones it applies in: it narrows the legal hours, never widens them. */
  campaignWindow?: { window: CallWindow; zones: readonly string[] };
  /** false when the campaign turned the legal-hours guard off. */
  guard: boolean;
}

/** A condition on the start instant of a call: why it is closed at an instant, and when it opens next. */
interface Constraint {
  rule: HoursRule;
  closedBecause(instant: number): string | null;
  nextOpen(instant: number): number | null;
}

const DAY_NAMES = ['Sundays', 'Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays'];
const HORIZON_MS = 400 * 86_400_000;
/** Each step moves to a later opening; this bounds the walk even if two rules kept disagreeing. */
const MAX_STEPS = 2000;

function hoursOn(rule: CallingRule, weekday: Weekday): DailyHours | null {
  const override = rule.days?.[DAY_KEYS[weekday]];
  return override === undefined ? rule.hours : override;
}

/** "21:00" exclusive -> "20:59:59" inclusive, as CallWindow reads its end. */
function lastSecondBefore(end: string): string {
  const s = clockSeconds(end)! - 1;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}

/** The rule as call windows, one per distinct hours, each on the weekdays that have them. */
function windowsOf(rule: CallingRule): CallWindow[] {
  const byHours = new Map<string, { hours: DailyHours; days: Weekday[] }>();
  DAY_KEYS.forEach((_, day) => {
    const hours = hoursOn(rule, day as Weekday);
    if (!hours) return;
    const key = `${hours.start}-${hours.end}`;
    if (!byHours.has(key)) byHours.set(key, { hours, days: [] });
    byHours.get(key)!.days.push(day as Weekday);
  });
  return [...byHours.values()].map(({ hours, days }) => ({ start: hours.start, end: lastSecondBefore(hours.end), days }));
}

function nextLocalMidnight(instant: number, zone: string): number {
  const next = new Date(`${localParts(instant, zone).date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return localToInstant(`${next.toISOString().slice(0, 10)}T00:00`, zone)!;
}

function ruleInZone(rule: CallingRule, zone: string): Constraint {
  const windows = windowsOf(rule);
  const prefix = rule.label ? `${rule.label}: ` : '';
  const holiday = (instant: number) => (rule.noCallsOnHolidays && rule.label ? publicHolidayOn(rule.label as UsState, localParts(instant, zone).date) : null);
  return {
    rule: 'legal_hours',
    closedBecause(instant) {
      const { weekday, seconds } = localParts(instant, zone);
      const hours = hoursOn(rule, weekday);
      if (!hours) return `${prefix}no calls on ${DAY_NAMES[weekday]} (${zone})`;
      const name = holiday(instant);
      if (name) return `${prefix}no calls on public holidays (${name}, ${zone})`;
      const end = clockSeconds(hours.end)!;
      if (seconds >= clockSeconds(hours.start)! && seconds < end) return null;
      return `${prefix}outside legal hours ${hours.start}–${hours.end} in ${zone}`;
    },
    nextOpen(instant) {
      let t = instant;
      while (t - instant < HORIZON_MS) {
        const opens = windows.map((w) => nextTimeInWindow(t, [zone], w)).filter((o): o is number => o !== null);
        if (!opens.length) return null;
        const first = Math.min(...opens);
        if (!holiday(first)) return first;
        t = nextLocalMidnight(first, zone);
      }
      return null;
    },
  };
}

function campaignWindowIn(window: CallWindow, zone: string): Constraint {
  return {
    rule: 'campaign_window',
    closedBecause: (instant) => (isInWindow(instant, zone, window) ? null : `outside the campaign's window ${window.start}–${window.end} in ${zone}`),
    nextOpen: (instant) => nextTimeInWindow(instant, [zone], window),
  };
}

function constraintsOf(input: HoursInput): Constraint[] {
  const zones = [...new Set(input.zones.length ? input.zones : [input.fallbackZone])];
  const legal = input.guard ? rulesFor(input.states).flatMap((rule) => zones.map((zone) => ruleInZone(rule, zone))) : [];
  const campaign = input.campaignWindow ? [...new Set(input.campaignWindow.zones)].map((zone) => campaignWindowIn(input.campaignWindow!.window, zone)) : [];
  return [...legal, ...campaign];
}

/** The earliest instant >= `from` at which every constraint is open, or null within the horizon. */
function firstOpen(constraints: Constraint[], from: number): number | null {
  let t = from;
  for (let step = 0; step < MAX_STEPS && t - from < HORIZON_MS; step++) {
    const closed = constraints.find((c) => c.closedBecause(t) !== null);
    if (!closed) return t;
    const opens = closed.nextOpen(t);
    if (opens === null || opens <= t) return null;
    t = opens;
  }
  return null;
}

/**
 * May a call start at `input.at`? Allowed only when it is allowed in every candidate zone under the
 * federal rule and every matched state's rule (and inside the campaign's window, when given). When
 * not, the first reason found and the next instant everything is open (null: never within a year).
 */
export function checkHours(input: HoursInput): HoursDecision {
  const constraints = constraintsOf(input);
  for (const constraint of constraints) {
    const reason = constraint.closedBecause(input.at);
    if (reason !== null) return { allowed: false, rule: constraint.rule, reason, until: firstOpen(constraints, input.at) };
  }
  return { allowed: true };
}

/** The next instant >= `from` at which a call is allowed by the same rules (for holds that end for another reason). */
export function nextAllowedInstant(input: Omit<HoursInput, 'at'>, from: number): number | null {
  return firstOpen(constraintsOf({ ...input, at: from }), from);
}
