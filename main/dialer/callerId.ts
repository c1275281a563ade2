import { hash } from 'node:crypto';
import type { UsState } from '../../shared/compliance/usStates';
import { stateOfPhone } from '../compliance/phoneState';
import { zonesOfPhone } from '../platform/phoneZones';

export interface CallerNumber {
  id: string;
  number: string;
  weight: number;
}

/** A stable number in (0, 1) for a contact and a caller number. */
function unitHash(contactId: string, numberId: string): number {
  const digest = hash('sha256', `${contactId}\u0000${numberId}`, 'buffer');
  return (digest.readUIntBE(0, 6) + 1) / (2 ** 48 + 2);
}

/** Weighted rendezvous hashing: the number with the best score for this contact. */
function rendezvous<N extends CallerNumber>(contactId: string, numbers: readonly N[]): N | null {
  let best: N | null = null;
  let bestScore = -Infinity;
  for (const n of numbers) {
    const score = -n.weight / Math.log(unitHash(contactId, n.id));
    if (score > bestScore) {
      best = n;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Where a phone number rings, as a callee judges a caller ID to be local: its NANP area code (+1 and
 * the three digits after it), the US state of that area code, and the time zones of its prefix.
 * Outside the NANP there is no area code nor state, so local presence matches by time zone there
 * (which is the country for most of them), then falls back to the weighted pick.
 */
export interface Locality {
  areaCode: string | null;
  state: UsState | null;
  zones: string[];
}

export function localityOf(e164: string): Locality {
  const nanp = /^\+1\d{10}$/.test(e164);
  return { areaCode: nanp ? e164.slice(2, 5) : null, state: stateOfPhone(e164), zones: zonesOfPhone(e164) };
}

/** A numbers list grouped by locality, built once per list: the dialer keeps one list per campaign until its numbers change. */
interface LocalIndex<N> {
  byAreaCode: Map<string, N[]>;
  byState: Map<string, N[]>;
  byZone: Map<string, N[]>;
}

const indexes = new WeakMap<readonly CallerNumber[], LocalIndex<CallerNumber>>();

function group<N>(into: Map<string, N[]>, key: string | null, n: N): void {
  if (key === null) return;
  const list = into.get(key);
  if (list) list.push(n);
  else into.set(key, [n]);
}

function indexOf<N extends CallerNumber>(numbers: readonly N[]): LocalIndex<N> {
  let index = indexes.get(numbers) as LocalIndex<N> | undefined;
  if (!index) {
    index = { byAreaCode: new Map(), byState: new Map(), byZone: new Map() };
    for (const n of numbers) {
      const where = localityOf(n.number);
      group(index.byAreaCode, where.areaCode, n);
      group(index.byState, where.state, n);
      for (const zone of where.zones) group(index.byZone, zone, n);
    }
    indexes.set(numbers, index);
  }
  return index;
}

/** The numbers closest to a contact's phone: same area code, else same state, else a shared time zone, else all of them. */
function nearestNumbers<N extends CallerNumber>(numbers: readonly N[], phone: string): readonly N[] {
  const index = indexOf(numbers);
  const where = localityOf(phone);
  const sameArea = where.areaCode === null ? undefined : index.byAreaCode.get(where.areaCode);
  if (sameArea) return sameArea;
  const sameState = where.state === null ? undefined : index.byState.get(where.state);
  if (sameState) return sameState;
  const sameZone = new Set(where.zones.flatMap((zone) => index.byZone.get(zone) ?? []));
  return sameZone.size ? [...sameZone] : numbers;
}

/**
 * The caller ID for a contact: its previous number while that is still usable, otherwise weighted
 * rendezvous hashing, so each contact keeps one number, load spreads by weight across all of them,
 * and removing a number moves only its own contacts. With local presence (`localTo`: the contact's
 * phone) the hashing runs only among the numbers nearest to it (nearestNumbers).
 */
export function pickCallerNumber<N extends CallerNumber>(contactId: string, numbers: readonly N[], previousId: string | null, localTo: string | null = null): N | null {
  if (numbers.length <= 1) return numbers[0] ?? null;
  const previous = numbers.find((n) => n.id === previousId);
  if (previous) return previous;
  return rendezvous(contactId, localTo ? nearestNumbers(numbers, localTo) : numbers);
}
