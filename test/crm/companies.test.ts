import { beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core';
import type { Api } from '../../shared/contract/createApi';
import { companyInput } from '../../shared/crm/schemas';
import { AppError } from '../../shared/errors';
import { parseInput } from '../../shared/validation';
import { testCore } from '../support/core';
import { addTeam, failure, inMemoryApi } from '../support/inMemoryTransport';

let clock = 1_700_000_000_000;
let core: Core;
let api: Api;

beforeEach(async () => {
  clock = 1_700_000_000_000;
  core = await testCore(() => clock);
  api = inMemoryApi(core);
});

describe('companies: create', () => {
  it('stores a company with trimmed text, normalised phone and custom fields', async () => {
    const company = await api.invoke('companies.create', {
      name: '  Acme Corp  ',
      website: ' acme.example ',
      industry: '',
      phone: '(202) 555-0123',
      city: 'Washington',
      customFields: { tier: 'gold' },
    });
    expect(company).toEqual({
      id: expect.stringMatching(/^cmp_[0-9a-z]{14}$/),
      teamId: 'team_default',
      name: 'Acme Corp',
      website: 'acme.example',
      industry: null,
      phone: '+12025550123',
      city: 'Washington',
      state: null,
      country: null,
      customFields: { tier: 'gold' },
      contactCount: 0,
      createdAt: new Date(clock).toISOString(),
      updatedAt: new Date(clock).toISOString(),
    });
    expect(await api.invoke('companies.get', { id: company.id })).toEqual(company);
  });

  it('validates through the shared schema the same way the handler does', () => {
    expect(parseInput(companyInput, { name: 'X', phone: '202.555.0123' }).phone).toBe('+12025550123');
    const error = (() => {
      try {
        parseInput(companyInput, { name: ' ' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).fields).toEqual({ name: 'Company name is required' });
  });

  it('requires a name', async () => {
    for (const payload of [{}, { name: '' }, { name: '   ' }]) {
      const error = await failure(api.invoke('companies.create', payload as { name: string }));
      expect(error).toBeInstanceOf(AppError);
      expect(error.code).toBe('validation');
      expect(error.fields).toEqual({ name: 'Company name is required' });
    }
  });

  it('refuses an invalid phone, naming the field', async () => {
    const error = await failure(api.invoke('companies.create', { name: 'Acme', phone: '555-01' }));
    expect(error.code).toBe('validation');
    expect(Object.keys(error.fields!)).toEqual(['phone']);
    expect(error.fields!.phone).toContain('555-01');
  });

  it('names every bad field at once', async () => {
    const error = await failure(
      api.invoke('companies.create', {
        name: '',
        phone: 'call me',
        website: 'w'.repeat(501),
        customFields: { size: 12 as unknown as string },
      }),
    );
    expect(error.code).toBe('validation');
    expect(Object.keys(error.fields!).sort()).toEqual(['customFields.size', 'name', 'phone', 'website']);
    expect(error.message).toMatch(/name/);
    expect((await api.invoke('companies.list', {})).total).toBe(0);
  });

  it('announces the change', async () => {
    const seen: unknown[] = [];
    api.on('crm.changed', (e) => seen.push(e));
    await api.invoke('companies.create', { name: 'Acme' });
    await failure(api.invoke('companies.create', { name: '' }));
    expect(seen).toEqual([{ entity: 'company' }]);
  });
});

describe('companies: list', () => {
  beforeEach(async () => {
    for (const name of ['Globex', 'Acme', 'Initech', 'Umbrella 50% off', 'Umbrella 500', 'Hooli_Labs', 'Hooli Labs']) {
      await api.invoke('companies.create', { name });
    }
  });

  it('sorts by name and counts the total', async () => {
    const page = await api.invoke('companies.list', {});
    expect(page.items.map((c) => c.name)).toEqual([
      'Acme',
      'Globex',
      'Hooli Labs',
      'Hooli_Labs',
      'Initech',
      'Umbrella 50% off',
      'Umbrella 500',
    ]);
    expect(page).toMatchObject({ total: 7, totalIsCapped: false, limit: 50, offset: 0 });
  });

  it('searches names case-insensitively by substring', async () => {
    const names = async (search: string) => (await api.invoke('companies.list', { search })).items.map((c) => c.name);
    expect(await names('ACME')).toEqual(['Acme']);
    expect(await names('acme')).toEqual(['Acme']);
    expect(await names('gLoB')).toEqual(['Globex']);
    expect(await names('tech')).toEqual(['Initech']);
    expect(await names('  umbrella ')).toEqual(['Umbrella 50% off', 'Umbrella 500']);
    expect(await names('nothing like it')).toEqual([]);
  });

  it('treats % and _ in a search as plain characters', async () => {
    const names = async (search: string) => (await api.invoke('companies.list', { search })).items.map((c) => c.name);
    expect(await names('50%')).toEqual(['Umbrella 50% off']);
    expect(await names('i_L')).toEqual(['Hooli_Labs']);
    expect(await names('%')).toEqual(['Umbrella 50% off']);
  });

  it('pages with limit and offset, keeping the total', async () => {
    const first = await api.invoke('companies.list', { limit: 3 });
    const second = await api.invoke('companies.list', { limit: 3, offset: 3 });
    const last = await api.invoke('companies.list', { limit: 3, offset: 6 });
    const beyond = await api.invoke('companies.list', { limit: 3, offset: 50 });
    expect(first.items.map((c) => c.name)).toEqual(['Acme', 'Globex', 'Hooli Labs']);
    expect(second.items.map((c) => c.name)).toEqual(['Hooli_Labs', 'Initech', 'Umbrella 50% off']);
    expect(last.items.map((c) => c.name)).toEqual(['Umbrella 500']);
    expect(beyond.items).toEqual([]);
    for (const page of [first, second, last, beyond]) expect(page.total).toBe(7);
    expect(second).toMatchObject({ limit: 3, offset: 3 });
    const filtered = await api.invoke('companies.list', { search: 'umbrella', limit: 1 });
    expect(filtered.items).toHaveLength(1);
    expect(filtered.total).toBe(2);
  });

  it('refuses out-of-range paging', async () => {
    const error = await failure(api.invoke('companies.list', { limit: 0, offset: -1 }));
    expect(error.code).toBe('validation');
    expect(Object.keys(error.fields!).sort()).toEqual(['limit', 'offset']);
    expect((await failure(api.invoke('companies.list', { limit: 501 }))).fields).toHaveProperty('limit');
  });

  it('counts each company’s contacts', async () => {
    const [acme, globex] = (await api.invoke('companies.list', { limit: 2 })).items;
    await api.invoke('contacts.create', { companyId: acme.id, firstName: 'A' });
    await api.invoke('contacts.create', { companyId: acme.id, firstName: 'B' });
    await api.invoke('contacts.create', { companyId: globex.id, firstName: 'C' });
    const counts = (await api.invoke('companies.list', { limit: 2 })).items.map((c) => [c.name, c.contactCount]);
    expect(counts).toEqual([
      ['Acme', 2],
      ['Globex', 1],
    ]);
    expect((await api.invoke('companies.get', { id: acme.id })).contactCount).toBe(2);
  });
});

describe('companies: update', () => {
  it('changes only the fields sent', async () => {
    const created = await api.invoke('companies.create', {
      name: 'Acme',
      website: 'acme.example',
      phone: '2025550123',
      city: 'Washington',
      country: 'US',
      customFields: { tier: 'gold' },
    });
    clock += 60_000;
    const updated = await api.invoke('companies.update', { id: created.id, city: 'Paris' });
    expect(updated).toEqual({ ...created, city: 'Paris', updatedAt: new Date(clock).toISOString() });
    expect(await api.invoke('companies.get', { id: created.id })).toEqual(updated);
  });

  it('clears a field sent as null or empty, normalises a new phone', async () => {
    const created = await api.invoke('companies.create', { name: 'Acme', website: 'acme.example', industry: 'Anvils' });
    const updated = await api.invoke('companies.update', { id: created.id, website: null, industry: '', phone: '+1 (212) 555-0199' });
    expect(updated).toMatchObject({ name: 'Acme', website: null, industry: null, phone: '+12125550199' });
  });

  it('validates the fields sent and changes nothing when one is bad', async () => {
    const created = await api.invoke('companies.create', { name: 'Acme', city: 'Washington' });
    const error = await failure(api.invoke('companies.update', { id: created.id, name: ' ', city: 'Paris', phone: 'nope' }));
    expect(error.code).toBe('validation');
    expect(Object.keys(error.fields!).sort()).toEqual(['name', 'phone']);
    expect(await api.invoke('companies.get', { id: created.id })).toEqual(created);
  });

  it('needs an id', async () => {
    const error = await failure(api.invoke('companies.update', { name: 'X' } as unknown as { id: string }));
    expect(error.code).toBe('validation');
    expect(error.fields).toHaveProperty('id');
  });
});

describe('companies: get and delete', () => {
  it('reports an unknown company as not_found', async () => {
    for (const call of [
      api.invoke('companies.get', { id: 'cmp_nope' }),
      api.invoke('companies.update', { id: 'cmp_nope', name: 'X' }),
      api.invoke('companies.delete', { id: 'cmp_nope' }),
    ]) {
      const error = await failure(call);
      expect(error).toBeInstanceOf(AppError);
      expect(error.code).toBe('not_found');
      expect(error.message).toContain('cmp_nope');
    }
  });

  it('deletes a company with its contacts, which no longer turn up in searches', async () => {
    const acme = await api.invoke('companies.create', { name: 'Acme' });
    const other = await api.invoke('companies.create', { name: 'Other' });
    const ada = await api.invoke('contacts.create', { companyId: acme.id, firstName: 'Ada', lastName: 'Lovelace', phone: '2125550101' });
    await api.invoke('contacts.create', { companyId: other.id, firstName: 'Ada', lastName: 'Byron', phone: '2125550101' });

    expect(await api.invoke('companies.delete', { id: acme.id })).toEqual({ id: acme.id });
    expect((await failure(api.invoke('companies.get', { id: acme.id }))).code).toBe('not_found');
    expect((await failure(api.invoke('contacts.get', { id: ada.id }))).code).toBe('not_found');
    const found = await api.invoke('contacts.list', { search: 'ada' });
    expect(found.items.map((c) => c.lastName)).toEqual(['Byron']);
    expect((await api.invoke('contacts.list', { search: '2125550101' })).total).toBe(1);
    expect((await failure(api.invoke('companies.delete', { id: acme.id }))).code).toBe('not_found');
  });
});

describe('companies: team scoping', () => {
  it('keeps each team’s companies to itself', async () => {
    const mine = await api.invoke('companies.create', { name: 'Acme' });
    const other = addTeam(core);
    const theirApi = inMemoryApi(core, { ctx: other });

    expect((await theirApi.invoke('companies.list', {})).total).toBe(0);
    expect((await theirApi.invoke('companies.list', { search: 'acme' })).items).toEqual([]);
    expect((await failure(theirApi.invoke('companies.get', { id: mine.id }))).code).toBe('not_found');
    expect((await failure(theirApi.invoke('companies.update', { id: mine.id, name: 'Stolen' }))).code).toBe('not_found');
    expect((await failure(theirApi.invoke('companies.delete', { id: mine.id }))).code).toBe('not_found');
    expect(await api.invoke('companies.get', { id: mine.id })).toEqual(mine);

    const theirs = await theirApi.invoke('companies.create', { name: 'Acme' });
    expect(theirs.teamId).toBe(other.teamId);
    expect((await api.invoke('companies.list', {})).items.map((c) => c.id)).toEqual([mine.id]);
    expect((await theirApi.invoke('companies.list', {})).items.map((c) => c.id)).toEqual([theirs.id]);
    const info = await theirApi.invoke('app.info', {});
    expect(info.teamId).toBe(other.teamId);
  });
});
