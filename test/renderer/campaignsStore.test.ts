import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../main/core';
import { createCampaignsStore } from '../../renderer/src/campaigns/campaignsStore';
import { addContact, makeWorld, required, T0, type World } from '../campaigns/fixtures';
import { testCore } from '../support/core';

let core: Core;
let w: World;
let errors: unknown[];
let store: ReturnType<typeof createCampaignsStore>;

beforeEach(async () => {
  core = await testCore(() => T0);
  w = await makeWorld(core);
  errors = [];
  store = createCampaignsStore(w.api, (error) => errors.push(error));
});

const names = () => store.getState().result!.items.map((c) => `${c.name}: ${c.status}`);

describe('the campaigns store over an in-memory transport and a real core', () => {
  it('loads the list newest first with each row’s dashboard', async () => {
    const first = await w.api.invoke('campaigns.create', required(w, { name: 'First' }));
    await addContact(w, w.acme.id);
    await addContact(w, w.acme.id, { phone: null });
    await w.api.invoke('campaigns.enrol', { id: first.id, audience: { mode: 'all_eligible', companyId: w.acme.id, hasPhoneOnly: false } });
    await w.api.invoke('campaigns.create', required(w, { name: 'Second', scheduledStartAt: '2026-06-01T09:00:00Z' }));
    await store.getState().reload();
    expect(names()).toEqual(['Second: scheduled', 'First: draft']);
    expect(store.getState().dashboards[first.id]).toMatchObject({ total: 2, skipped: 1, pending: 1 });
    expect(store.getState().loading).toBe(false);
    expect(errors).toEqual([]);
  });

  it('reloads by itself when main pushes a campaign change', async () => {
    await store.getState().reload();
    expect(names()).toEqual([]);
    await w.api.invoke('campaigns.create', required(w, { name: 'Pushed' }));
    await vi.waitFor(() => expect(names()).toEqual(['Pushed: draft']));
  });

  it('duplicates into a Draft copy under the name given and lists it', async () => {
    const source = await w.api.invoke('campaigns.create', required(w, { name: 'Source', scheduledStartAt: '2026-06-01T09:00:00Z' }));
    const copy = await store.getState().duplicate(source.id, '  Source, autumn  ');
    expect(copy).toMatchObject({ name: 'Source, autumn', status: 'draft', fromNumberIds: [w.n1.id, w.n2.id] });
    await vi.waitFor(() => expect(names()).toEqual(['Source, autumn: draft', 'Source: scheduled']));
  });

  it('rejects a bad copy name with the field named, for the form to show, and makes no copy', async () => {
    const source = await w.api.invoke('campaigns.create', required(w, { name: 'Source' }));
    const refused = await store.getState().duplicate(source.id, ' ').catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'validation', fields: { name: 'Campaign Name is required' } });
    await store.getState().reload();
    expect(names()).toEqual(['Source: draft']);
    expect(errors).toEqual([]);
  });

  it('deletes a draft, and reports (not throws) a refused delete', async () => {
    const draft = await w.api.invoke('campaigns.create', required(w, { name: 'Draft' }));
    const running = await w.api.invoke('campaigns.create', required(w, { name: 'Running' }));
    await w.api.invoke('campaigns.run', { id: running.id, action: 'start' });
    expect(await store.getState().remove(draft.id)).toBe(true);
    expect(names()).toEqual(['Running: running']);
    expect(await store.getState().remove(running.id)).toBe(false);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'conflict' });
    expect(names()).toEqual(['Running: running']);
  });
});
