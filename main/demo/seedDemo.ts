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

  const caller = await s.assistants.create(team, {
    name: 'Riley — renewals caller',
    greeting: 'Hi, this is Riley calling from Northwind about your account renewal.',
    prompt: 'You are Riley, a friendly account manager. Confirm the renewal date and offer a call with sales.',
    voicemailMessage: 'Hi, this is Riley from Northwind. Please call us back about your renewal.',
    outboundEnabled: true,
    provider: 'simulator',
  });
  await s.assistants.create(team, {
    name: 'Sam — support line (no numbers yet)',
    greeting: 'Hello, this is Sam from Northwind support.',
    prompt: null,
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
  return true;
}
