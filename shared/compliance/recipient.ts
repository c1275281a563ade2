import { stateOfPostalCode } from './zipStates';
import { stateFromText, US_STATES, type UsState } from './usStates';

/** What is known of where a recipient is. Contacts have no address columns: a state or ZIP comes from custom fields. */
export interface RecipientFacts {
  timezone: string | null;
  /** The zones of the phone number's area code. */
  phoneZones: readonly string[];
  /** The state of the phone number's area code. */
  areaCodeState: UsState | null;
  customFields: Record<string, unknown>;
}

const STATE_KEYS = new Set(['state', 'stateprovince', 'region', 'addressstate']);
const POSTAL_KEYS = new Set(['zip', 'zipcode', 'postal', 'postalcode', 'postcode', 'addresszip', 'addresspostalcode']);

/** The states named by a contact's address fields ("state": "Florida", "zip": "33101"). */
export function addressStates(customFields: Record<string, unknown>): UsState[] {
  const found = new Set<UsState>();
  for (const [key, value] of Object.entries(customFields)) {
    if (typeof value !== 'string' && typeof value !== 'number') continue;
    const name = key.toLowerCase().replace(/[^a-z]/g, '');
    const state = STATE_KEYS.has(name) ? stateFromText(String(value)) : POSTAL_KEYS.has(name) ? stateOfPostalCode(String(value)) : null;
    if (state) found.add(state);
  }
  return [...found];
}

/**
 * The candidate zones and states of a recipient: the contact's own zone, the number's zones and the
 * zones of its address state; the states of the area code and of the address. All of them apply.
 */
export function recipientLocation(facts: RecipientFacts): { zones: string[]; states: UsState[] } {
  const fromAddress = addressStates(facts.customFields);
  const zones = new Set<string>([...(facts.timezone ? [facts.timezone] : []), ...facts.phoneZones]);
  for (const state of fromAddress) for (const zone of US_STATES[state].zones) zones.add(zone);
  const states = new Set<UsState>([...(facts.areaCodeState ? [facts.areaCodeState] : []), ...fromAddress]);
  return { zones: [...zones], states: [...states] };
}
