import Holidays from 'date-holidays';
import type { UsState } from './usStates';

/** Per state and year: local date "YYYY-MM-DD" -> holiday name. The library's data ships with it (no network). */
const cache = new Map<string, Map<string, string>>();

function publicHolidays(state: UsState, year: number): Map<string, string> {
  const key = `${state}:${year}`;
  let byDate = cache.get(key);
  if (!byDate) {
    const list = new Holidays('US', state).getHolidays(year) || [];
    byDate = new Map(list.filter((h) => h.type === 'public').map((h) => [h.date.slice(0, 10), h.name]));
    cache.set(key, byDate);
  }
  return byDate;
}

/** The name of the state's public holiday (observed days included) on a local date, or null. */
export function publicHolidayOn(state: UsState, localDate: string): string | null {
  return publicHolidays(state, Number(localDate.slice(0, 4))).get(localDate) ?? null;
}
