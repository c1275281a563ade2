import { publicHolidayOn } from '../../../shared/compliance/holidays';
import { DAY_KEYS, FEDERAL_RULE, STATE_RULES, type CallingRule } from '../../../shared/compliance/statePresets';
import { US_STATES, type UsState } from '../../../shared/compliance/usStates';
import { stateOfPhone } from '../../../main/compliance/phoneState';
import { zonesOfPhone } from '../../../main/platform/phoneZones';
import { wallTime, type Gate } from './wallClock';

/**
 * The calling-compliance rules (legal hours, state rules, rolling caps) as the checker reads them:
 * only the data (the preset table, the area-code geocoder, the holiday library) is shared with the
 * app; local times are the checker's own (wallClock.ts).
 */

export const DAY_MS = 86_400_000;

/** Where a recipient may be: every zone in which its legal hours must hold, and the states whose rules bind. */
export interface Recipient {
  zones: string[];
  states: UsState[];
}

/** Candidate zones (own zone, the number's zones, the address state's zones; else the campaign's) and states (area code, address). */
export function recipientOf(contact: { phone: string; timezone: string | null; state: UsState | null }, fallbackZone: string): Recipient {
  const areaState = stateOfPhone(contact.phone);
  const zones = new Set([...(contact.timezone ? [contact.timezone] : []), ...zonesOfPhone(contact.phone), ...(contact.state ? US_STATES[contact.state].zones : [])]);
  const states = new Set([...(areaState ? [areaState] : []), ...(contact.state ? [contact.state] : [])]);
  return { zones: zones.size ? [...zones] : [fallbackZone], states: [...states] };
}

/** The federal rule and each matched state's stricter one. */
function bindingRules(states: readonly UsState[]): CallingRule[] {
  return [FEDERAL_RULE, ...states.flatMap((state) => STATE_RULES[state] ?? [])];
}

const clock = (hhmm: string) => Number(hhmm.slice(0, 2)) * 3600 + Number(hhmm.slice(3, 5)) * 60;

/** Why `rule` forbids a call starting at `ms` in `zone` (its hours are start inclusive, end exclusive), or null. */
function breach(rule: CallingRule, ms: number, zone: string): string | null {
  const { seconds, weekday, text } = wallTime(ms, zone);
  const who = rule.label ?? 'federal';
  const override = rule.days?.[DAY_KEYS[weekday]];
  const hours = override === undefined ? rule.hours : override;
  if (!hours) return `${text} in ${zone}: ${who} rule allows no calls on this weekday`;
  const holiday = rule.noCallsOnHolidays && rule.label ? publicHolidayOn(rule.label as UsState, text.slice(0, 10)) : null;
  if (holiday) return `${text} in ${zone}: ${who} rule allows no calls on ${holiday}`;
  if (seconds < clock(hours.start) || seconds >= clock(hours.end)) return `${text} in ${zone}: outside ${who} hours ${hours.start}–${hours.end}`;
  return null;
}

/** Every legal-hours rule a call starting at `ms` breaks, in any candidate zone of the recipient. */
export function legalHoursBreaches(recipient: Recipient, ms: number): string[] {
  return bindingRules(recipient.states).flatMap((rule) => recipient.zones.map((zone) => breach(rule, ms, zone)).filter((b): b is string => b !== null));
}

/** The legal hours as gates for firstOpenInstant: one per rule and candidate zone. */
export function legalHoursGates(recipient: Recipient): Gate[] {
  return bindingRules(recipient.states).flatMap((rule) => {
    const opensAt = [...new Set([rule.hours, ...Object.values(rule.days ?? {})].flatMap((h) => (h ? [clock(h.start)] : [])))];
    return recipient.zones.map((zone) => ({ zone, opensAt, isOpen: (ms: number) => breach(rule, ms, zone) === null }));
  });
}

/** The strictest of the campaign's rolling cap (null: none) and the recipient's state caps; null when none applies. */
export function rollingCapOf(campaignCap: number | null, states: readonly UsState[]): number | null {
  const limits = [campaignCap, ...states.map((state) => STATE_RULES[state]?.rollingCapPer24h)].filter((n): n is number => typeof n === 'number');
  return limits.length ? Math.min(...limits) : null;
}

/**
 * Attempts over a cap of `limit` per rolling 24 hours, given every attempt's start (sorted): each
 * start at index j >= limit whose limit-th predecessor started less than 24 h before it, with that one.
 */
export function overCap(starts: readonly number[], limit: number): { index: number; since: number }[] {
  const over: { index: number; since: number }[] = [];
  for (let j = limit; j < starts.length; j++) if (starts[j] - starts[j - limit] < DAY_MS) over.push({ index: j, since: starts[j - limit] });
  return over;
}

/** The earliest start of attempt `attempts + 1` to a number the cap allows, after attempts started at `starts` (sorted). */
export function capFreeAt(starts: readonly number[], limit: number | null): number {
  return limit !== null && starts.length >= limit ? starts[starts.length - limit] + DAY_MS : -Infinity;
}
