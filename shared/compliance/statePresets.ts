import type { UsState } from './usStates';

/** Calls may start from `start` until just before `end` ("HH:MM", recipient's local wall clock). */
export interface DailyHours {
  start: string;
  end: string;
}

export const DAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type DayKey = (typeof DAY_KEYS)[number];

/** One jurisdiction's calling rule, as data. */
export interface CallingRule {
  /** Shown in decisions: "FL: …"; the federal rule has none. */
  label: string | null;
  hours: DailyHours;
  /** Days whose hours differ; null = no calls that day. */
  days?: Partial<Record<DayKey, DailyHours | null>>;
  /** No calls on the state's public holidays (from the holiday library). */
  noCallsOnHolidays?: boolean;
  /** At most this many attempts to one number in any rolling 24 hours. */
  rollingCapPer24h?: number;
  source: string;
}

/** 47 CFR § 64.1200(c)(1) (TCPA) and 16 CFR § 310.4(c) (TSR): 8 a.m. to 9 p.m. at the called party's location. */
export const FEDERAL_RULE: CallingRule = {
  label: null,
  hours: { start: '08:00', end: '21:00' },
  source: '47 CFR § 64.1200(c)(1); 16 CFR § 310.4(c)',
};

/**
 * States stricter than the federal rule. Compiled 2026-11 from the statutes named in each row and
 * the state summaries at dropcowboy.com/state-compliance (updated 2025-11-01) and
 * blog.clickpointsoftware.com/telemarketing-calling-hours-by-state (reviewed 2025-07); holiday bans
 * follow dnc.com's restricted-call-dates lists (AL, LA, MS, PA, RI, UT). Update the table when a
 * state changes its law; where sources disagree the stricter reading is kept.
 */
export const STATE_RULES: Partial<Record<UsState, CallingRule>> = {
  AL: { label: 'AL', hours: { start: '08:00', end: '20:00' }, days: { sun: null }, noCallsOnHolidays: true, source: 'Ala. Admin. Code r. 770-X-9-.20' },
  CT: { label: 'CT', hours: { start: '09:00', end: '20:00' }, source: 'Conn. Gen. Stat. § 42-288a (2023 SB 1058)' },
  FL: { label: 'FL', hours: { start: '08:00', end: '20:00' }, rollingCapPer24h: 3, source: 'Fla. Stat. §§ 501.059(8), 501.616(6)' },
  KY: { label: 'KY', hours: { start: '10:00', end: '21:00' }, source: 'KRS 367.46955' },
  LA: { label: 'LA', hours: { start: '08:00', end: '20:00' }, days: { sun: null }, noCallsOnHolidays: true, source: 'La. R.S. 45:811; LPSC Gen. Order R-29617 § V(A)' },
  MD: { label: 'MD', hours: { start: '08:00', end: '20:00' }, rollingCapPer24h: 3, source: 'Md. Code, Com. Law § 14-4503 (Stop the Spam Calls Act, 2023)' },
  MA: { label: 'MA', hours: { start: '08:00', end: '20:00' }, source: 'M.G.L. c. 159C § 3; 201 CMR 12.02' },
  MI: { label: 'MI', hours: { start: '09:00', end: '21:00' }, source: 'state summaries (see above)' },
  MN: { label: 'MN', hours: { start: '09:00', end: '21:00' }, source: 'Minn. Stat. § 325E.27' },
  MS: { label: 'MS', hours: { start: '08:00', end: '20:00' }, days: { sun: null }, noCallsOnHolidays: true, source: 'Miss. Code § 77-3-725' },
  NV: { label: 'NV', hours: { start: '09:00', end: '20:00' }, source: 'state summaries (see above)' },
  NM: { label: 'NM', hours: { start: '09:00', end: '21:00' }, source: 'NMSA § 57-12-22' },
  OK: { label: 'OK', hours: { start: '08:00', end: '20:00' }, rollingCapPer24h: 3, source: 'Okla. Stat. tit. 15, § 775C.4 (HB 3168, 2022)' },
  PA: { label: 'PA', hours: { start: '08:00', end: '21:00' }, days: { sun: { start: '13:30', end: '21:00' } }, noCallsOnHolidays: true, source: '73 P.S. § 2245.2' },
  RI: {
    label: 'RI',
    hours: { start: '09:00', end: '18:00' },
    days: { sat: { start: '10:00', end: '17:00' }, sun: null },
    noCallsOnHolidays: true,
    source: 'R.I. Gen. Laws §§ 5-61-2(9), 5-61-3.6',
  },
  TX: { label: 'TX', hours: { start: '09:00', end: '21:00' }, days: { sun: { start: '12:00', end: '21:00' } }, source: 'Tex. Bus. & Com. Code § 301.051' },
  UT: { label: 'UT', hours: { start: '08:00', end: '21:00' }, days: { sun: null }, noCallsOnHolidays: true, source: 'Utah Code § 13-25a-103' },
  WA: { label: 'WA', hours: { start: '08:00', end: '20:00' }, source: 'RCW 80.36.390; RCW 19.158.110 (HB 1497, 2022)' },
};

/** The rule of every state given (unknown or lenient states add nothing), then the federal rule. */
export function rulesFor(states: readonly UsState[]): CallingRule[] {
  return [...[...new Set(states)].flatMap((state) => STATE_RULES[state] ?? []), FEDERAL_RULE];
}
