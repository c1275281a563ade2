import { beforeEach, describe, expect, it } from 'vitest';
import { ROUTES } from '../../main/api/routes';
import type { Core } from '../../main/core';
import { T0 } from '../campaigns/fixtures';
import { testCore } from '../support/core';
import { openStored } from '../support/secrets';
import { send, startApiServer, startHost, type Reply } from './http';

/** The seed's first request body, character for character; only the placeholder ids get replaced. */
const SEED_CREATE = `{
  "teamId": "your-team-id",
  "name": "Q2 Enterprise Outreach",
  "assistantId": "asst_abc123",
  "companyId": "cmp_xyz456",
  "fromNumberIds": ["num_111", "num_222"],
  "description": "Follow-up calls for enterprise trial accounts",
  "scheduledStartAt": "2026-06-01T09:00:00Z",
  "callWindowStart": "09:00",
  "callWindowEnd": "17:00",
  "callWindowTimezone": "America/New_York",
  "maxConcurrentCalls": 3,
  "maxAttemptsPerContact": 3,
  "retryDelayMinutes": 60
}`;

const SEED_CONTACT_IDS = `{
  "contactIds": ["cnt_aaa", "cnt_bbb", "cnt_ccc"]
}`;

const SEED_AUDIENCE = `{
  "audience": {
    "mode": "all_eligible",
    "companyId": "cmp_xyz456",
    "hasPhoneOnly": true,
    "excludeDnc": true
  }
}`;

let clock = T0;
let core: Core;
let port: number;
let key: string;

/** Calls the API with the key; the body as JSON (or raw text when a string is given). */
function call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply> {
  if (typeof body === 'string') return send(port, path, { method, key, raw: body, headers: { 'content-type': 'application/json', ...headers } });
  return send(port, path, { method, key, headers, body });
}

function expectOk(reply: Reply, status = 200): any {
  expect(reply.status, reply.text).toBe(status);
  expect(reply.headers['content-type']).toMatch(/^application\/json/);
  expect(reply.json.success).toBe(true);
  return reply.json;
}

interface SeedIds {
  asst_abc123: string;
  cmp_xyz456: string;
  num_111: string;
  num_222: string;
  cnt_aaa: string;
  cnt_bbb: string;
  cnt_ccc: string;
}

/** A SIP trunk made through the API, for the numbers with provider 'sip' (which need one). */
async function sipTrunkId(): Promise<string> {
  return expectOk(await call('POST', '/api/telephony/trunks', { name: 'Carrier', host: 'sip.carrier.example' }), 201).trunk.id;
}

/** Builds the seed's world through the API itself: assistant, two numbers, a company, contacts. */
async function seedWorld(): Promise<SeedIds> {
  const assistant = expectOk(await call('POST', '/api/assistants', { name: 'Outbound SDR', outboundEnabled: true, greeting: 'Hi!', voicemailMessage: 'Call us back' }), 201).assistant;
  const n1 = expectOk(await call('POST', '/api/phone-numbers', { number: '+1 (202) 555-0111', label: 'Main', assistantId: assistant.id }), 201).phoneNumber;
  const n2 = expectOk(await call('POST', '/api/phone-numbers', { number: '+12025550222', label: 'Backup', assistantId: assistant.id, provider: 'sip', trunkId: await sipTrunkId(), providerConfig: { password: 'hunter2-secret' } }), 201).phoneNumber;
  const company = expectOk(await call('POST', '/api/crm/companies', { name: 'XYZ Corp', website: 'https://xyz.example' }), 201).company;
  const contact = async (firstName: string, phone: string | null, extra: Record<string, unknown> = {}) =>
    expectOk(await call('POST', '/api/crm/contacts', { companyId: company.id, firstName, lastName: 'Seed', phone, ...extra }), 201).contact.id as string;
  const ids = {
    asst_abc123: assistant.id,
    cmp_xyz456: company.id,
    num_111: n1.id,
    num_222: n2.id,
    cnt_aaa: await contact('Aaa', '(202) 555-0301'),
    cnt_bbb: await contact('Bbb', '(202) 555-0302'),
    cnt_ccc: await contact('Ccc', '(202) 555-0303'),
  };
  await contact('Ddd', '(202) 555-0304');
  await contact('NoPhone', null);
  await contact('Dnc', '(202) 555-0305', { doNotCall: true });
  return ids;
}

function substitute(text: string, ids: SeedIds): string {
  let out = text.replace('"your-team-id"', '"team_default"');
  for (const [placeholder, real] of Object.entries(ids)) out = out.replaceAll(`"${placeholder}"`, `"${real}"`);
  return out;
}

beforeEach(async () => {
  clock = T0;
  core = await testCore(() => clock);
  ({ port } = await startHost(core));
  key = (await core.services.apiKeys.create(core.localTeam, 'Seed key')).key;
});

describe('the seed’s example requests, verbatim, over real HTTP', () => {
  it('POST /api/crm/campaigns with scheduledStartAt -> 201 { success, campaign } scheduled; then both enrolment bodies', async () => {
    const ids = await seedWorld();
    const body = substitute(SEED_CREATE, ids);
    expect(body).not.toMatch(/asst_abc123|cmp_xyz456|num_111|num_222|your-team-id/);
    const created = expectOk(await call('POST', '/api/crm/campaigns', body), 201);
    expect(Object.keys(created).sort()).toEqual(['campaign', 'success']);
    const campaign = created.campaign;
    expect(campaign).toMatchObject({
      id: expect.stringMatching(/^cmp_/),
      teamId: 'team_default',
      status: 'scheduled',
      name: 'Q2 Enterprise Outreach',
      description: 'Follow-up calls for enterprise trial accounts',
      assistantId: ids.asst_abc123,
      companyId: ids.cmp_xyz456,
      fromNumberIds: [ids.num_111, ids.num_222],
      scheduledStartAt: '2026-06-01T09:00:00.000Z',
      callWindowStart: '09:00',
      callWindowEnd: '17:00',
      callWindowTimezone: 'America/New_York',
      maxConcurrentCalls: 3,
      maxAttemptsPerContact: 3,
      retryDelayMinutes: 60,
      retryDelayMinutesNoAnswer: 60,
      retryDelayMinutesBusy: 60,
      retryDelayMinutesError: 60,
      keepOpen: false,
    });
    expect(campaign.fromNumbers.map((n: { number: string }) => n.number)).toEqual(['+12025550111', '+12025550222']);

    // "Use that id to add contacts"
    const byIds = expectOk(await call('POST', `/api/crm/campaigns/${campaign.id}/contacts`, substitute(SEED_CONTACT_IDS, ids)));
    expect(byIds).toEqual({ success: true, enrolled: 3, skipped: 0, alreadyEnrolled: 0 });
    const byAudience = expectOk(await call('POST', `/api/crm/campaigns/${campaign.id}/contacts`, substitute(SEED_AUDIENCE, ids)));
    // Ddd is new; aaa/bbb/ccc were there; no-phone and DNC contacts are left out by the audience
    expect(byAudience).toEqual({ success: true, enrolled: 1, skipped: 0, alreadyEnrolled: 3 });

    const queue = expectOk(await call('GET', `/api/crm/campaigns/${campaign.id}/contacts`));
    const order = queue.contacts.map((c: { firstName: string }) => c.firstName);
    // one request enrols its contacts at one instant (their order among themselves is not specified); Ddd came later
    expect(order.slice(0, 3).sort()).toEqual(['Aaa', 'Bbb', 'Ccc']);
    expect(order[3]).toBe('Ddd');
    expect(queue.total).toBe(4);
  });

  it('the same request without scheduledStartAt makes a draft; the audience body alone enrols every eligible contact', async () => {
    const ids = await seedWorld();
    const body = JSON.parse(substitute(SEED_CREATE, ids));
    delete body.scheduledStartAt;
    const created = expectOk(await call('POST', '/api/crm/campaigns', body), 201);
    expect(created.campaign.status).toBe('draft');
    expect(created.campaign.scheduledStartAt).toBeNull();
    const enrolled = expectOk(await call('POST', `/api/crm/campaigns/${created.campaign.id}/contacts`, substitute(SEED_AUDIENCE, ids)));
    expect(enrolled).toEqual({ success: true, enrolled: 4, skipped: 0, alreadyEnrolled: 0 });
    const campaign = expectOk(await call('GET', `/api/crm/campaigns/${created.campaign.id}`)).campaign;
    expect(campaign.audience).toEqual({ mode: 'all_eligible', hasPhoneOnly: true, excludeDnc: true });
  });

  it('answers the seed’s request on the desktop API server too', async () => {
    const ids = await seedWorld();
    const desktop = await startApiServer(core);
    const reply = await send(desktop.port, '/api/crm/campaigns', { method: 'POST', key, raw: substitute(SEED_CREATE, ids), headers: { 'content-type': 'application/json' } });
    expect(reply.status).toBe(201);
    expect(reply.json).toMatchObject({ success: true, campaign: { status: 'scheduled' } });
  });

  it('names the bad fields of a seed request with unknown ids (400, never 500)', async () => {
    const reply = await call('POST', '/api/crm/campaigns', SEED_CREATE.replace('"your-team-id"', '"team_default"'));
    expect(reply.status).toBe(400);
    expect(reply.json).toMatchObject({ success: false, error: { code: 'validation' } });
    expect(Object.keys(reply.json.error.fields).sort()).toEqual(['assistantId', 'companyId', 'fromNumberIds.0', 'fromNumberIds.1']);
  });
});

describe('every other route, once', () => {
  it('GET /api/test-api-key', async () => {
    expect(expectOk(await call('GET', '/api/test-api-key'))).toEqual({ success: true, teamId: 'team_default', keyName: 'Seed key' });
  });

  it('companies: create, list, get, patch, delete', async () => {
    const company = expectOk(await call('POST', '/api/crm/companies', { name: 'Initech', city: 'Austin' }), 201).company;
    expect(company).toMatchObject({ id: expect.stringMatching(/^cmp_/), name: 'Initech', city: 'Austin', contactCount: 0 });
    await call('POST', '/api/crm/companies', { name: 'Globex' });
    const list = expectOk(await call('GET', '/api/crm/companies?search=init&limit=10&offset=0'));
    expect(list).toMatchObject({ total: 1, limit: 10, offset: 0, totalIsCapped: false });
    expect(list.companies.map((c: { name: string }) => c.name)).toEqual(['Initech']);
    expect(expectOk(await call('GET', `/api/crm/companies/${company.id}`)).company).toEqual(company);
    expect(expectOk(await call('PATCH', `/api/crm/companies/${company.id}`, { industry: 'Software' })).company).toMatchObject({ name: 'Initech', industry: 'Software' });
    expect(expectOk(await call('DELETE', `/api/crm/companies/${company.id}`))).toEqual({ success: true, deleted: { id: company.id } });
    expect((await call('GET', `/api/crm/companies/${company.id}`)).status).toBe(404);
    expect((await call('POST', '/api/crm/companies', { name: '' })).json.error.fields).toHaveProperty('name');
  });

  it('contacts: create, list with every filter, get, patch, delete, CSV import', async () => {
    const company = expectOk(await call('POST', '/api/crm/companies', { name: 'Acme' }), 201).company;
    const ada = expectOk(await call('POST', '/api/crm/contacts', { companyId: company.id, firstName: 'Ada', lastName: 'Lovelace', phone: '(202) 555-0401', leadStatus: 'qualified' }), 201).contact;
    expect(ada).toMatchObject({ phone: '+12025550401', leadStatus: 'qualified', eligible: true });
    const bob = expectOk(await call('POST', '/api/crm/contacts', { companyId: company.id, firstName: 'Bob', doNotCall: true, phone: '(202) 555-0402' }), 201).contact;
    expectOk(await call('POST', '/api/crm/contacts', { companyId: company.id, firstName: 'Cy' }), 201);

    const names = async (query: string) => expectOk(await call('GET', `/api/crm/contacts?${query}`)).contacts.map((c: { firstName: string }) => c.firstName).sort();
    expect(await names(`companyId=${company.id}`)).toEqual(['Ada', 'Bob', 'Cy']);
    expect(await names('search=lovel')).toEqual(['Ada']);
    expect(await names('leadStatus=qualified')).toEqual(['Ada']);
    expect(await names('doNotCall=true')).toEqual(['Bob']);
    expect(await names('doNotCall=false')).toEqual(['Ada', 'Cy']);
    expect(await names('hasPhone=true')).toEqual(['Ada', 'Bob']);
    const paged = expectOk(await call('GET', '/api/crm/contacts?limit=1&offset=1'));
    expect([paged.contacts.length, paged.total, paged.limit, paged.offset]).toEqual([1, 3, 1, 1]);
    expect((await call('GET', '/api/crm/contacts?leadStatus=hot')).json.error.fields).toHaveProperty('leadStatus');

    expect(expectOk(await call('GET', `/api/crm/contacts/${ada.id}`)).contact).toEqual(ada);
    expect(expectOk(await call('PATCH', `/api/crm/contacts/${bob.id}`, { doNotCall: false, jobTitle: 'CTO' })).contact).toMatchObject({ doNotCall: false, jobTitle: 'CTO', eligible: true });
    expect(expectOk(await call('DELETE', `/api/crm/contacts/${bob.id}`))).toEqual({ success: true, deleted: { id: bob.id } });
    expect((await call('GET', `/api/crm/contacts/${bob.id}`)).status).toBe(404);

    const csv = 'First Name,Last Name,Phone\r\nDee,One,(202) 555-0501\r\nEve,Two,not a phone\r\n';
    const imported = expectOk(await call('POST', `/api/crm/contacts/import?companyId=${company.id}`, csv, { 'content-type': 'text/csv' })).import;
    expect(imported).toMatchObject({ processedRows: 2, imported: 1, failed: 1, duplicates: 0 });
    expect(imported.errors).toEqual([{ row: 3, field: 'phone', reason: expect.stringMatching(/not a valid phone/) }]);
    expect(await names(`companyId=${company.id}&search=Dee`)).toEqual(['Dee']);
    const noCompany = await call('POST', '/api/crm/contacts/import', csv, { 'content-type': 'text/csv' });
    expect(noCompany.status).toBe(400);
    expect(noCompany.json.error.fields).toHaveProperty('companyId');
    expect((await call('POST', '/api/crm/contacts/import?companyId=cmp_nope', csv, { 'content-type': 'text/csv' })).status).toBe(400);
  });

  it('assistants: create, list, get, patch', async () => {
    const a = expectOk(await call('POST', '/api/assistants', { name: 'Closer', greeting: 'Hello', voicemailMessage: 'Bye', outboundEnabled: false }), 201).assistant;
    expect(a).toMatchObject({ name: 'Closer', greeting: 'Hello', voicemailMessage: 'Bye', outboundEnabled: false, outboundEligible: false });
    expect(expectOk(await call('GET', '/api/assistants')).assistants.map((x: { id: string }) => x.id)).toEqual([a.id]);
    expect(expectOk(await call('GET', '/api/assistants?outboundEligibleOnly=true')).assistants).toEqual([]);
    expect(expectOk(await call('GET', `/api/assistants/${a.id}`)).assistant).toEqual(a);
    expect(expectOk(await call('PATCH', `/api/assistants/${a.id}`, { outboundEnabled: true })).assistant).toMatchObject({ outboundEnabled: true, outboundEligible: false });
    expect((await call('POST', '/api/assistants', { name: 'x', greeting: 'g'.repeat(2001) })).json.error.fields).toHaveProperty('greeting');
  });

  it('phone numbers: create, list, get, patch; providerConfig is stored but never returned', async () => {
    const a = expectOk(await call('POST', '/api/assistants', { name: 'A', outboundEnabled: true }), 201).assistant;
    const created = await call('POST', '/api/phone-numbers', { number: '(202) 555-0601', label: 'Main', provider: 'sip', trunkId: await sipTrunkId(), status: 'active', assistantId: a.id, providerConfig: { password: 's3cret-value' } });
    const n = expectOk(created, 201).phoneNumber;
    expect(n).toMatchObject({ number: '+12025550601', label: 'Main', provider: 'sip', status: 'active', assistantId: a.id });
    expect(n).not.toHaveProperty('providerConfig');
    expect(created.text).not.toContain('s3cret-value');
    const list = await call('GET', `/api/phone-numbers?assistantId=${a.id}`);
    expect(expectOk(list).phoneNumbers.map((x: { id: string }) => x.id)).toEqual([n.id]);
    const one = await call('GET', `/api/phone-numbers/${n.id}`);
    expect(expectOk(one).phoneNumber).toEqual(n);
    const patched = await call('PATCH', `/api/phone-numbers/${n.id}`, { status: 'suspended', providerConfig: { password: 'n3w-secret' } });
    expect(expectOk(patched).phoneNumber).toMatchObject({ status: 'suspended' });
    for (const reply of [list, one, patched]) expect(reply.text).not.toMatch(/s3cret-value|n3w-secret|providerConfig/);
    // stored sealed, as every secret is
    expect(openStored(core, core.services.store.sqlite.prepare('SELECT provider_config FROM phone_numbers WHERE id = ?').pluck().get(n.id) as string)).toBe('{"password":"n3w-secret"}');
    expect((await call('POST', '/api/phone-numbers', { number: 'nope' })).json.error.fields).toHaveProperty('number');
  });

  it('campaigns: list, get, patch, run, dashboard, contacts, delete; calls', async () => {
    const ids = await seedWorld();
    const body = JSON.parse(substitute(SEED_CREATE, ids));
    const scheduled = expectOk(await call('POST', '/api/crm/campaigns', body), 201).campaign;
    delete body.scheduledStartAt;
    const draft = expectOk(await call('POST', '/api/crm/campaigns', { ...body, name: 'Draft one' }), 201).campaign;

    const list = expectOk(await call('GET', '/api/crm/campaigns'));
    expect(list).toMatchObject({ total: 2, limit: 50, offset: 0 });
    expect(list.campaigns.map((c: { id: string }) => c.id)).toEqual([draft.id, scheduled.id]);
    expect(expectOk(await call('GET', '/api/crm/campaigns?status=draft')).campaigns.map((c: { id: string }) => c.id)).toEqual([draft.id]);
    expect(expectOk(await call('GET', `/api/crm/campaigns?assistantId=${ids.asst_abc123}&limit=1&offset=1`)).campaigns.map((c: { id: string }) => c.id)).toEqual([scheduled.id]);
    expect((await call('GET', '/api/crm/campaigns?status=nope')).status).toBe(400);

    expect(expectOk(await call('GET', `/api/crm/campaigns/${scheduled.id}`)).campaign).toEqual(scheduled);
    const patched = expectOk(await call('PATCH', `/api/crm/campaigns/${draft.id}`, { maxConcurrentCalls: 5, scheduledStartAt: '2026-07-01T10:00' })).campaign;
    expect(patched).toMatchObject({ maxConcurrentCalls: 5, status: 'scheduled', scheduledStartAt: '2026-07-01T14:00:00.000Z' });

    expectOk(await call('POST', `/api/crm/campaigns/${scheduled.id}/contacts`, substitute(SEED_CONTACT_IDS, ids)));
    expect(expectOk(await call('POST', `/api/crm/campaigns/${scheduled.id}/run`, { action: 'start' })).campaign.status).toBe('running');
    const conflict = await call('PATCH', `/api/crm/campaigns/${scheduled.id}`, { maxConcurrentCalls: 2 });
    expect(conflict.status).toBe(409);
    expect(conflict.json).toMatchObject({ success: false, error: { code: 'conflict' } });
    expect(expectOk(await call('POST', `/api/crm/campaigns/${scheduled.id}/run`, { action: 'pause' })).campaign.status).toBe('paused');
    expect(expectOk(await call('POST', `/api/crm/campaigns/${scheduled.id}/run`, { action: 'resume' })).campaign.status).toBe('running');
    expect((await call('POST', `/api/crm/campaigns/${scheduled.id}/run`, { action: 'resume' })).status).toBe(409);
    expect((await call('POST', `/api/crm/campaigns/${scheduled.id}/run`, { action: 'explode' })).json.error.fields).toHaveProperty('action');

    const dashboard = expectOk(await call('GET', `/api/crm/campaigns/${scheduled.id}/dashboard`)).dashboard;
    expect(dashboard).toMatchObject({ campaignId: scheduled.id, status: 'running', total: 3, pending: 3, answered: 0, callsInProgress: [], recentCalls: [] });
    const queue = expectOk(await call('GET', `/api/crm/campaigns/${scheduled.id}/contacts?status=pending&limit=2`));
    expect([queue.contacts.length, queue.total, queue.limit]).toEqual([2, 3, 2]);

    const calls = expectOk(await call('GET', `/api/crm/calls?campaignId=${scheduled.id}`));
    expect(calls).toMatchObject({ calls: [], total: 0, limit: 50, offset: 0 });
    expect((await call('GET', '/api/crm/calls?campaignId=cmp_nope')).status).toBe(404);

    expect((await call('DELETE', `/api/crm/campaigns/${scheduled.id}`)).status).toBe(409);
    expect(expectOk(await call('POST', `/api/crm/campaigns/${scheduled.id}/run`, { action: 'cancel' })).campaign.status).toBe('cancelled');
    expect(expectOk(await call('DELETE', `/api/crm/campaigns/${scheduled.id}`))).toEqual({ success: true, deleted: { id: scheduled.id } });
    expect((await call('GET', `/api/crm/campaigns/${scheduled.id}`)).status).toBe(404);
  });

  it('GET /api/openapi.json describes every route (no key needed)', async () => {
    const reply = await send(port, '/api/openapi.json');
    expect(reply.status).toBe(200);
    const doc = reply.json;
    expect(doc.openapi).toMatch(/^3\.1/);
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    expect(documented.sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`).sort());
    // the routes the API must offer, named one by one
    for (const route of [
      'GET /api/test-api-key',
      'POST /api/crm/companies', 'GET /api/crm/companies', 'GET /api/crm/companies/{id}', 'PATCH /api/crm/companies/{id}', 'DELETE /api/crm/companies/{id}',
      'POST /api/crm/contacts', 'GET /api/crm/contacts', 'GET /api/crm/contacts/{id}', 'PATCH /api/crm/contacts/{id}', 'DELETE /api/crm/contacts/{id}', 'POST /api/crm/contacts/import',
      'POST /api/assistants', 'GET /api/assistants', 'PATCH /api/assistants/{id}',
      'POST /api/phone-numbers', 'GET /api/phone-numbers', 'PATCH /api/phone-numbers/{id}',
      'POST /api/crm/campaigns', 'GET /api/crm/campaigns', 'GET /api/crm/campaigns/{id}', 'PATCH /api/crm/campaigns/{id}', 'DELETE /api/crm/campaigns/{id}',
      'POST /api/crm/campaigns/{id}/contacts', 'GET /api/crm/campaigns/{id}/contacts', 'POST /api/crm/campaigns/{id}/run',
      'GET /api/crm/campaigns/{id}/dashboard', 'GET /api/crm/calls',
    ]) {
      expect(documented, route).toContain(route);
    }
    const create = doc.paths['/api/crm/campaigns'].post;
    expect(create.requestBody.content['application/json'].schema.properties).toHaveProperty('fromNumberIds');
    expect(doc.paths['/api/crm/contacts/import'].post.requestBody.content).toHaveProperty(['text/csv']);
    expect(doc.paths['/api/crm/contacts'].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['companyId', 'search', 'leadStatus', 'doNotCall', 'hasPhone', 'limit', 'offset']));
  });
});
