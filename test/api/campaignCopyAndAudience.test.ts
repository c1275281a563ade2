import { beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core';
import type { Campaign } from '../../shared/campaigns/types';
import { addContact, type World } from '../campaigns/fixtures';
import { openCampaignApi, type CampaignApi } from './campaignApi';

let core: Core;
let w: World;
let call: CampaignApi['call'];
let createCampaign: CampaignApi['createCampaign'];

beforeEach(async () => {
  ({ core, w, call, createCampaign } = await openCampaignApi());
});

describe('POST /api/crm/campaigns/{id}/duplicate', () => {
  it('creates a new Draft "<name> (copy)" with the same settings, numbers and audience', async () => {
    const source = await createCampaign({
      scheduledStartAt: '2026-06-01T09:00:00Z',
      description: 'Renewals',
      maxConcurrentCalls: 4,
      retryBackoff: 'exponential',
      retryDelayMinutesBusy: 25,
      voicemailAction: 'hangup',
      useContactTimezone: false,
    });
    expect((await call('POST', `/api/crm/campaigns/${source.id}/contacts`, { audience: { mode: 'all_eligible', companyId: w.acme.id } })).status).toBe(200);

    const reply = await call('POST', `/api/crm/campaigns/${source.id}/duplicate`);
    expect(reply.status, reply.text).toBe(201);
    const copy = reply.json.campaign;
    expect(copy.id).not.toBe(source.id);
    expect(copy).toMatchObject({ name: 'Q2 Enterprise Outreach (copy)', status: 'draft', scheduledStartAt: null });
    expect(copy.audience).toEqual({ mode: 'all_eligible', hasPhoneOnly: true, excludeDnc: true });
    const settingsOf = ({ id: _id, name: _n, status: _s, scheduledStartAt: _at, audience: _a, createdAt: _c, updatedAt: _u, ...rest }: Campaign) => rest;
    expect(settingsOf(copy)).toEqual(settingsOf(source));
    expect(copy.fromNumbers.map((n: { phoneNumberId: string }) => n.phoneNumberId)).toEqual([w.n1.id, w.n2.id]);
    // the source is untouched
    expect((await call('GET', `/api/crm/campaigns/${source.id}`)).json.campaign).toMatchObject({ name: 'Q2 Enterprise Outreach', status: 'scheduled' });
  });

  it("enrols the source's contacts afresh: callable ones pending, those no longer callable skipped", async () => {
    const stays = await addContact(w, w.acme.id, { firstName: 'Stays' });
    const turnsDnc = await addContact(w, w.acme.id, { firstName: 'Turns DNC' });
    await addContact(w, w.acme.id, { firstName: 'Not picked' });
    const source = await createCampaign();
    await call('POST', `/api/crm/campaigns/${source.id}/contacts`, { contactIds: [stays.id, turnsDnc.id] });
    core.services.store.sqlite.prepare("UPDATE campaign_contacts SET status = 'completed', attempts = 2 WHERE contact_id = ?").run(stays.id);
    await w.api.invoke('contacts.update', { id: turnsDnc.id, doNotCall: true });

    const copy = (await call('POST', `/api/crm/campaigns/${source.id}/duplicate`)).json.campaign;
    expect(copy.audience).toBeNull();
    const queue = (await call('GET', `/api/crm/campaigns/${copy.id}/contacts`)).json.contacts as { firstName: string; status: string; attempts: number; skipReason: string | null }[];
    expect(queue.map((c) => [c.firstName, c.status, c.attempts, c.skipReason]).sort()).toEqual([
      ['Stays', 'pending', 0, null],
      ['Turns DNC', 'skipped', 0, 'do_not_call'],
    ]);
  });

  it('keeps the copy name within 200 characters', async () => {
    const source = await createCampaign({ name: 'x'.repeat(200) });
    const copy = (await call('POST', `/api/crm/campaigns/${source.id}/duplicate`)).json.campaign;
    expect(copy.name).toHaveLength(200);
    expect(copy.name.endsWith(' (copy)')).toBe(true);
  });

  it('names the copy as the body says, and answers 400 naming a bad name without copying', async () => {
    const source = await createCampaign();
    const named = await call('POST', `/api/crm/campaigns/${source.id}/duplicate`, { name: '  Autumn round  ' });
    expect(named.status, named.text).toBe(201);
    expect(named.json.campaign).toMatchObject({ name: 'Autumn round', status: 'draft' });
    for (const name of ['', 'x'.repeat(201), 42]) {
      const refused = await call('POST', `/api/crm/campaigns/${source.id}/duplicate`, { name });
      expect(refused.status).toBe(400);
      expect(Object.keys(refused.json.error.fields)).toEqual(['name']);
    }
    expect((await call('GET', '/api/crm/campaigns')).json.campaigns).toHaveLength(2);
  });

  it('answers 404 for an unknown or deleted campaign', async () => {
    expect((await call('POST', '/api/crm/campaigns/cmp_nope/duplicate')).status).toBe(404);
    const draft = await createCampaign();
    await call('DELETE', `/api/crm/campaigns/${draft.id}`);
    expect((await call('POST', `/api/crm/campaigns/${draft.id}/duplicate`)).status).toBe(404);
  });
});

describe('an all_eligible audience narrowed by search and leadStatus', () => {
  async function people() {
    return {
      nguyenNew: await addContact(w, w.acme.id, { firstName: 'Anh', lastName: 'Nguyen', leadStatus: 'new' }),
      nguyenQualified: await addContact(w, w.acme.id, { firstName: 'Bao', lastName: 'Nguyen', leadStatus: 'qualified' }),
      nguyenDnc: await addContact(w, w.acme.id, { firstName: 'Chi', lastName: 'Nguyen', doNotCall: true }),
      smith: await addContact(w, w.acme.id, { firstName: 'Dana', lastName: 'Smith', leadStatus: 'qualified' }),
      elsewhere: await addContact(w, w.globex.id, { firstName: 'Eve', lastName: 'Nguyen' }),
    };
  }
  const enrolledIds = async (id: string) =>
    ((await call('GET', `/api/crm/campaigns/${id}/contacts?limit=500`)).json.contacts as { contactId: string }[]).map((c) => c.contactId).sort();

  it('enrols only the callable contacts of the company matching the search', async () => {
    const p = await people();
    const c = await createCampaign();
    const reply = await call('POST', `/api/crm/campaigns/${c.id}/contacts`, { audience: { mode: 'all_eligible', companyId: w.acme.id, search: 'nguyen' } });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.json).toMatchObject({ enrolled: 2, skipped: 0, alreadyEnrolled: 0 });
    expect(await enrolledIds(c.id)).toEqual([p.nguyenNew.id, p.nguyenQualified.id].sort());
  });

  it('combines search and leadStatus, and leaves the campaign non-evergreen', async () => {
    const p = await people();
    const c = await createCampaign({ keepOpen: true });
    const reply = await call('POST', `/api/crm/campaigns/${c.id}/contacts`, {
      audience: { mode: 'all_eligible', companyId: w.acme.id, search: 'nguyen', leadStatus: 'qualified' },
    });
    expect(reply.json).toMatchObject({ enrolled: 1 });
    expect(await enrolledIds(c.id)).toEqual([p.nguyenQualified.id]);
    expect((await call('GET', `/api/crm/campaigns/${c.id}`)).json.campaign.audience).toBeNull();
    // a new contact of the company joins no filtered campaign by itself
    await addContact(w, w.acme.id, { firstName: 'Fay', lastName: 'Nguyen', leadStatus: 'qualified' });
    expect(await enrolledIds(c.id)).toEqual([p.nguyenQualified.id]);
  });

  it('without filters keeps the whole-company semantics (evergreen audience recorded)', async () => {
    await people();
    const c = await createCampaign();
    const reply = await call('POST', `/api/crm/campaigns/${c.id}/contacts`, { audience: { mode: 'all_eligible', companyId: w.acme.id, search: '  ' } });
    expect(reply.json).toMatchObject({ enrolled: 3 });
    expect((await call('GET', `/api/crm/campaigns/${c.id}`)).json.campaign.audience).toEqual({ mode: 'all_eligible', hasPhoneOnly: true, excludeDnc: true });
  });

  it('answers 400 naming each bad audience field', async () => {
    const c = await createCampaign();
    const reply = await call('POST', `/api/crm/campaigns/${c.id}/contacts`, {
      audience: { mode: 'all_eligible', companyId: w.acme.id, search: 7, leadStatus: 'hot' },
    });
    expect(reply.status).toBe(400);
    expect(Object.keys(reply.json.error.fields).sort()).toEqual(['audience.leadStatus', 'audience.search']);
  });
});
