import { stateOfPhone } from '../../../main/compliance/phoneState';
import { zonesOfPhone } from '../../../main/platform/phoneZones';
import type { CallRecord } from '../../../main/simulate/callRecord';

/**
 * The checker's own reading of local presence: how close a caller number is to a contact's phone,
 * from the geocoding data alone (area code, its state, the prefix's zones), ranked nearest first:
 * same area code, else same state, else a shared time zone. Only the data is shared with the app,
 * not its grouping of the numbers.
 */
const CLOSENESS = ['no shared place', 'the time zone', 'the state', 'the area code'] as const;

interface Place {
  /** +1 and ten digits: the three after +1; null elsewhere. */
  npa: string | null;
  state: string | null;
  zones: Set<string>;
}

function placeOf(phone: string): Place {
  const match = /^\+1(\d{3})\d{7}$/.exec(phone);
  return { npa: match ? match[1] : null, state: stateOfPhone(phone), zones: new Set(zonesOfPhone(phone)) };
}

/** 3: same area code, 2: same state, 1: a shared zone, 0: none. */
function closeness(from: Place, to: Place): number {
  if (to.npa !== null && from.npa === to.npa) return 3;
  if (to.state !== null && from.state === to.state) return 2;
  for (const zone of to.zones) if (from.zones.has(zone)) return 1;
  return 0;
}

/**
 * [o local-presence]: every call's caller ID is as close to the contact as the closest of the scenario's
 * numbers (they are all selected for the whole run). Keeping one number per contact is rule [f].
 */
export function localPresenceViolations(fromNumbers: readonly string[], calls: readonly CallRecord[], fmt: (call: CallRecord) => string): string[] {
  const numbers = fromNumbers.map((number) => ({ number, place: placeOf(number) }));
  const out: string[] = [];
  const nearest = new Map<string, { to: Place; level: number; example: string }>();
  for (const call of calls) {
    let want = nearest.get(call.phone);
    if (!want) {
      const to = placeOf(call.phone);
      want = { to, level: -1, example: '' };
      for (const n of numbers) {
        const level = closeness(n.place, to);
        if (level > want.level) want = { to, level, example: n.number };
      }
      nearest.set(call.phone, want);
    }
    // a caller ID that is none of the numbers is rule [f]'s
    const from = numbers.find((n) => n.number === call.from);
    const got = from && closeness(from.place, want.to);
    if (got !== undefined && got < want.level) {
      out.push(`[o local-presence] ${fmt(call)}: from ${call.from} (${CLOSENESS[got]}), but ${want.example} shares ${CLOSENESS[want.level]} with the contact`);
    }
  }
  return out;
}
