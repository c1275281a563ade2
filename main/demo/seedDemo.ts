import type { TeamScope } from '../crm/context';
import type { Services } from '../services';

const FIRST = ['Ava', 'Liam', 'Maya', 'Noah', 'Zoe', 'Ethan', 'Chloe', 'Lucas', 'Nora', 'Owen', 'Ivy', 'Caleb', 'Ruby', 'Miles', 'Lena', 'Jonah', 'Hazel', 'Felix', 'Iris', 'Theo'];
const LAST = ['Carter', 'Nguyen', 'Patel', 'Garcia', 'Kim', 'Johnson', 'Okafor', 'Rossi', 'Schmidt', 'Lopez', 'Brooks', 'Chen', 'Dubois', 'Haddad', 'Silva', 'Murphy', 'Tanaka', 'Novak', 'Ali', 'Foster'];
const TITLES = ['VP Sales', 'Head of Operations', 'IT Director', 'Procurement Lead', 'CFO', 'Office Manager', 'Founder', 'RevOps Manager'];
const STATUSES = ['new', 'new', 'new', 'contacted', 'qualified', 'customer', 'unqualified'] as const;
/** Area codes in four US time zones, so local-time dialing has something to show. */
const AREAS = [
  { area: '212', zone: 'America/New_York' },
  { area: '312', zone: 'America/Chicago' },
  { area: '303', zone: 'America/Denver' },
  { area: '415', zone: 'America/Los_Angeles' },
];

/**
 * A second company whose contacts live around the world. Their 09:00–20:00, each in their own time (and so inside
 * legal calling hours), is always open somewhere, so the demo campaign on them shows calls flowing at any hour of
 * the day while the law stays on: in December London covers 09–20 UTC, New York 14–01, Los Angeles 17–04,
 * Honolulu 19–06 and Sydney 22–09 (in June each moves by its own daylight saving and the day is still covered).
 * The numbers are from ranges kept for fiction (555-01xx-style in North America, Ofcom's 020 7946 0xxx, ACMA's
 * 02 5550 xxxx).
 */
const WORLD = [
  { city: 'Honolulu', zone: 'Pacific/Honolulu', phone: (i: number) => `+1808555${String(300 + i).padStart(4, '0')}` },
  { city: 'Los Angeles', zone: 'America/Los_Angeles', phone: (i: number) => `+1213555${String(300 + i).padStart(4, '0')}` },
  { city: 'New York', zone: 'America/New_York', phone: (i: number) => `+1646555${String(300 + i).padStart(4, '0')}` },
  { city: 'London', zone: 'Europe/London', phone: (i: number) => `+4420794602${String(i).padStart(2, '0')}` },
  { city: 'Sydney', zone: 'Australia/Sydney', phone: (i: number) => `+6125550${String(300 + i).padStart(4, '0')}` },
];
const WORLD_FIRST = ['Amelia', 'Kai', 'Priya', 'Mateo', 'Freya', 'Hiro', 'Leilani', 'Oscar'];
const WORLD_LAST = ['Hughes', 'Kealoha', 'Whitfield', 'Moreau', 'Byrne', 'Sato', 'Lindqvist', 'Okonkwo'];
export const DEMO_WORLD_COMPANY = 'Meridian Travel (worldwide demo)';
export const DEMO_WORLD_CAMPAIGN = 'Around the clock (demo)';

/** Fills an empty workspace with believable data; does nothing when it already has companies. */
export async function seedDemo(s: Services, team: TeamScope): Promise<boolean> {
  const existing = await s.companies.list(team, { limit: 1, offset: 0 });
  if (existing.total > 0) return false;

  const company = await s.companies.create(team, {
    name: 'Northwind Logistics',
    website: 'https://northwind.example',
    industry: 'Logistics',
    phone: '+12125550100',
    city: 'New York',
    state: 'NY',
    country: 'US',
    customFields: {},
  });
  const csvLines = ['First Name,Last Name,Phone,Email,Title,Lead Status,Time Zone,DNC'];
  for (let i = 0; i < 200; i++) {
    const first = FIRST[i % FIRST.length];
    const last = LAST[(i * 7 + Math.floor(i / FIRST.length)) % LAST.length];
    const { area, zone } = AREAS[i % AREAS.length];
    const noPhone = i % 25 === 7;
    const phone = noPhone ? '' : `(${area}) 555-${String(100 + i).padStart(4, '0')}`;
    const dnc = i % 17 === 3 ? 'yes' : 'no';
    csvLines.push(
      [first, last, phone, `${first}.${last}${i}@northwind.example`.toLowerCase(), TITLES[i % TITLES.length], STATUSES[i % STATUSES.length], zone, dnc].join(','),
    );
  }
  await s.csvImport.import(team, csvLines.join('\n'), { companyId: company.id });

  // the built-in engine, so the demo's simulated calls have conversations (the simulator stands in for the model:
  // no key, no network); the templates show the variables
  const caller = await s.assistants.create(team, {
    name: 'Riley — renewals caller',
    engine: 'realtime',
    greeting: 'Hi {{firstName|there}}, this is Riley from {{company}}. I am calling about your account renewal. Do you have a minute?',
    prompt:
      'I am calling about the renewal of your {{company}} account. You are Riley, a friendly account manager speaking with {{fullName}} ' +
      '({{jobTitle|role not on file}}, lead status {{leadStatus}}); it is {{localTime}} on {{localDate}} for them. Confirm the renewal date ' +
      'and offer a call with sales. If they are busy, offer to call back; if they want a person, transfer the call.',
    voicemailMessage: 'Hi {{firstName|there}}, this is Riley from {{company}}. Please call us back about your renewal.',
    transferNumber: '+12125550100',
    outboundEnabled: true,
    provider: 'simulator',
    // what the post-call analysis collects (offline for simulated calls), so the monitor's Results has values to count
    collect: [
      { key: 'interest', type: 'enum', description: 'How the contact feels about renewing', options: ['interested', 'not_sure', 'not_interested'], mapTo: null },
      { key: 'wants_sales_call', type: 'boolean', description: 'Agreed to a call with sales', options: [], mapTo: null },
    ],
    successCriterion: 'The contact confirms the renewal or agrees to a call with sales',
  });
  await s.assistants.create(team, {
    name: 'Sam — support line (no numbers yet)',
    engine: 'realtime',
    greeting: 'Hello {{firstName|there}}, this is Sam from {{company}} support.',
    prompt: 'I am following up on your support request with {{company}}. Be brief, and offer a callback when {{firstName|they}} are busy.',
    voicemailMessage: null,
    outboundEnabled: false,
    provider: 'simulator',
  });
  for (const [number, label] of [
    ['+12025550142', 'Main line'],
    ['+13125550143', 'Chicago line'],
  ]) {
    await s.phoneNumbers.create(team, { number, label, provider: 'simulator', status: 'active', assistantId: caller.id, providerConfig: {} });
  }
  await seedAroundTheClock(s, team, caller.id);
  return true;
}

/** The worldwide company and a draft campaign on it that finds someone inside their own daytime at any hour. */
async function seedAroundTheClock(s: Services, team: TeamScope, assistantId: string): Promise<void> {
  const company = await s.companies.create(team, {
    name: DEMO_WORLD_COMPANY,
    website: 'https://meridian.example',
    industry: 'Travel',
    phone: '+442079460100',
    city: 'London',
    state: null,
    country: 'GB',
    customFields: {},
  });
  const csvLines = ['First Name,Last Name,Phone,Email,Title,Lead Status,Time Zone,Notes'];
  for (let i = 0; i < 20; i++) {
    const place = WORLD[i % WORLD.length];
    const first = WORLD_FIRST[i % WORLD_FIRST.length];
    const last = WORLD_LAST[(i * 3 + Math.floor(i / WORLD_FIRST.length)) % WORLD_LAST.length];
    csvLines.push([first, last, place.phone(i), `${first}.${last}${i}@meridian.example`.toLowerCase(), TITLES[i % TITLES.length], 'new', place.zone, `Based in ${place.city}`].join(','));
  }
  await s.csvImport.import(team, csvLines.join('\n'), { companyId: company.id });
  const numbers = await s.phoneNumbers.list(team, { assistantId });
  const campaign = await s.campaigns.create(team, {
    name: DEMO_WORLD_CAMPAIGN,
    description:
      'Contacts in Honolulu, Los Angeles, New York, London and Sydney. At any hour some of them are inside 09:00–20:00 in their own time, and inside legal calling hours, so calls flow whenever you start it.',
    assistantId,
    companyId: company.id,
    fromNumberIds: numbers.map((n) => n.id),
    callWindowStart: '09:00',
    callWindowEnd: '20:00',
    useContactTimezone: true,
    callDays: null,
    maxConcurrentCalls: 3,
  });
  await s.enrolment.enrol(team, { id: campaign.id, audience: { mode: 'all_eligible', companyId: company.id, hasPhoneOnly: true, excludeDnc: true }, priority: 0 });
}
