/**
 * US states (and DC) by USPS code, with the IANA zones their territory spans. The zones are the
 * candidates used when a contact's state is known from its address but not its exact place.
 */
export const US_STATES = {
  AL: { name: 'Alabama', zones: ['America/Chicago'] },
  AK: { name: 'Alaska', zones: ['America/Anchorage'] },
  AZ: { name: 'Arizona', zones: ['America/Phoenix'] },
  AR: { name: 'Arkansas', zones: ['America/Chicago'] },
  CA: { name: 'California', zones: ['America/Los_Angeles'] },
  CO: { name: 'Colorado', zones: ['America/Denver'] },
  CT: { name: 'Connecticut', zones: ['America/New_York'] },
  DE: { name: 'Delaware', zones: ['America/New_York'] },
  DC: { name: 'District of Columbia', zones: ['America/New_York'] },
  FL: { name: 'Florida', zones: ['America/New_York', 'America/Chicago'] },
  GA: { name: 'Georgia', zones: ['America/New_York'] },
  HI: { name: 'Hawaii', zones: ['Pacific/Honolulu'] },
  ID: { name: 'Idaho', zones: ['America/Boise', 'America/Los_Angeles'] },
  IL: { name: 'Illinois', zones: ['America/Chicago'] },
  IN: { name: 'Indiana', zones: ['America/Indiana/Indianapolis', 'America/Chicago'] },
  IA: { name: 'Iowa', zones: ['America/Chicago'] },
  KS: { name: 'Kansas', zones: ['America/Chicago', 'America/Denver'] },
  KY: { name: 'Kentucky', zones: ['America/Kentucky/Louisville', 'America/Chicago'] },
  LA: { name: 'Louisiana', zones: ['America/Chicago'] },
  ME: { name: 'Maine', zones: ['America/New_York'] },
  MD: { name: 'Maryland', zones: ['America/New_York'] },
  MA: { name: 'Massachusetts', zones: ['America/New_York'] },
  MI: { name: 'Michigan', zones: ['America/Detroit', 'America/Menominee'] },
  MN: { name: 'Minnesota', zones: ['America/Chicago'] },
  MS: { name: 'Mississippi', zones: ['America/Chicago'] },
  MO: { name: 'Missouri', zones: ['America/Chicago'] },
  MT: { name: 'Montana', zones: ['America/Denver'] },
  NE: { name: 'Nebraska', zones: ['America/Chicago', 'America/Denver'] },
  NV: { name: 'Nevada', zones: ['America/Los_Angeles'] },
  NH: { name: 'New Hampshire', zones: ['America/New_York'] },
  NJ: { name: 'New Jersey', zones: ['America/New_York'] },
  NM: { name: 'New Mexico', zones: ['America/Denver'] },
  NY: { name: 'New York', zones: ['America/New_York'] },
  NC: { name: 'North Carolina', zones: ['America/New_York'] },
  ND: { name: 'North Dakota', zones: ['America/Chicago', 'America/Denver'] },
  OH: { name: 'Ohio', zones: ['America/New_York'] },
  OK: { name: 'Oklahoma', zones: ['America/Chicago'] },
  OR: { name: 'Oregon', zones: ['America/Los_Angeles', 'America/Boise'] },
  PA: { name: 'Pennsylvania', zones: ['America/New_York'] },
  RI: { name: 'Rhode Island', zones: ['America/New_York'] },
  SC: { name: 'South Carolina', zones: ['America/New_York'] },
  SD: { name: 'South Dakota', zones: ['America/Chicago', 'America/Denver'] },
  TN: { name: 'Tennessee', zones: ['America/Chicago', 'America/New_York'] },
  TX: { name: 'Texas', zones: ['America/Chicago', 'America/Denver'] },
  UT: { name: 'Utah', zones: ['America/Denver'] },
  VT: { name: 'Vermont', zones: ['America/New_York'] },
  VA: { name: 'Virginia', zones: ['America/New_York'] },
  WA: { name: 'Washington', zones: ['America/Los_Angeles'] },
  WV: { name: 'West Virginia', zones: ['America/New_York'] },
  WI: { name: 'Wisconsin', zones: ['America/Chicago'] },
  WY: { name: 'Wyoming', zones: ['America/Denver'] },
} as const satisfies Record<string, { name: string; zones: readonly string[] }>;

export type UsState = keyof typeof US_STATES;

/** Spellings the phone-number geocoder uses besides a state's own name. */
const NAME_ALIASES: Record<string, UsState> = { 'washington d.c.': 'DC', 'washington state': 'WA' };

const BY_NAME = new Map<string, UsState>([
  ...Object.entries(US_STATES).map(([code, { name }]) => [name.toLowerCase(), code as UsState] as const),
  ...Object.entries(NAME_ALIASES),
]);

export function isUsState(text: string): text is UsState {
  return Object.hasOwn(US_STATES, text);
}

/**
 * A state from how people and the geocoder write it: "FL", "fl", "Florida", "Miami, FL",
 * "Washington D.C."; null for anything else (a Canadian province, a Caribbean island).
 */
export function stateFromText(text: string): UsState | null {
  const trimmed = text.trim();
  const code = trimmed.toUpperCase();
  if (isUsState(code)) return code;
  const byName = BY_NAME.get(trimmed.toLowerCase());
  if (byName) return byName;
  const tail = /,\s*([A-Za-z]{2})$/.exec(trimmed)?.[1].toUpperCase();
  return tail && isUsState(tail) ? tail : null;
}
