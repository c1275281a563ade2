import { beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core';
import { testCore } from '../support/core';
import { failure } from '../support/inMemoryTransport';
import { openCampaignApi } from '../api/campaignApi';
import { addContact, enrolmentRows, makeWorld, required, T0, type World } from './fixtures';

let core: Core;
let w: World;

beforeEach(async () => {
  core = await testCore(() => T0);
  w = await makeWorld(core);
});

const campaignCount = () => core.services.store.sqlite.prepare('SELECT count(*) FROM campaigns').pluck().get() as number;
const eventsOf = (name: 'campaigns.changed' | 'campaigns.enrolled') => {
  const seen: string[] = [];
  w.api.on(name, ({ campaignId }) => seen.push(campaignId));
  return seen;
};

/** Makes every enrolment insert fail inside the database, as a full disk or a broken constraint would. */
const failEnrolmentWrites = () =>
  core.services.store.sqlite.exec(
    `CREATE TRIGGER fail_enrolment BEFORE INSERT ON campaign_contacts BEGIN SELECT RAISE(ABORT, 'disk full'); END`,
  );

describe('the New Campaign dialog saves a campaign with its contacts in one transaction', () => {
  it('creates the campaign and enrols the chosen contacts, announcing both once committed', async () => {
    const a = await addContact(w, w.acme.id);
    const b = await addContact(w, w.acme.id, { phone: null });
    const changed = eventsOf('campaigns.changed');
    const enrolled = eventsOf('campaigns.enrolled');
    const campaign = await w.api.invoke('campaigns.create', { ...required(w), enrol: { contactIds: [a.id, b.id] } });
    expect(enrolmentRows(core, campaign.id)).toEqual([
      expect.objectContaining({ contactId: a.id, status: 'pending' }),
      expect.objectContaining({ contactId: b.id, status: 'skipped', skipReason: 'no_phone' }),
    ]);
    expect(changed).toEqual([campaign.id]);
    expect(enrolled).toEqual([campaign.id]);
  });

  it('an audience saved with the campaign makes it evergreen, as a separate enrolment would', async () => {
    await addContact(w, w.acme.id);
    const campaign = await w.api.invoke('campaigns.create', { ...required(w, { keepOpen: true }), enrol: { audience: { mode: 'all_eligible', companyId: w.acme.id } } });
    expect(enrolmentRows(core, campaign.id)).toHaveLength(1);
    await addContact(w, w.acme.id);
    expect(enrolmentRows(core, campaign.id)).toHaveLength(2);
  });

  it("names the campaign's and the contacts' problems together and writes nothing", async () => {
    const stranger = await addContact(w, w.globex.id);
    const error = await failure(w.api.invoke('campaigns.create', { ...required(w, { name: '', maxConcurrentCalls: 99 }), enrol: { contactIds: [stranger.id] } }));
    expect(error.code).toBe('validation');
    expect(Object.keys(error.fields!).sort()).toEqual(['enrol.contactIds.0', 'maxConcurrentCalls', 'name']);
    expect(campaignCount()).toBe(0);
  });

  it('leaves no campaign behind when its enrolment fails in the database', async () => {
    const a = await addContact(w, w.acme.id);
    failEnrolmentWrites();
    const changed = eventsOf('campaigns.changed');
    expect((await failure(w.api.invoke('campaigns.create', { ...required(w), enrol: { contactIds: [a.id] } }))).code).toBe('internal');
    expect(campaignCount()).toBe(0);
    expect(changed).toEqual([]);
  });

  it('an edit with contacts writes the settings and the enrolment together, or neither', async () => {
    const a = await addContact(w, w.acme.id);
    const campaign = await w.api.invoke('campaigns.create', required(w));
    failEnrolmentWrites();
    expect((await failure(w.api.invoke('campaigns.update', { id: campaign.id, name: 'Renamed', enrol: { contactIds: [a.id] } }))).code).toBe('internal');
    expect((await w.api.invoke('campaigns.get', { id: campaign.id })).name).toBe(required(w).name);

    core.services.store.sqlite.exec('DROP TRIGGER fail_enrolment');
    const saved = await w.api.invoke('campaigns.update', { id: campaign.id, name: 'Renamed', enrol: { contactIds: [a.id] } });
    expect(saved.name).toBe('Renamed');
    expect(enrolmentRows(core, campaign.id)).toEqual([expect.objectContaining({ contactId: a.id, status: 'pending' })]);
  });

  it("an edit refuses contacts of another company under enrol, keeping the campaign as it was", async () => {
    const stranger = await addContact(w, w.globex.id);
    const campaign = await w.api.invoke('campaigns.create', required(w));
    const error = await failure(w.api.invoke('campaigns.update', { id: campaign.id, name: 'Renamed', enrol: { contactIds: [stranger.id] } }));
    expect(error.fields).toEqual({ 'enrol.contactIds.0': expect.stringContaining('not in this campaign') });
    expect((await w.api.invoke('campaigns.get', { id: campaign.id })).name).toBe(required(w).name);
  });
});

describe('the REST API offers the same operation', () => {
  it('POST /api/crm/campaigns with enrol creates and enrols in one request, or writes nothing', async () => {
    const api = await openCampaignApi();
    const mine = await addContact(api.w, api.w.acme.id);
    const stranger = await addContact(api.w, api.w.globex.id);
    const count = () => api.core.services.store.sqlite.prepare('SELECT count(*) FROM campaigns').pluck().get();

    const refused = await api.call('POST', '/api/crm/campaigns', { ...required(api.w), enrol: { contactIds: [mine.id, stranger.id] } });
    expect(refused.status).toBe(400);
    expect(Object.keys(refused.json.error.fields)).toEqual(['enrol.contactIds.1']);
    expect(count()).toBe(0);

    const created = await api.call('POST', '/api/crm/campaigns', { ...required(api.w), enrol: { contactIds: [mine.id] } });
    expect(created.status, created.text).toBe(201);
    expect(enrolmentRows(api.core, created.json.campaign.id)).toEqual([expect.objectContaining({ contactId: mine.id, status: 'pending' })]);
  });
});
