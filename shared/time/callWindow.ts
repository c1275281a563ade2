import { formatInTimeZone } from 'date-fns-tz';
import type { Weekday } from '../campaigns/types';
import { clockSeconds, localToInstant } from './localTime';

/** A daily window in which calls may start, in wall-clock time. */
export interface CallWindow {
  start: string;
  end: string;
  /** null = every day. For an overnight window the day is the one it opens on. */
  days: readonly Weekday[] | null;
}

interface Bounds {
  startS: number;
  /** Inclusive: "from start through end" means any second of the end minute. */
  endS: number;
  overnight: boolean;
}

function bounds(window: CallWindow): Bounds {
  const startS = clockSeconds(window.start)!;
  const endRaw = clockSeconds(window.end)!;
  const endS = /^\d\d:\d\d$/.test(window.end.trim()) ? endRaw + 59 : endRaw;
  return { startS, endS, overnight: startS > endRaw };
}

/**
 * What a window typed as start and end means, in words, when that is not what it looks like: an end before the
 * start is an overnight window, an equal start and end a single minute. null when the times are plain (or not
 * valid times yet: their own field errors say so).
 */
export function windowNote(start: string, end: string): string | null {
  const startS = clockSeconds(start);
  const endS = clockSeconds(end);
  if (startS === null || endS === null) return null;
  if (startS > endS) return `Runs overnight: calls may start from ${start} until ${end} the next morning.`;
  if (startS === endS) return `Calls may start only in the minute ${start}.`;
  return null;
}

const QUARTER_HOUR = 900_000;
const HOUR = 3_600_000;
const offsetCache = new Map<string, Map<number, number>>();

/** Offsets change only on quarter-hour boundaries, so one lookup per zone and quarter hour is exact. */
function offsetMs(zone: string, instant: number): number {
  let byQuarter = offsetCache.get(zone);
  if (!byQuarter) offsetCache.set(zone, (byQuarter = new Map()));
  const quarter = Math.floor(instant / QUARTER_HOUR);
  let offset = byQuarter.get(quarter);
  if (offset === undefined) {
    const text = formatInTimeZone(quarter * QUARTER_HOUR, zone, 'xxx');
    const sign = text.startsWith('-') ? -1 : 1;
    offset = sign * (Number(text.slice(1, 3)) * 3_600_000 + Number(text.slice(4, 6)) * 60_000);
    if (byQuarter.size > 50_000) byQuarter.clear();
    byQuarter.set(quarter, offset);
  }
  return offset;
}

/** Wall-clock facts of an instant in a zone. */
export function localParts(instant: number, zone: string): { seconds: number; weekday: Weekday; date: string } {
  const local = new Date(instant + offsetMs(zone, instant));
  return {
    seconds: local.getUTCHours() * 3600 + local.getUTCMinutes() * 60 + local.getUTCSeconds(),
    weekday: local.getUTCDay() as Weekday,
    date: local.toISOString().slice(0, 10),
  };
}

/** True when a call may start at `instant` in `zone`. */
export function isInWindow(instant: number, zone: string, window: CallWindow): boolean {
  const { startS, endS, overnight } = bounds(window);
  const { seconds, weekday } = localParts(instant, zone);
  const dayAllows = (day: number) => !window.days || window.days.includes(((day + 7) % 7) as Weekday);
  if (!overnight) return seconds >= startS && seconds <= endS && dayAllows(weekday);
  if (seconds >= startS) return dayAllows(weekday);
  return seconds <= endS && dayAllows(weekday - 1);
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * A start time skipped by spring-forward resolves one gap later (02:30 -> 03:30), but the window is
 * already open when the clock jumps (03:00): move back to that jump. Offsets change on quarter hours.
 */
function gapStart(resolved: number, zone: string): number {
  const offset = offsetMs(zone, resolved);
  for (let q = Math.floor(resolved / QUARTER_HOUR) * QUARTER_HOUR, steps = 0; steps < 16; q -= QUARTER_HOUR, steps++) {
    if (offsetMs(zone, q - 1) !== offset) return q;
  }
  return resolved;
}

/** The first instant after `instant` at which the window opens in `zone` (DST-aware: a start skipped by spring-forward opens late). */
function nextOpeningIn(instant: number, zone: string, window: CallWindow): number | null {
  const { date } = localParts(instant, zone);
  for (let k = 0; k <= 8; k++) {
    const day = addDays(date, k);
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay() as Weekday;
    if (window.days && !window.days.includes(weekday)) continue;
    const resolved = localToInstant(`${day}T${window.start.length === 5 ? `${window.start}:00` : window.start}`, zone)!;
    const startS = bounds(window).startS;
    const opens = localParts(resolved, zone).seconds === startS ? resolved : gapStart(resolved, zone);
    if (opens > instant) return opens;
    // fall-back repeats an hour: a start inside it opens a second time, an hour (the offset change) later
    const again = resolved + offsetMs(zone, resolved) - offsetMs(zone, resolved + 2 * HOUR);
    if (again > instant && again !== resolved && localParts(again, zone).seconds === startS) return again;
  }
  return null;
}

/** Zone rules repeat every year, so a window not open within a year and a day never is. */
const SEARCH_HORIZON_MS = 367 * 24 * HOUR;

/**
 * The earliest instant >= `instant` at which the window is open in every zone (a number whose area
 * spans two zones may be called only when it is inside the window in both). Null when it never is:
 * one zone's window is never open, or their windows never overlap in a whole year of DST changes.
 */
export function nextTimeInWindow(instant: number, zones: readonly string[], window: CallWindow): number | null {
  for (let t = instant; t - instant <= SEARCH_HORIZON_MS; ) {
    const closed = zones.find((zone) => !isInWindow(t, zone, window));
    if (closed === undefined) return t;
    const opens = nextOpeningIn(t, closed, window);
    if (opens === null) return null;
    t = opens;
  }
  return null;
}
