import Papa from 'papaparse';
import { beforeEach, describe, expect, it } from 'vitest';
import { createComplianceStore } from '../../main/compliance/complianceStore';
import type { Core } from '../../main/core';
import { addContact, makeWorld, required, T0, type World } from '../campaigns/fixtures';
import { send, startApiServer, type Reply } from '../api/http';
import { testCore } from '../support/core';

let core: Core;
let w: World;
let port: number;
let key: string;

const call = (method: string, path: string, body?: unknown): Promise<Reply> =>
  typeof body === 'string' ? send(port, path, { method, key, raw: body, headers: { 'content-type': 'text/csv' } }) : send(port, path, { method, key, body });

function fields(reply: Reply): Record<string, string> {
  expect(reply.status, reply.text).toBe(400);
  return reply.json.error.fields;
}

beforeEach(async () => {
  core = await testCore(() => T0);
  w = await makeWorld(core);
  port = (await startApiServer(core)).port;
  key = (await core.services.apiKeys.create(core.localTeam, 'Compliance')).key;
});

describe('compliance REST routes', () => {
  it('imports, lists with blocked counts, renames and deletes DNC lists', async () => {
    await addContact(w, w.acme.id, { phone: '+13055550100' });
    const imported = await call('POST', '/api/dnc-lists/import?name=Registry', 'phone\n(305) 555-0100\nnope\n');
    expect(imported.status, imported.text).toBe(200);
    expect(imported.json.import).toMatchObject({ added: 1, failed: 1, errors: [{ row: 3, field: 'phone' }], list: { name: 'Registry', blockedContacts: 1 } });
    const id = imported.json.import.list.id;

    const listed = await call('GET', '/api/dnc-lists');
    expect(listed.json.dncLists).toEqual([expect.objectContaining({ id, numbers: 1, blockedContacts: 1, blockedEnrolments: 0 })]);
    expect((await call('PATCH', `/api/dnc-lists/${id}`, { name: 'State' })).json.dncList.name).toBe('State');
    expect((await call('DELETE', `/api/dnc-lists/${id}`)).json).toEqual({ success: true, deleted: { id } });
    expect((await call('DELETE', `/api/dnc-lists/${id}`)).status).toBe(404);
  });

  it('answers 400 naming every bad field', async () => {
    expect(fields(await call('POST', '/api/dnc-lists/import', '3055550100'))).toEqual({ name: 'Give a list name or a listId (one of them)' });
    expect(fields(await call('POST', '/api/dnc-lists/import?name=X&listId=dnc_1', '3055550100'))).toEqual({ name: 'Give a list name or a listId (one of them)' });
    expect(fields(await call('POST', '/api/dnc-lists/import?name=%20&extra=1', ''))).toEqual({ name: 'Name is required', text: 'The file is empty', extra: 'Unknown field' });
    const { json } = await call('POST', '/api/dnc-lists/import?name=Registry', '3055550100');
    expect(fields(await call('PATCH', `/api/dnc-lists/${json.import.list.id}`, { name: '', colour: 'red' }))).toEqual({ name: 'Name is required', colour: 'Unknown field' });

    const campaign = await w.api.invoke('campaigns.create', required(w));
    expect(fields(await call('GET', `/api/crm/campaigns/${campaign.id}/decisions?limit=0&offset=-1&kind=x`))).toEqual({
      limit: expect.stringMatching(/>=1/), offset: expect.stringMatching(/>=0/), kind: 'Unknown field',
    });
    expect((await call('GET', '/api/crm/campaigns/cmp_nope/decisions')).status).toBe(404);
  });

  it('pages decisions and downloads them as CSV', async () => {
    const campaign = await w.api.invoke('campaigns.create', required(w));
    const contact = await addContact(w, w.acme.id, { firstName: 'Ann', phone: '+13055550100' });
    const store = createComplianceStore(core.services.store.sqlite);
    store.record({ teamId: w.team.teamId, campaignId: campaign.id, contactId: contact.id, at: T0, kind: 'hold', rule: 'rolling_cap', reason: 'FL: 3 attempts in 24 h reached', until: T0 + 60_000 });

    const page = await call('GET', `/api/crm/campaigns/${campaign.id}/decisions?contactId=${contact.id}`);
    expect(page.json).toMatchObject({ success: true, total: 1, decisions: [{ contactId: contact.id, kind: 'hold', reason: 'FL: 3 attempts in 24 h reached' }] });

    const csv = await call('GET', `/api/crm/campaigns/${campaign.id}/decisions.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="decisions-${campaign.id}.csv"`);
    expect(Papa.parse(csv.text.trim(), { header: true }).data).toEqual([
      { at: new Date(T0).toISOString(), contact_id: contact.id, first_name: 'Ann', last_name: contact.lastName, phone: '+13055550100', kind: 'hold', rule: 'rolling_cap', reason: 'FL: 3 attempts in 24 h reached', until: new Date(T0 + 60_000).toISOString() },
    ]);
    const missing = await call('GET', '/api/crm/campaigns/cmp_nope/decisions.csv');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^application\/json/);
  });
});
