import { formatInTimeZone } from 'date-fns-tz';

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?$/;
const ISO_INSTANT = /^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:?\d{2})$/i;
const HOUR_MS = 3_600_000;

/** The zone's UTC offset in ms at an instant (date-fns-tz's getTimezoneOffset reads its date as a wall time instead). */
export function offsetAt(zone: string, instant: number): number {
  const [sign, hours, minutes] = /^([+-])(\d\d):(\d\d)$/.exec(formatInTimeZone(instant, zone, 'xxx'))!.slice(1);
  return (sign === '-' ? -1 : 1) * (Number(hours) * HOUR_MS + Number(minutes) * 60_000);
}

/** True for "YYYY-MM-DDTHH:MM[:SS]" with no offset: a wall-clock time that needs a zone. */
export function isLocalDateTime(text: string): boolean {
  return LOCAL_DATE_TIME.test(text.trim());
}

/**
 * The instant a wall-clock date-time names in an IANA zone. Across DST it resolves like Temporal's
 * "compatible": a time repeated in the fall-back overlap is its first occurrence; a time skipped by
 * spring-forward moves forward by the gap (02:30 -> 03:30). Returns null for text that is not a date-time.
 */
export function localToInstant(local: string, zone: string): number | null {
  const m = LOCAL_DATE_TIME.exec(local.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((v) => Number(v ?? 0));
  const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wallAsUtc);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return null;
  const before = offsetAt(zone, wallAsUtc - 36 * HOUR_MS);
  const after = offsetAt(zone, wallAsUtc + 36 * HOUR_MS);
  const valid = [...new Set([before, after])]
    .map((offset) => wallAsUtc - offset)
    .filter((instant) => wallAsUtc - offsetAt(zone, instant) === instant);
  return valid.length ? Math.min(...valid) : wallAsUtc - before;
}

/** "HH:MM" or "HH:MM:SS" -> seconds after midnight, or null. */
export function clockSeconds(text: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/.exec(text.trim());
  return m ? Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0) : null;
}

/**
 * An ISO-8601 date-time with Z or an offset -> epoch ms; null for anything else, including dates that
 * do not exist (Date.parse would read "1" as 2001 and roll Feb 30 into March).
 */
export function isoInstant(text: string): number | null {
  const m = ISO_INSTANT.exec(text.trim());
  if (!m) return null;
  const whole = localToInstant(m[1], 'UTC');
  if (whole === null) return null;
  const fraction = /\.(\d+)$/.exec(m[1]);
  const wall = whole + (fraction ? Math.floor(Number(`0.${fraction[1]}`) * 1000) : 0);
  const zone = m[2].toUpperCase();
  if (zone === 'Z') return wall;
  const [, sign, hh, mm] = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
  if (Number(hh) > 23 || Number(mm) > 59) return null;
  return wall - (sign === '-' ? -1 : 1) * (Number(hh) * HOUR_MS + Number(mm) * 60_000);
}
