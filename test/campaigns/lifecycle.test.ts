import { beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core';
import { DELETABLE, ENROLLABLE, HOLDS_CONTACTS, nextStatus, SETTINGS_EDITABLE, TERMINAL, TRANSITIONS } from '../../shared/campaigns/lifecycle';
import { RUN_ACTIONS, type RunAction } from '../../shared/campaigns/schemas';
import { CAMPAIGN_STATUSES, type Campaign, type CampaignStatus } from '../../shared/campaigns/types';
import { AppError } from '../../shared/errors';
import { createDialerStore } from '../../main/db/dialerStore';
import { testCore } from '../support/core';
import { failure } from '../support/inMemoryTransport';
import { addContact, makeWorld, required, settle, T0, type World } from './fixtures';

let clock = T0;
let core: Core;
let w: World;

beforeEach(async () => {
  clock = T0;
  core = await testCore(() => clock);
  w = await makeWorld(core);
});

const FUTURE = '2026-06-01T09:00:00Z';
const run = (id: string, action: RunAction) => w.api.invoke('campaigns.run', { id, action });
const get = (id: string) => core.services.campaigns.get(w.team, id);
/** The completion rule as the dialer applies it after every claim that placed nothing. */
const complete = (id: string) => createDialerStore(core.services.store.sqlite).completeIfFinished(id, clock);

/** A campaign brought to a status along real transitions. */
async function campaignIn(status: CampaignStatus, extra: Record<string, unknown> = {}): Promise<Campaign> {
  const c = await core.services.campaigns.create(w.team, required(w, { ...(status === 'scheduled' ? { scheduledStartAt: FUTURE } : {}), ...extra }));
  switch (status) {
    case 'draft':
    case 'scheduled':
      return c;
    case 'running':
      return run(c.id, 'start');
    case 'paused':
      await run(c.id, 'start');
      return run(c.id, 'pause');
    case 'completed':
      await run(c.id, 'start');
      expect(complete(c.id)).toBe(true);
      return get(c.id);
    case 'cancelled':
      return run(c.id, 'cancel');
  }
}

describe('the transition table', () => {
  it('has exactly the allowed transitions, the terminal states and the states that allow editing, deleting and enrolling', () => {
    expect(TRANSITIONS).toEqual({
      start: { from: ['draft', 'scheduled', 'paused'], to: 'running' },
      pause: { from: ['running'], to: 'paused' },
      resume: { from: ['paused'], to: 'running' },
      cancel: { from: ['draft', 'scheduled', 'running', 'paused'], to: 'cancelled' },
      scheduledTimeReached: { from: ['scheduled'], to: 'running' },
      finished: { from: ['running'], to: 'completed' },
    });
    expect(TERMINAL).toEqual(['completed', 'cancelled']);
    expect([...SETTINGS_EDITABLE].sort()).toEqual(['draft', 'paused', 'scheduled']);
    expect([...DELETABLE].sort()).toEqual(['cancelled', 'draft']);
    expect([...ENROLLABLE].sort()).toEqual(['draft', 'paused', 'running', 'scheduled']);
    expect([...HOLDS_CONTACTS].sort()).toEqual(['paused', 'running', 'scheduled']);
  });

  it('leaves terminal states by no event', () => {
    for (const status of TERMINAL) {
      for (const event of Object.keys(TRANSITIONS) as (keyof typeof TRANSITIONS)[]) expect(nextStatus(status, event)).toBeNull();
    }
  });
});

describe('run actions: every allowed edge', () => {
  for (const action of RUN_ACTIONS) {
    for (const from of TRANSITIONS[action].from) {
      const to = TRANSITIONS[action].to;
      it(`${action}: ${from} -> ${to}`, async () => {
        const c = await campaignIn(from);
        expect(c.status).toBe(from);
        clock += 60_000;
        const after = await run(c.id, action);
        expect(after.status).toBe(to);
        expect(after.updatedAt).toBe(new Date(clock).toISOString());
        expect(await get(c.id)).toEqual(after);
        if (to === 'running') {
          // startedAt is set the first time it runs, kept on resume / start-after-pause
          expect(after.startedAt).toBe(from === 'paused' ? c.startedAt : new Date(clock).toISOString());
          expect(after.startedAt).not.toBeNull();
        }
        if (to === 'cancelled') expect(after.cancelledAt).toBe(new Date(clock).toISOString());
        if (to === 'paused') expect(after.startedAt).toBe(c.startedAt);
      });
    }
  }
});

describe('run actions: every disallowed edge is a conflict', () => {
  for (const action of RUN_ACTIONS) {
    for (const from of CAMPAIGN_STATUSES.filter((s) => !TRANSITIONS[action].from.includes(s))) {
      it(`${action} from ${from} -> conflict`, async () => {
        const c = await campaignIn(from);
        const error = await failure(run(c.id, action));
        expect(error).toBeInstanceOf(AppError);
        expect(error.code).toBe('conflict');
        expect(error.message).toContain(from);
        const viaService = await failure(core.services.campaigns.run(w.team, c.id, action));
        expect(viaService.code).toBe('conflict');
        expect(await get(c.id)).toEqual(c);
      });
    }
  }

  it('refuses an unknown action and an unknown campaign', async () => {
    const c = await campaignIn('draft');
    expect((await failure(run(c.id, 'launch' as RunAction))).fields).toHaveProperty('action');
    expect((await failure(run('cmp_nope', 'start'))).code).toBe('not_found');
  });
});

describe('scheduled starts (startDueScheduled with an injected clock)', () => {
  it('starts only due scheduled campaigns, also ones whose time passed long ago, and sets startedAt', async () => {
    const soon = await campaignIn('scheduled', { scheduledStartAt: '2026-01-15T13:00:00Z', name: 'soon' });
    const longAgo = await campaignIn('scheduled', { scheduledStartAt: '2026-01-15T12:01:00Z', name: 'long ago' });
    const later = await campaignIn('scheduled', { scheduledStartAt: '2027-06-01T09:00:00Z', name: 'later' });
    const cancelled = await campaignIn('scheduled', { scheduledStartAt: '2026-01-15T12:30:00Z', name: 'cancelled' });
    await run(cancelled.id, 'cancel');
    const paused = await campaignIn('scheduled', { scheduledStartAt: '2026-01-15T12:30:00Z', name: 'paused' });
    await run(paused.id, 'start');
    await run(paused.id, 'pause');
    const draft = await campaignIn('draft');
    await settle();

    // nothing is due yet
    expect(await core.services.campaigns.startDueScheduled()).toEqual([]);
    expect((await get(soon.id)).status).toBe('scheduled');

    // the app "was closed" for months: both past-due starts happen now
    clock = Date.parse('2026-05-01T08:00:00Z');
    const started = await core.services.campaigns.startDueScheduled();
    expect([...started].sort()).toEqual([soon.id, longAgo.id].sort());
    for (const id of [soon.id, longAgo.id]) {
      expect(await get(id)).toMatchObject({ status: 'running', startedAt: '2026-05-01T08:00:00.000Z', updatedAt: '2026-05-01T08:00:00.000Z' });
    }
    expect((await get(later.id)).status).toBe('scheduled');
    expect((await get(cancelled.id)).status).toBe('cancelled');
    expect((await get(paused.id)).status).toBe('paused');
    expect((await get(draft.id)).status).toBe('draft');
    expect(await core.services.campaigns.startDueScheduled()).toEqual([]);
  });

  it('starts a campaign exactly at its time, not a millisecond before', async () => {
    const c = await campaignIn('scheduled', { scheduledStartAt: '2026-01-15T13:00:00Z' });
    await settle();
    clock = Date.parse('2026-01-15T13:00:00Z') - 1;
    expect(await core.services.campaigns.startDueScheduled()).toEqual([]);
    clock += 1;
    expect(await core.services.campaigns.startDueScheduled()).toEqual([c.id]);
    expect((await get(c.id)).startedAt).toBe('2026-01-15T13:00:00.000Z');
  });
});

describe('completeIfFinished', () => {
  const setEnrolment = (campaignId: string, status: string) =>
    core.services.store.sqlite.prepare('UPDATE campaign_contacts SET status = ? WHERE campaign_id = ?').run(status, campaignId);

  it('completes a running campaign with nothing left, sets completedAt', async () => {
    const c = await campaignIn('running');
    clock += 5_000;
    expect(complete(c.id)).toBe(true);
    expect(await get(c.id)).toMatchObject({ status: 'completed', completedAt: new Date(clock).toISOString() });
    expect(complete(c.id)).toBe(false);
  });

  it('waits while any contact is pending or calling; finished ones (completed, failed, skipped) do not hold it', async () => {
    const c = await campaignIn('draft');
    const a = await addContact(w, w.acme.id);
    const b = await addContact(w, w.acme.id, { phone: null });
    await w.api.invoke('campaigns.enrol', { id: c.id, contactIds: [a.id, b.id] });
    await run(c.id, 'start');
    expect(complete(c.id)).toBe(false);
    core.services.store.sqlite.prepare("UPDATE campaign_contacts SET status = 'calling' WHERE contact_id = ?").run(a.id);
    expect(complete(c.id)).toBe(false);
    core.services.store.sqlite.prepare("UPDATE campaign_contacts SET status = 'failed' WHERE contact_id = ?").run(a.id);
    expect(complete(c.id)).toBe(true);
    expect((await get(c.id)).status).toBe('completed');
  });

  it('never completes a keepOpen campaign', async () => {
    const c = await campaignIn('running', { keepOpen: true });
    expect(complete(c.id)).toBe(false);
    expect((await get(c.id)).status).toBe('running');
    const alias = await campaignIn('running', { noAutoComplete: true });
    expect(complete(alias.id)).toBe(false);
  });

  it('only completes running campaigns', async () => {
    for (const status of ['draft', 'scheduled', 'paused', 'cancelled'] as const) {
      const c = await campaignIn(status);
      setEnrolment(c.id, 'completed');
      expect(complete(c.id), status).toBe(false);
      expect((await get(c.id)).status).toBe(status);
    }
  });
});

describe('soft delete', () => {
  it('deletes a draft or cancelled campaign: gone from get and list, the row kept with deletedAt', async () => {
    for (const status of ['draft', 'cancelled'] as const) {
      const c = await campaignIn(status);
      expect(await w.api.invoke('campaigns.delete', { id: c.id })).toEqual({ id: c.id });
      expect((await failure(w.api.invoke('campaigns.get', { id: c.id }))).code).toBe('not_found');
      expect((await w.api.invoke('campaigns.list', {})).items.map((x) => x.id)).not.toContain(c.id);
      expect(core.services.store.sqlite.prepare('SELECT deleted_at FROM campaigns WHERE id = ?').pluck().get(c.id)).toBe(clock);
      expect((await failure(w.api.invoke('campaigns.delete', { id: c.id }))).code).toBe('not_found');
      expect((await failure(run(c.id, 'start'))).code).toBe('not_found');
      expect((await failure(w.api.invoke('campaigns.update', { id: c.id, name: 'x' }))).code).toBe('not_found');
    }
  });

  it('refuses to delete scheduled, running, paused or completed campaigns (conflict)', async () => {
    for (const status of ['scheduled', 'running', 'paused', 'completed'] as const) {
      const c = await campaignIn(status);
      const error = await failure(w.api.invoke('campaigns.delete', { id: c.id }));
      expect(error.code, status).toBe('conflict');
      expect((await get(c.id)).status).toBe(status);
    }
  });
});

describe("'campaigns.changed' events", () => {
  it('fires on create, update, every transition, delete and scheduled start (completion: in the dialer tests), and not on refusals', async () => {
    const seen: string[] = [];
    const off = w.api.on('campaigns.changed', ({ campaignId }) => seen.push(campaignId));
    const c = await core.services.campaigns.create(w.team, required(w));
    expect(seen).toEqual([c.id]);
    await w.api.invoke('campaigns.update', { id: c.id, name: 'n' });
    await run(c.id, 'start');
    await run(c.id, 'pause');
    await run(c.id, 'resume');
    expect(seen).toEqual([c.id, c.id, c.id, c.id, c.id]);
    await failure(run(c.id, 'resume'));
    await failure(w.api.invoke('campaigns.update', { id: c.id, maxConcurrentCalls: 3 }));
    await failure(w.api.invoke('campaigns.delete', { id: c.id }));
    expect(seen).toHaveLength(5);

    const s = await core.services.campaigns.create(w.team, required(w, { scheduledStartAt: FUTURE }));
    await settle();
    seen.length = 0;
    clock = Date.parse(FUTURE);
    await core.services.campaigns.startDueScheduled();
    expect(seen).toContain(s.id);
    await run(s.id, 'cancel');
    seen.length = 0;
    await w.api.invoke('campaigns.delete', { id: s.id });
    expect(seen).toEqual([s.id]);
    off();
  });
});
