import { beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core';
import type { Api } from '../../shared/contract/createApi';
import { AppError } from '../../shared/errors';
import { testCore } from '../support/core';
import { openStored } from '../support/secrets';
import { addTeam, failure, inMemoryApi } from '../support/inMemoryTransport';

let clock = 1_700_000_000_000;
let core: Core;
let api: Api;

beforeEach(async () => {
  clock = 1_700_000_000_000;
  core = await testCore(() => clock);
  api = inMemoryApi(core);
});

describe('phone numbers: create and validation', () => {
  it('stores the number in E.164 with defaults', async () => {
    const n = await api.invoke('phoneNumbers.create', { number: '(202) 555-0123', label: ' Main line ' });
    expect(n).toEqual({
      id: expect.stringMatching(/^num_[0-9a-z]{14}$/),
      teamId: 'team_default',
      number: '+12025550123',
      label: 'Main line',
      provider: 'simulator',
      status: 'active',
      assistantId: null,
      trunkId: null,
      createdAt: new Date(clock).toISOString(),
      updatedAt: new Date(clock).toISOString(),
    });
    expect(await api.invoke('phoneNumbers.get', { id: n.id })).toEqual(n);
  });

  it('requires a valid number', async () => {
    const missing = await failure(api.invoke('phoneNumbers.create', {} as { number: string }));
    expect(missing).toBeInstanceOf(AppError);
    expect(missing.code).toBe('validation');
    expect(Object.keys(missing.fields!)).toEqual(['number']);
    const empty = await failure(api.invoke('phoneNumbers.create', { number: '' }));
    expect(empty.fields).toEqual({ number: 'Phone number is required' });
    const bad = await failure(api.invoke('phoneNumbers.create', { number: '555' }));
    expect(Object.keys(bad.fields!)).toEqual(['number']);
    expect(bad.fields!.number).toContain('555');
  });

  it('refuses an unknown assistant, naming assistantId', async () => {
    const error = await failure(api.invoke('phoneNumbers.create', { number: '2025550123', assistantId: 'asst_nope' }));
    expect(error.code).toBe('validation');
    expect(error.fields).toEqual({ assistantId: 'Assistant asst_nope does not exist' });
    expect(await api.invoke('phoneNumbers.list', {})).toEqual([]);
  });

  it('refuses a number already added, in any format', async () => {
    await api.invoke('phoneNumbers.create', { number: '+1 202 555 0123' });
    const error = await failure(api.invoke('phoneNumbers.create', { number: '(202) 555-0123', label: 'Again' }));
    expect(error.code).toBe('validation');
    expect(error.fields).toEqual({ number: '+12025550123 is already added' });
    expect(await api.invoke('phoneNumbers.list', {})).toHaveLength(1);
  });

  it('names every bad field at once', async () => {
    await api.invoke('phoneNumbers.create', { number: '2025550123' });
    const duplicateAndUnknown = await failure(api.invoke('phoneNumbers.create', { number: '2025550123', assistantId: 'asst_nope' }));
    expect(Object.keys(duplicateAndUnknown.fields!).sort()).toEqual(['assistantId', 'number']);
    const schema = await failure(
      api.invoke('phoneNumbers.create', { number: 'x', status: 'broken' as 'active', provider: ' ', label: 'l'.repeat(501) }),
    );
    expect(Object.keys(schema.fields!).sort()).toEqual(['label', 'number', 'provider', 'status']);
  });

  it('allows the same number in another team', async () => {
    const mine = await api.invoke('phoneNumbers.create', { number: '2025550123' });
    const other = addTeam(core);
    const theirApi = inMemoryApi(core, { ctx: other });
    const theirs = await theirApi.invoke('phoneNumbers.create', { number: '2025550123' });
    expect(theirs.number).toBe(mine.number);
    expect(theirs.teamId).toBe(other.teamId);
    expect((await theirApi.invoke('phoneNumbers.list', {})).map((n) => n.id)).toEqual([theirs.id]);
    expect((await api.invoke('phoneNumbers.list', {})).map((n) => n.id)).toEqual([mine.id]);
    expect((await failure(theirApi.invoke('phoneNumbers.get', { id: mine.id }))).code).toBe('not_found');
    expect((await failure(theirApi.invoke('phoneNumbers.update', { id: mine.id, label: 'Stolen' }))).code).toBe('not_found');
  });
});

describe('phone numbers: provider configuration stays in main', () => {
  it('never returns providerConfig from create, get, list or update', async () => {
    const assistant = await api.invoke('assistants.create', { name: 'A' });
    const created = await api.invoke('phoneNumbers.create', { number: '2025550123', assistantId: assistant.id });
    expect(created).not.toHaveProperty('providerConfig');
    await api.invoke('phoneNumbers.update', { id: created.id, providerConfig: { authToken: 'sk_live_SECRET' } });

    const got = await api.invoke('phoneNumbers.get', { id: created.id });
    const listed = await api.invoke('phoneNumbers.list', {});
    const byAssistant = await api.invoke('phoneNumbers.list', { assistantId: assistant.id });
    const updated = await api.invoke('phoneNumbers.update', { id: created.id, label: 'Sales' });
    for (const value of [got, listed, byAssistant, updated]) {
      expect(JSON.stringify(value)).not.toContain('SECRET');
      expect(JSON.stringify(value)).not.toContain('providerConfig');
    }
    expect(updated.label).toBe('Sales');
    // the update did not wipe what main keeps, sealed
    expect(openStored(core, core.services.store.sqlite.prepare('SELECT provider_config FROM phone_numbers WHERE id = ?').pluck().get(created.id) as string)).toContain(
      'SECRET',
    );
  });
});

describe('phone numbers: list, update, not_found', () => {
  it('lists by number, filtered by assistant', async () => {
    const a = await api.invoke('assistants.create', { name: 'A' });
    const b = await api.invoke('assistants.create', { name: 'B' });
    await api.invoke('phoneNumbers.create', { number: '3125550100', assistantId: a.id });
    await api.invoke('phoneNumbers.create', { number: '2125550100', assistantId: b.id });
    await api.invoke('phoneNumbers.create', { number: '2125550101', assistantId: a.id });
    await api.invoke('phoneNumbers.create', { number: '4155550100' });
    expect((await api.invoke('phoneNumbers.list', {})).map((n) => n.number)).toEqual([
      '+12125550100',
      '+12125550101',
      '+13125550100',
      '+14155550100',
    ]);
    expect((await api.invoke('phoneNumbers.list', { assistantId: a.id })).map((n) => n.number)).toEqual(['+12125550101', '+13125550100']);
    expect(await api.invoke('phoneNumbers.list', { assistantId: 'asst_nope' })).toEqual([]);
  });

  it('changes only the fields sent, and re-checks number and assistant', async () => {
    const assistant = await api.invoke('assistants.create', { name: 'A' });
    const n = await api.invoke('phoneNumbers.create', { number: '2125550100', label: 'Main', assistantId: assistant.id, provider: 'twilio' });
    const taken = await api.invoke('phoneNumbers.create', { number: '2125550101' });
    clock += 1000;

    const suspended = await api.invoke('phoneNumbers.update', { id: n.id, status: 'suspended' });
    expect(suspended).toEqual({ ...n, status: 'suspended', updatedAt: new Date(clock).toISOString() });

    // keeping its own number is not a duplicate
    expect((await api.invoke('phoneNumbers.update', { id: n.id, number: '+1 212 555 0100' })).number).toBe('+12125550100');
    const duplicate = await failure(api.invoke('phoneNumbers.update', { id: n.id, number: '(212) 555-0101' }));
    expect(duplicate.fields).toEqual({ number: '+12125550101 is already added' });
    const unknown = await failure(api.invoke('phoneNumbers.update', { id: n.id, assistantId: 'asst_nope' }));
    expect(unknown.fields).toEqual({ assistantId: 'Assistant asst_nope does not exist' });
    const badStatus = await failure(api.invoke('phoneNumbers.update', { id: n.id, status: 'gone' as 'active' }));
    expect(Object.keys(badStatus.fields!)).toEqual(['status']);
    expect(await api.invoke('phoneNumbers.get', { id: n.id })).toEqual(suspended);

    const unassigned = await api.invoke('phoneNumbers.update', { id: n.id, assistantId: null });
    expect(unassigned).toMatchObject({ assistantId: null, label: 'Main', provider: 'twilio', status: 'suspended' });
    expect((await api.invoke('phoneNumbers.get', { id: taken.id })).number).toBe('+12125550101');
  });

  it('reports an unknown phone number as not_found', async () => {
    for (const call of [api.invoke('phoneNumbers.get', { id: 'num_nope' }), api.invoke('phoneNumbers.update', { id: 'num_nope', label: 'X' })]) {
      const error = await failure(call);
      expect(error.code).toBe('not_found');
      expect(error.message).toContain('num_nope');
    }
  });

  it('announces changes', async () => {
    const seen: unknown[] = [];
    api.on('crm.changed', (e) => seen.push(e));
    const n = await api.invoke('phoneNumbers.create', { number: '2125550100' });
    await api.invoke('phoneNumbers.update', { id: n.id, label: 'x' });
    await failure(api.invoke('phoneNumbers.create', { number: '2125550100' }));
    expect(seen).toEqual([{ entity: 'phoneNumber' }, { entity: 'phoneNumber' }]);
  });
});
