import { beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core';
import type { Api } from '../../shared/contract/createApi';
import { NO_IDENTITY } from '../../shared/crm/schemas';
import { windowNote } from '../../shared/time/callWindow';
import { testCore } from '../support/core';
import { addTeam, failure, inMemoryApi } from '../support/inMemoryTransport';

let core: Core;
let api: Api;

beforeEach(async () => {
  core = await testCore(() => 1_700_000_000_000);
  api = inMemoryApi(core);
});

describe('a contact is someone', () => {
  it('refuses a contact with no name, phone or email, naming each of those fields', async () => {
    const company = await api.invoke('companies.create', { name: 'Acme' });
    const error = await failure(api.invoke('contacts.create', { companyId: company.id, firstName: '  ', jobTitle: 'CFO' }));
    expect(error.code).toBe('validation');
    expect(error.fields).toEqual({ firstName: NO_IDENTITY, lastName: NO_IDENTITY, phone: NO_IDENTITY, email: NO_IDENTITY });
    expect((await api.invoke('contacts.list', { limit: 10, offset: 0 })).total).toBe(0);
  });

  it('takes any one of them: a name alone, a phone alone, an email alone', async () => {
    const company = await api.invoke('companies.create', { name: 'Acme' });
    await api.invoke('contacts.create', { companyId: company.id, lastName: 'Okafor' });
    await api.invoke('contacts.create', { companyId: company.id, phone: '(212) 555-0101' });
    await api.invoke('contacts.create', { companyId: company.id, email: 'ops@acme.example' });
    expect((await api.invoke('contacts.list', { limit: 10, offset: 0 })).total).toBe(3);
  });

  it('refuses an update that would empty a contact, and keeps it as it was', async () => {
    const company = await api.invoke('companies.create', { name: 'Acme' });
    const contact = await api.invoke('contacts.create', { companyId: company.id, firstName: 'Ava', phone: '(212) 555-0102' });
    const error = await failure(api.invoke('contacts.update', { id: contact.id, firstName: '', phone: null }));
    expect(error.fields).toMatchObject({ firstName: NO_IDENTITY, phone: NO_IDENTITY });
    expect(await api.invoke('contacts.get', { id: contact.id })).toMatchObject({ firstName: 'Ava', phone: '+12125550102' });
    // emptying one field while another identifies the contact is fine
    expect(await api.invoke('contacts.update', { id: contact.id, firstName: '' })).toMatchObject({ firstName: '', phone: '+12125550102' });
  });
});

describe('one company per name', () => {
  it('refuses a second company with the same name in any letter case, naming the first', async () => {
    await api.invoke('companies.create', { name: 'Northwind Logistics' });
    const error = await failure(api.invoke('companies.create', { name: '  northwind LOGISTICS ' }));
    expect(error.fields).toEqual({ name: 'A company named "Northwind Logistics" already exists' });
    expect((await api.invoke('companies.list', { limit: 10, offset: 0 })).total).toBe(1);
  });

  it('refuses a rename onto another company, and allows keeping or re-casing its own name', async () => {
    const a = await api.invoke('companies.create', { name: 'Acme' });
    const b = await api.invoke('companies.create', { name: 'Globex' });
    expect((await failure(api.invoke('companies.update', { id: b.id, name: 'ACME' }))).fields).toEqual({ name: 'A company named "Acme" already exists' });
    expect(await api.invoke('companies.update', { id: a.id, name: 'ACME' })).toMatchObject({ name: 'ACME' });
    expect(await api.invoke('companies.update', { id: b.id, name: 'Globex', industry: 'Everything' })).toMatchObject({ industry: 'Everything' });
  });

  it('lets another team use the same name', async () => {
    await api.invoke('companies.create', { name: 'Acme' });
    const other = inMemoryApi(core, { ctx: addTeam(core) });
    expect(await other.invoke('companies.create', { name: 'Acme' })).toMatchObject({ name: 'Acme' });
  });
});

describe('a website is a web address', () => {
  it.each(['n/a', 'call Bob', 'ftp://files.acme.example', 'http://', 'acme', 'https://exa mple.com'])('refuses %j', async (website) => {
    const error = await failure(api.invoke('companies.create', { name: 'Acme', website }));
    expect(error.fields?.website).toContain('is not a web address');
  });

  it.each(['acme.example', 'https://acme.example/about', 'http://www.acme.co.uk'])('takes %j as typed', async (website) => {
    expect(await api.invoke('companies.create', { name: `Acme ${website}`, website })).toMatchObject({ website });
  });
});

describe('deleting a company', () => {
  it('says before asking which campaign keeps it, and what would go with it otherwise', async () => {
    const company = await api.invoke('companies.create', { name: 'Acme' });
    await api.invoke('contacts.create', { companyId: company.id, firstName: 'Ava', phone: '(212) 555-0103' });
    expect(await api.invoke('companies.deletion', { id: company.id })).toEqual({ contacts: 1, blockedBy: null });

    const assistant = await api.invoke('assistants.create', { name: 'Caller', outboundEnabled: true });
    const number = await api.invoke('phoneNumbers.create', { number: '+12025550111', assistantId: assistant.id, status: 'active' });
    const campaign = await api.invoke('campaigns.create', { name: 'Spring push', assistantId: assistant.id, companyId: company.id, fromNumberIds: [number.id] });
    await api.invoke('campaigns.run', { id: campaign.id, action: 'cancel' });
    const { blockedBy } = await api.invoke('companies.deletion', { id: company.id });
    expect(blockedBy).toContain('The campaign "Spring push" (cancelled)');
    // the delete itself refuses with the same words
    expect((await failure(api.invoke('companies.delete', { id: company.id }))).message).toBe(blockedBy);
  });
});

describe('a call window in words', () => {
  it('says an end before the start runs overnight, and a same start and end is one minute', () => {
    expect(windowNote('17:00', '09:00')).toBe('Runs overnight: calls may start from 17:00 until 09:00 the next morning.');
    expect(windowNote('09:00', '09:00')).toBe('Calls may start only in the minute 09:00.');
    expect(windowNote('09:00', '17:00')).toBeNull();
    expect(windowNote('9', '17:00')).toBeNull();
  });
});
