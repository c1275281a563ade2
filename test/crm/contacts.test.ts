import { beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core';
import type { Api } from '../../shared/contract/createApi';
import { ineligibleReason, isEligibleToCall } from '../../shared/crm/eligibility';
import { contactInput } from '../../shared/crm/schemas';
import type { Company, Contact } from '../../shared/crm/types';
import { LEAD_STATUSES } from '../../shared/crm/leadStatus';
import { AppError } from '../../shared/errors';
import { parseInput } from '../../shared/validation';
import { testCore } from '../support/core';
import { addTeam, failure, inMemoryApi } from '../support/inMemoryTransport';

let clock = 1_700_000_000_000;
let core: Core;
let api: Api;
let acme: Company;
let globex: Company;

beforeEach(async () => {
  clock = 1_700_000_000_000;
  core = await testCore(() => clock);
  api = inMemoryApi(core);
  acme = await api.invoke('companies.create', { name: 'Acme' });
  globex = await api.invoke('companies.create', { name: 'Globex' });
});

const ids = (items: { id: string }[]) => items.map((c) => c.id).sort();

describe('contacts: create', () => {
  it('stores a contact with defaults and an E.164 phone', async () => {
    const contact = await api.invoke('contacts.create', {
      companyId: acme.id,
      firstName: ' Ada ',
      lastName: 'Lovelace',
      phone: '(202) 555-0123',
      phoneSecondary: '212.555.0199',
      email: '  ada@example.com ',
    });
    expect(contact).toEqual({
      id: expect.stringMatching(/^cnt_[0-9a-z]{14}$/),
      teamId: 'team_default',
      companyId: acme.id,
      firstName: 'Ada',
      lastName: 'Lovelace',
      phone: '+12025550123',
      phoneSecondary: '+12125550199',
      email: 'ada@example.com',
      jobTitle: null,
      leadStatus: 'new',
      source: null,
      timezone: null,
      doNotCall: false,
      notes: null,
      tags: [],
      customFields: {},
      dncList: null,
      eligible: true,
      createdAt: new Date(clock).toISOString(),
      updatedAt: new Date(clock).toISOString(),
    });
    expect(await api.invoke('contacts.get', { id: contact.id })).toEqual(contact);
  });

  it('keeps every field it is given', async () => {
    const contact = await api.invoke('contacts.create', {
      companyId: acme.id,
      firstName: 'Grace',
      lastName: 'Hopper',
      phone: '+44 20 7946 0958',
      jobTitle: 'Rear Admiral',
      leadStatus: 'qualified',
      source: 'conference',
      timezone: 'Europe/London',
      doNotCall: 'yes',
      notes: 'Prefers mornings',
      tags: [' navy ', 'cobol'],
      customFields: { badge: '42' },
    });
    expect(contact).toMatchObject({
      phone: '+442079460958',
      jobTitle: 'Rear Admiral',
      leadStatus: 'qualified',
      source: 'conference',
      timezone: 'Europe/London',
      doNotCall: true,
      notes: 'Prefers mornings',
      tags: ['navy', 'cobol'],
      customFields: { badge: '42' },
      eligible: false,
    });
  });

  it('validates through the shared schema: the phone is normalised to E.164', () => {
    const parsed = parseInput(contactInput, { companyId: acme.id, phone: '(202) 555-0123' });
    expect(parsed.phone).toBe('+12025550123');
    expect(parsed.leadStatus).toBe('new');
    expect(parsed.doNotCall).toBe(false);
    expect(() => parseInput(contactInput, { companyId: acme.id, phone: '12' })).toThrow(AppError);
  });

  it('refuses an invalid phone with a validation error naming phone', async () => {
    for (const phone of ['12345', 'call me', '+1 202 555 01234567', '555-0123']) {
      const error = await failure(api.invoke('contacts.create', { companyId: acme.id, phone }));
      expect(error).toBeInstanceOf(AppError);
      expect(error.code).toBe('validation');
      expect(Object.keys(error.fields!)).toEqual(['phone']);
      expect(error.fields!.phone).toContain(phone);
    }
    expect((await api.invoke('contacts.list', {})).total).toBe(0);
  });

  it('names every bad field at once', async () => {
    const error = await failure(
      api.invoke('contacts.create', {
        companyId: acme.id,
        phone: 'abc',
        phoneSecondary: '999',
        email: 'not-an-email',
        leadStatus: 'hot' as 'new',
        timezone: 'Mars/Olympus_Mons',
        doNotCall: 'maybe',
        tags: ['ok', ''],
      }),
    );
    expect(error.code).toBe('validation');
    expect(Object.keys(error.fields!).sort()).toEqual([
      'doNotCall',
      'email',
      'leadStatus',
      'phone',
      'phoneSecondary',
      'tags.1',
      'timezone',
    ]);
    expect(error.fields!.email).toBe('Not a valid email address');
    expect(error.fields!.leadStatus).toMatch(/Must be one of new, contacted/);
    expect(error.fields!.timezone).toContain('Mars/Olympus_Mons');
  });

  it('needs a company that exists in the caller’s team', async () => {
    const missing = await failure(api.invoke('contacts.create', { firstName: 'A' } as unknown as { companyId: string }));
    expect(missing.code).toBe('validation');
    expect(Object.keys(missing.fields!)).toEqual(['companyId']);

    const unknown = await failure(api.invoke('contacts.create', { companyId: 'cmp_nope', firstName: 'A' }));
    expect(unknown.code).toBe('validation');
    expect(unknown.fields).toEqual({ companyId: 'Company cmp_nope does not exist' });

    const other = addTeam(core);
    const theirs = await inMemoryApi(core, { ctx: other }).invoke('companies.create', { name: 'Theirs' });
    const foreign = await failure(api.invoke('contacts.create', { companyId: theirs.id, firstName: 'A' }));
    expect(foreign.code).toBe('validation');
    expect(Object.keys(foreign.fields!)).toEqual(['companyId']);
    expect((await api.invoke('contacts.list', {})).total).toBe(0);
  });

  it('refuses a phone already used in the same company, in any format, but allows it in another company', async () => {
    await api.invoke('contacts.create', { companyId: acme.id, firstName: 'First', phone: '(202) 555-0123' });
    const error = await failure(api.invoke('contacts.create', { companyId: acme.id, firstName: 'Second', phone: '+1 202-555-0123' }));
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('validation');
    expect(Object.keys(error.fields!)).toEqual(['phone']);
    expect(error.fields!.phone).toMatch(/already has this phone number/);

    const elsewhere = await api.invoke('contacts.create', { companyId: globex.id, firstName: 'Second', phone: '2025550123' });
    expect(elsewhere.phone).toBe('+12025550123');
    // contacts without a phone never collide
    await api.invoke('contacts.create', { companyId: acme.id, firstName: 'No phone 1' });
    await api.invoke('contacts.create', { companyId: acme.id, firstName: 'No phone 2', phone: '' });
    expect((await api.invoke('contacts.list', { companyId: acme.id })).total).toBe(3);
  });

  it('announces the change', async () => {
    const seen: unknown[] = [];
    api.on('crm.changed', (e) => seen.push(e));
    await api.invoke('contacts.create', { companyId: acme.id, firstName: 'Ada' });
    expect(seen).toEqual([{ entity: 'contact' }]);
  });
});

describe('contacts: search', () => {
  let ada: Contact;
  let grace: Contact;
  let alan: Contact;
  let edsger: Contact;
  let bo: Contact;

  beforeEach(async () => {
    ada = await api.invoke('contacts.create', {
      companyId: acme.id,
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'countess@analytical.org',
      phone: '(212) 555-0101',
    });
    grace = await api.invoke('contacts.create', {
      companyId: acme.id,
      firstName: 'Grace',
      lastName: 'Hopper',
      email: 'grace.hopper@navy.mil',
      phone: '+1 212 555 0102',
    });
    alan = await api.invoke('contacts.create', {
      companyId: globex.id,
      firstName: 'Alan',
      lastName: 'Turing',
      email: 'alan@bletchley.uk',
      phone: '202-555-0123',
    });
    edsger = await api.invoke('contacts.create', { companyId: globex.id, firstName: 'Edsger', lastName: 'Dijkstra' });
    bo = await api.invoke('contacts.create', { companyId: globex.id, firstName: 'Bo', lastName: 'Li', email: 'bo@qz.io' });
  });

  const search = async (text: string, extra: Record<string, unknown> = {}) =>
    ids((await api.invoke('contacts.list', { search: text, ...extra })).items);

  it('finds a name substring case-insensitively, across first and last name', async () => {
    expect(await search('LOVELACE')).toEqual(ids([ada]));
    expect(await search('lovel')).toEqual(ids([ada]));
    expect(await search('ace')).toEqual(ids([ada, grace]));
    expect(await search('Ada Love')).toEqual(ids([ada]));
    expect(await search('ijkst')).toEqual(ids([edsger]));
    expect(await search('  turing  ')).toEqual(ids([alan]));
    expect(await search('nobody here')).toEqual([]);
  });

  it('finds an email substring', async () => {
    expect(await search('navy.mil')).toEqual(ids([grace]));
    expect(await search('@ANALYTICAL')).toEqual(ids([ada]));
    expect(await search('bletchley.uk')).toEqual(ids([alan]));
  });

  it('finds phone digits typed in any format', async () => {
    expect(await search('(212) 555')).toEqual(ids([ada, grace]));
    expect(await search('212555')).toEqual(ids([ada, grace]));
    expect(await search('212-555-0102')).toEqual(ids([grace]));
    expect(await search('+1 (202) 555-0123')).toEqual(ids([alan]));
    expect(await search('0123')).toEqual(ids([alan]));
    expect(await search('555.01')).toEqual(ids([ada, grace, alan]));
    expect(await search('999')).toEqual([]);
  });

  it('handles 1- and 2-character searches', async () => {
    expect(await search('Bo')).toEqual(ids([bo]));
    expect(await search('li')).toEqual(ids([bo]));
    expect(await search('qz')).toEqual(ids([bo]));
    expect(await search('Ed')).toEqual(ids([edsger]));
    expect(await search('z')).toEqual(ids([bo]));
    expect(await search('y')).toEqual(ids([ada, grace, alan]));
    expect(await search('01')).toEqual(ids([ada, grace, alan]));
    expect(await search('23')).toEqual(ids([alan]));
    expect(await search('7')).toEqual([]);
  });

  it('treats search text as plain text, not query syntax', async () => {
    expect(await search('"')).toEqual([]);
    expect(await search('a"b')).toEqual([]);
    expect(await search('lov*')).toEqual([]);
    expect(await search('ada OR alan')).toEqual([]);
    expect(await search('NEAR(ada)')).toEqual([]);
    expect(await search('%')).toEqual([]);
    expect(await search('_')).toEqual([]);
  });

  it('combines a search with the other filters', async () => {
    expect(await search('a', { companyId: acme.id })).toEqual(ids([ada, grace]));
    expect(await search('555', { companyId: globex.id })).toEqual(ids([alan]));
    expect(await search('bo', { hasPhone: true })).toEqual([]);
  });

  it('searches only the caller’s team', async () => {
    const other = addTeam(core);
    const theirApi = inMemoryApi(core, { ctx: other });
    const theirs = await theirApi.invoke('companies.create', { name: 'Theirs' });
    const twin = await theirApi.invoke('contacts.create', { companyId: theirs.id, firstName: 'Ada', lastName: 'Lovelace', phone: '(212) 555-0101' });
    for (const text of ['lovelace', '212555', 'Ad', '01']) {
      expect(ids((await theirApi.invoke('contacts.list', { search: text })).items)).toEqual([twin.id]);
    }
    expect(await search('lovelace')).toEqual(ids([ada]));
  });
});

describe('contacts: filters and paging', () => {
  it('filters by company, lead status, phone, do-not-call and eligibility', async () => {
    const make = (companyId: string, values: Record<string, unknown>) =>
      api.invoke('contacts.create', { companyId, ...values } as Parameters<typeof api.invoke<'contacts.create'>>[1]);
    const callable = await make(acme.id, { phone: '2125550101' });
    const noPhone = await make(acme.id, { firstName: 'No phone' });
    const dnc = await make(acme.id, { phone: '2125550102', doNotCall: true });
    const dontContact = await make(globex.id, { phone: '2125550103', leadStatus: 'do_not_contact' });
    const qualified = await make(globex.id, { phone: '2125550104', leadStatus: 'qualified' });
    const list = async (query: Record<string, unknown>) => {
      const page = await api.invoke('contacts.list', query);
      expect(page.total).toBe(page.items.length);
      return ids(page.items);
    };

    expect(await list({})).toEqual(ids([callable, noPhone, dnc, dontContact, qualified]));
    expect(await list({ companyId: acme.id })).toEqual(ids([callable, noPhone, dnc]));
    expect(await list({ companyId: globex.id })).toEqual(ids([dontContact, qualified]));
    expect(await list({ companyId: 'cmp_nope' })).toEqual([]);
    expect(await list({ leadStatus: 'qualified' })).toEqual(ids([qualified]));
    expect(await list({ leadStatus: 'new' })).toEqual(ids([callable, noPhone, dnc]));
    expect(await list({ hasPhone: true })).toEqual(ids([callable, dnc, dontContact, qualified]));
    expect(await list({ hasPhone: false })).toEqual(ids([callable, noPhone, dnc, dontContact, qualified]));
    // every do-not-call case: the flag and the do_not_contact lead status alike
    expect(await list({ excludeDnc: true })).toEqual(ids([callable, noPhone, qualified]));
    expect(await list({ eligibleOnly: true })).toEqual(ids([callable, qualified]));
    expect(await list({ eligibleOnly: true, companyId: acme.id })).toEqual(ids([callable]));
    expect(await list({ hasPhone: true, excludeDnc: true, leadStatus: 'do_not_contact' })).toEqual([]);
    expect(await list({ hasPhone: true, leadStatus: 'do_not_contact' })).toEqual(ids([dontContact]));

    const bad = await failure(api.invoke('contacts.list', { leadStatus: 'hot' as 'new', hasPhone: 'yes' as unknown as boolean }));
    expect(bad.code).toBe('validation');
    expect(Object.keys(bad.fields!).sort()).toEqual(['hasPhone', 'leadStatus']);
  });

  it('pages newest first with limit, offset and an exact total', async () => {
    const created: Contact[] = [];
    for (let i = 0; i < 12; i++) {
      created.push(await api.invoke('contacts.create', { companyId: acme.id, firstName: `Person ${i}`, phone: `212555${String(i).padStart(4, '0')}` }));
    }
    const newestFirst = [...created].reverse().map((c) => c.id);
    const first = await api.invoke('contacts.list', { limit: 5 });
    const second = await api.invoke('contacts.list', { limit: 5, offset: 5 });
    const third = await api.invoke('contacts.list', { limit: 5, offset: 10 });
    const beyond = await api.invoke('contacts.list', { limit: 5, offset: 12 });
    expect(first.items.map((c) => c.id)).toEqual(newestFirst.slice(0, 5));
    expect(second.items.map((c) => c.id)).toEqual(newestFirst.slice(5, 10));
    expect(third.items.map((c) => c.id)).toEqual(newestFirst.slice(10));
    expect(beyond.items).toEqual([]);
    for (const page of [first, second, third, beyond]) {
      expect(page.total).toBe(12);
      expect(page.totalIsCapped).toBe(false);
      expect(page.limit).toBe(5);
    }
    expect(second.offset).toBe(5);
    const defaults = await api.invoke('contacts.list', {});
    expect(defaults).toMatchObject({ limit: 50, offset: 0, total: 12 });
    const searched = await api.invoke('contacts.list', { search: 'person 1', limit: 2 });
    expect(searched.items).toHaveLength(2);
    expect(searched.total).toBe(3); // Person 1, 10, 11

    const error = await failure(api.invoke('contacts.list', { limit: 501, offset: -1 }));
    expect(Object.keys(error.fields!).sort()).toEqual(['limit', 'offset']);
  });
});

describe('contacts: eligibility', () => {
  it('is callable only with a phone, without do-not-call and not marked do_not_contact', async () => {
    const ok = await api.invoke('contacts.create', { companyId: acme.id, phone: '2125550101' });
    const noPhone = await api.invoke('contacts.create', { companyId: acme.id, firstName: 'No phone' });
    const dnc = await api.invoke('contacts.create', { companyId: acme.id, phone: '2125550102', doNotCall: true });
    const dontContact = await api.invoke('contacts.create', { companyId: acme.id, phone: '2125550103', leadStatus: 'do_not_contact' });
    expect([ok, noPhone, dnc, dontContact].map((c) => c.eligible)).toEqual([true, false, false, false]);
    expect([ok, noPhone, dnc, dontContact].map(ineligibleReason)).toEqual([null, 'no_phone', 'do_not_call', 'do_not_contact']);
    // the first reason wins
    expect(ineligibleReason({ phone: null, doNotCall: true, leadStatus: 'do_not_contact', dncList: null })).toBe('no_phone');
    expect(ineligibleReason({ phone: '+12125550101', doNotCall: true, leadStatus: 'do_not_contact', dncList: 'Registry' })).toBe('do_not_call');
  });

  it('gives the same answer in SQL (eligibleOnly) as in TypeScript over every combination', async () => {
    let n = 0;
    const all: Contact[] = [];
    for (const phone of [null, 'phone'] as const) {
      for (const doNotCall of [false, true]) {
        for (const leadStatus of LEAD_STATUSES) {
          n++;
          all.push(
            await api.invoke('contacts.create', {
              companyId: acme.id,
              firstName: `${phone ?? 'none'} ${doNotCall} ${leadStatus}`,
              phone: phone ? `212555${String(n).padStart(4, '0')}` : null,
              doNotCall,
              leadStatus,
            }),
          );
        }
      }
    }
    expect(all).toHaveLength(2 * 2 * LEAD_STATUSES.length);
    const byTs = all.filter((c) => isEligibleToCall(c));
    expect(byTs).toHaveLength(LEAD_STATUSES.length - 1);
    for (const c of all) expect(c.eligible).toBe(isEligibleToCall(c));

    const bySql = await api.invoke('contacts.list', { eligibleOnly: true, limit: 500 });
    expect(ids(bySql.items)).toEqual(ids(byTs));
    expect(bySql.total).toBe(byTs.length);

    // the two rules still agree after edits flip contacts either way
    await api.invoke('contacts.update', { id: byTs[0].id, doNotCall: true });
    await api.invoke('contacts.update', { id: byTs[1].id, phone: null });
    await api.invoke('contacts.update', { id: byTs[2].id, leadStatus: 'do_not_contact' });
    const revived = all.find((c) => c.phone && c.doNotCall && c.leadStatus === 'customer')!;
    await api.invoke('contacts.update', { id: revived.id, doNotCall: false });
    const now = (await api.invoke('contacts.list', { limit: 500 })).items;
    const expected = now.filter((c) => isEligibleToCall(c));
    expect(ids(expected)).toContain(revived.id);
    expect(ids((await api.invoke('contacts.list', { eligibleOnly: true, limit: 500 })).items)).toEqual(ids(expected));
    expect(expected).toHaveLength(LEAD_STATUSES.length - 1 - 3 + 1);
  });
});

describe('contacts: update', () => {
  const full = () =>
    api.invoke('contacts.create', {
      companyId: acme.id,
      firstName: 'Grace',
      lastName: 'Hopper',
      phone: '2125550102',
      phoneSecondary: '2125550199',
      email: 'grace@navy.mil',
      jobTitle: 'Admiral',
      leadStatus: 'qualified',
      source: 'conference',
      timezone: 'America/New_York',
      doNotCall: true,
      notes: 'Call after 10',
      tags: ['navy'],
      customFields: { badge: '42' },
    });

  it('changes only the fields sent (defaults are not re-applied)', async () => {
    const before = await full();
    clock += 1000;
    const after = await api.invoke('contacts.update', { id: before.id, notes: 'Met at the conference' });
    expect(after).toEqual({ ...before, notes: 'Met at the conference', updatedAt: new Date(clock).toISOString() });
    expect(await api.invoke('contacts.get', { id: before.id })).toEqual(after);
  });

  it('updates several fields, normalising and clearing them', async () => {
    const before = await full();
    const after = await api.invoke('contacts.update', {
      id: before.id,
      phone: '(646) 555-0100',
      email: '',
      leadStatus: 'customer',
      doNotCall: 'no',
      tags: [],
      timezone: null,
    });
    expect(after).toEqual({
      ...before,
      phone: '+16465550100',
      email: null,
      leadStatus: 'customer',
      doNotCall: false,
      tags: [],
      timezone: null,
      eligible: true,
    });
    const cleared = await api.invoke('contacts.update', { id: before.id, phone: null });
    expect(cleared).toMatchObject({ phone: null, eligible: false });
  });

  it('keeps the search index in step with edits', async () => {
    const c = await full();
    await api.invoke('contacts.update', { id: c.id, lastName: 'Murray', phone: '3125550100' });
    const find = async (search: string) => ids((await api.invoke('contacts.list', { search })).items);
    expect(await find('hopper')).toEqual([]);
    expect(await find('murray')).toEqual([c.id]);
    expect(await find('212555')).toEqual([]);
    expect(await find('(312) 555')).toEqual([c.id]);
  });

  it('does not move a contact to another company', async () => {
    const c = await full();
    const after = await api.invoke('contacts.update', { id: c.id, companyId: globex.id, firstName: 'G' } as { id: string });
    expect(after.companyId).toBe(acme.id);
    expect(after.firstName).toBe('G');
  });

  it('validates the fields sent and changes nothing when one is bad', async () => {
    const c = await full();
    const error = await failure(api.invoke('contacts.update', { id: c.id, firstName: 'X', email: 'nope', phone: '1' }));
    expect(error.code).toBe('validation');
    expect(Object.keys(error.fields!).sort()).toEqual(['email', 'phone']);
    expect(await api.invoke('contacts.get', { id: c.id })).toEqual(c);
  });

  it('refuses a phone another contact of the company has', async () => {
    const c = await full();
    const other = await api.invoke('contacts.create', { companyId: acme.id, firstName: 'Other', phone: '2125550111' });
    const error = await failure(api.invoke('contacts.update', { id: other.id, phone: '+1 212 555 0102' }));
    expect(error.code).toBe('validation');
    expect(Object.keys(error.fields!)).toEqual(['phone']);
    expect((await api.invoke('contacts.get', { id: other.id })).phone).toBe('+12125550111');
    // re-saving its own phone is fine
    expect((await api.invoke('contacts.update', { id: c.id, phone: '212-555-0102' })).phone).toBe('+12125550102');
  });
});

describe('contacts: get, delete and not_found', () => {
  it('deletes a contact', async () => {
    const c = await api.invoke('contacts.create', { companyId: acme.id, firstName: 'Ada', phone: '2125550101' });
    expect(await api.invoke('contacts.delete', { id: c.id })).toEqual({ id: c.id });
    expect((await failure(api.invoke('contacts.get', { id: c.id }))).code).toBe('not_found');
    expect((await api.invoke('contacts.list', { search: 'ada' })).total).toBe(0);
    expect((await api.invoke('companies.get', { id: acme.id })).contactCount).toBe(0);
    // its phone is free again
    await api.invoke('contacts.create', { companyId: acme.id, firstName: 'Ada again', phone: '2125550101' });
  });

  it('reports unknown ids as not_found', async () => {
    for (const call of [
      api.invoke('contacts.get', { id: 'cnt_nope' }),
      api.invoke('contacts.update', { id: 'cnt_nope', firstName: 'X' }),
      api.invoke('contacts.delete', { id: 'cnt_nope' }),
    ]) {
      const error = await failure(call);
      expect(error).toBeInstanceOf(AppError);
      expect(error.code).toBe('not_found');
      expect(error.message).toContain('cnt_nope');
    }
  });

  it('hides another team’s contacts from get, list, update and delete', async () => {
    const mine = await api.invoke('contacts.create', { companyId: acme.id, firstName: 'Ada', phone: '2125550101' });
    const other = addTeam(core);
    const theirApi = inMemoryApi(core, { ctx: other });
    expect((await theirApi.invoke('contacts.list', {})).total).toBe(0);
    expect((await theirApi.invoke('contacts.list', { companyId: acme.id })).total).toBe(0);
    expect((await theirApi.invoke('contacts.list', { eligibleOnly: true })).total).toBe(0);
    expect((await failure(theirApi.invoke('contacts.get', { id: mine.id }))).code).toBe('not_found');
    expect((await failure(theirApi.invoke('contacts.update', { id: mine.id, firstName: 'Hacked' }))).code).toBe('not_found');
    expect((await failure(theirApi.invoke('contacts.delete', { id: mine.id }))).code).toBe('not_found');
    const error = await failure(theirApi.invoke('contacts.create', { companyId: acme.id, firstName: 'Intruder' }));
    expect(Object.keys(error.fields!)).toEqual(['companyId']);
    expect(await api.invoke('contacts.get', { id: mine.id })).toEqual(mine);
    expect((await api.invoke('companies.get', { id: acme.id })).contactCount).toBe(1);
  });
});
