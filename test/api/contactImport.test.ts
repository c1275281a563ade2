import { beforeEach, describe, expect, it } from 'vitest';
import { buildOpenApi } from '../../main/api/openapi';
import type { Core } from '../../main/core';
import { testCore } from '../support/core';
import { send, startApiServer } from './http';

let core: Core;
let port: number;
let key: string;
let companyId: string;

beforeEach(async () => {
  core = await testCore();
  ({ port } = await startApiServer(core));
  key = (await core.services.apiKeys.create(core.localTeam, 'Import key')).key;
  companyId = (await send(port, '/api/crm/companies', { method: 'POST', key, body: { name: 'Acme' } })).json.company.id;
});

const CSV = 'Phone,Plan Tier,Internal\r\n(202) 555-0701,Gold,secret\r\n';

const importCsv = (mapping?: unknown) => {
  const query = new URLSearchParams({ companyId, ...(mapping === undefined ? {} : { mapping: typeof mapping === 'string' ? mapping : JSON.stringify(mapping) }) });
  return send(port, `/api/crm/contacts/import?${query}`, { method: 'POST', key, raw: CSV, headers: { 'content-type': 'text/csv' } });
};

const customFieldsOf = async () => (await send(port, `/api/crm/contacts?companyId=${companyId}`, { key })).json.contacts.map((c: { customFields: unknown }) => c.customFields);

describe('POST /api/crm/contacts/import with custom field columns', () => {
  it('fills a custom field from every column no contact field matches', async () => {
    expect((await importCsv()).json).toMatchObject({ success: true, import: { imported: 1, failed: 0 } });
    expect(await customFieldsOf()).toEqual([{ plan_tier: 'Gold', internal: 'secret' }]);
  });

  it('takes ?mapping= as JSON: a column renamed, another ignored', async () => {
    const reply = await importCsv({ 'Plan Tier': 'custom:plan', Internal: 'ignore' });
    expect(reply.json).toMatchObject({ success: true, import: { imported: 1 } });
    expect(await customFieldsOf()).toEqual([{ plan: 'Gold' }]);
  });

  it('answers a bad mapping with 400 naming each bad column, and imports nothing', async () => {
    const bad = await importCsv({ Phone: 'fax', 'Plan Tier': 'custom:a{b', Internal: 'custom:' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json.error.fields).sort()).toEqual(['mapping.Internal', 'mapping.Phone', 'mapping.Plan Tier']);
    expect(bad.json.error.fields['mapping.Phone']).toMatch(/Must be one of .*phone.*custom:<key>/);
    const notJson = await importCsv('{"Phone":');
    expect([notJson.status, Object.keys(notJson.json.error.fields)]).toEqual([400, ['mapping']]);
    expect(await customFieldsOf()).toEqual([]);
  });

  it('documents ?mapping= in the OpenAPI document', () => {
    const doc = buildOpenApi() as { paths: Record<string, { post: { parameters: { name: string }[] } }> };
    expect(doc.paths['/api/crm/contacts/import'].post.parameters.map((p) => p.name)).toEqual(['companyId', 'mapping']);
  });
});
