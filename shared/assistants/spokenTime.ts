/**
 * A time and a date as an assistant says them ("2:05 PM", "Tuesday, March 3") in a zone. Formatters are built once
 * per zone, and the last minute formatted is kept, so a campaign's contacts rendered at one instant share the work.
 */

interface ZoneFormat {
  time: Intl.DateTimeFormat;
  date: Intl.DateTimeFormat;
  minute: number;
  spokenTime: string;
  spokenDate: string;
}

const MINUTE_MS = 60_000;
const byZone = new Map<string, ZoneFormat>();

function formatIn(zone: string, at: number): ZoneFormat {
  let format = byZone.get(zone);
  if (!format) {
    format = {
      time: new Intl.DateTimeFormat('en-US', { timeZone: zone, hour: 'numeric', minute: '2-digit', hour12: true }),
      date: new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'long', month: 'long', day: 'numeric' }),
      minute: Number.NaN,
      spokenTime: '',
      spokenDate: '',
    };
    byZone.set(zone, format);
  }
  const minute = Math.floor(at / MINUTE_MS);
  if (format.minute !== minute) {
    format.minute = minute;
    // newer ICU data puts a narrow no-break space before AM/PM: a plain one reads the same to a voice and a test
    format.spokenTime = format.time.format(at).replace(/\s/g, ' ');
    format.spokenDate = format.date.format(at);
  }
  return format;
}

/** "2:05 PM" at `at` in `zone`. */
export function spokenTime(zone: string, at: number): string {
  return formatIn(zone, at).spokenTime;
}

/** "Tuesday, March 3" at `at` in `zone`. */
export function spokenDate(zone: string, at: number): string {
  return formatIn(zone, at).spokenDate;
}
