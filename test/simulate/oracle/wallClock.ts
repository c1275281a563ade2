import { formatInTimeZone } from 'date-fns-tz';

/**
 * The checker's own local-time arithmetic, by date-fns-tz (never by shared/time/): wall time of an
 * instant in a zone, and the first instant at which a set of daily local-time conditions all hold.
 */

const minuteCache = new Map<string, [number, number, string]>();

/**
 * Local wall time of an instant in a zone, by date-fns-tz. Formatted once per zone and UTC minute (UTC
 * offsets change on whole minutes), the seconds taken from the instant itself.
 */
export function wallTime(ms: number, zone: string): { seconds: number; weekday: number; text: string } {
  const minute = Math.floor(ms / 60_000);
  const key = `${zone} ${minute}`;
  let hit = minuteCache.get(key);
  if (!hit) {
    const [iso, hh, mm, local, offset] = formatInTimeZone(new Date(minute * 60_000), zone, "i HH mm yyyy-MM-dd'T'HH:mm XXX").split(' ');
    hit = [Number(iso) % 7, Number(hh) * 3600 + Number(mm) * 60, `${local}:SS${offset}`];
    if (minuteCache.size > 200_000) minuteCache.clear();
    minuteCache.set(key, hit);
  }
  const ss = Math.floor((ms - minute * 60_000) / 1000);
  return { seconds: hit[1] + ss, weekday: hit[0], text: hit[2].replace('SS', String(ss).padStart(2, '0')) };
}

/** The zone's UTC offset at an instant, as date-fns-tz prints it. */
function offsetText(ms: number, zone: string): string {
  return wallTime(ms, zone).text.slice(-6);
}

/** The first instant in (a, b] whose offset in `zone` differs from the one at a (there is one; offsets change on whole minutes). */
function transitionIn(a: number, b: number, zone: string): number {
  const before = offsetText(a, zone);
  let lo = Math.floor(a / 60_000);
  let hi = Math.floor(b / 60_000);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetText(mid * 60_000, zone) === before) lo = mid;
    else hi = mid;
  }
  return hi * 60_000;
}

/** A daily condition on local wall time in one zone (a call window, a legal-hours rule). */
export interface Gate {
  zone: string;
  isOpen(ms: number): boolean;
  /** Seconds after local midnight at which it may open (the starts of its hours). */
  opensAt: readonly number[];
}

/**
 * The first instant >= `from` (and <= `limit`) inside a running interval at which every gate is open,
 * or null. Between two offset changes wall time moves with real time, so the walk jumps straight to a
 * closed gate's next local opening time, or to the offset change on the way (where a window may open
 * at once after spring-forward, or where fall-back repeats an hour), whichever comes first.
 */
export function firstOpenInstant(gates: readonly Gate[], running: readonly [number, number][], from: number, limit: number): number | null {
  let t = from;
  for (let i = 0; i < 10_000 && t <= limit; i++) {
    const interval = running.find(([a, b]) => t >= a && t < b);
    if (!interval) {
      const next = running.filter(([a]) => a > t).map(([a]) => a);
      if (!next.length) return null;
      t = Math.min(...next);
      continue;
    }
    const closed = gates.find((gate) => !gate.isOpen(t));
    if (closed === undefined) return t;
    const { seconds } = wallTime(t, closed.zone);
    const delta = Math.min(...closed.opensAt.map((start) => ((start - seconds) % 86_400 + 86_400) % 86_400 || 86_400));
    let next = t + delta * 1000 - (t % 1000);
    if (offsetText(next, closed.zone) !== offsetText(t, closed.zone)) next = transitionIn(t, next, closed.zone);
    t = Math.min(next, interval[1]);
  }
  return null;
}
