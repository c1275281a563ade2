import { request } from 'node:http';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core';
import { REQUEST_SECRET_HEADER, SESSION_FRAGMENT_PARAM } from '../../shared/contract/hostSession';
import { send, startHost } from '../api/http';
import { testCore } from '../support/core';

const MB = 1024 * 1024;

let core: Core;
let port: number;
let key: string;
/** The headers of a change from the host's own page (its session cookie and request secret). */
let page: Record<string, string>;

beforeEach(async () => {
  core = await testCore();
  ({ port } = await startHost(core));
  key = (await core.services.apiKeys.create(core.localTeam, 'Limits')).key;
  const login = await send(port, '/?token=host-token');
  const secret = new URLSearchParams(String(login.headers.location).split('#')[1]).get(SESSION_FRAGMENT_PARAM)!;
  page = { cookie: String(login.headers['set-cookie']).split(';')[0], 'content-type': 'application/json', [REQUEST_SECRET_HEADER]: secret };
});

interface Upload {
  status: number;
  json: { success: boolean; error?: { code: string } };
  sentBytes: number;
}

/**
 * Streams `totalBytes` of `fill` (after `prefix`) as a request body, declared or chunked, the way a client pushing a
 * huge file does: it keeps writing while the connection lasts. Resolves with the answer once the connection has closed.
 */
function upload(path: string, headers: Record<string, string>, totalBytes: number, { chunked = false, prefix = '', fill = 'x' } = {}): Promise<Upload> {
  return new Promise((resolve, reject) => {
    const chunk = Buffer.alloc(64 * 1024, fill);
    let sentBytes = 0;
    let answered = false;
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers: chunked ? headers : { ...headers, 'content-length': String(totalBytes) } }, (res) => {
      answered = true;
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      const closed = new Promise((done) => req.once('close', done));
      res.on('end', () => void closed.then(() => resolve({ status: res.statusCode!, json: JSON.parse(text), sentBytes })));
    });
    // a server that stops reading makes further writes fail: expected once it has answered
    req.on('error', () => {});
    req.once('close', () => setImmediate(() => answered || reject(new Error('the connection closed without an answer'))));
    const pump = () => {
      if (sentBytes === 0) sentBytes += prefix.length && (req.write(prefix), prefix.length);
      while (sentBytes < totalBytes && !req.destroyed) {
        sentBytes += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

function expectRefused(reply: Upload, totalBytes: number) {
  expect(reply.status).toBe(413);
  expect(reply.json).toMatchObject({ success: false, error: { code: 'too_large' } });
  // the answer came, then the connection was cut well before the client had sent it all
  expect(reply.sentBytes).toBeLessThan(totalBytes);
}

describe('body limits (real HTTP)', () => {
  it('refuses an RPC body over 10 MB, declared or streamed, with a 413, then cuts the upload, and keeps no memory of it', async () => {
    const rssBefore = process.memoryUsage().rss;
    expectRefused(await upload('/rpc/app.info', page, 290 * MB, { chunked: true }), 290 * MB);
    expectRefused(await upload('/rpc/app.info', page, 290 * MB), 290 * MB);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * MB);
    // the host goes on answering
    expect((await send(port, '/rpc/app.info', { method: 'POST', headers: page, raw: '{}' })).json).toMatchObject({ ok: true });
  });

  it('takes a CSV file of up to 50 MB in the RPC channels that carry one', async () => {
    const row = '\nAda Lovelace,(212) 555-0101,ada@example.com';
    const csv = `Full Name,Mobile,E-mail${row.repeat(Math.ceil((12 * MB) / row.length))}`;
    const preview = await send(port, '/rpc/contacts.importPreview', { method: 'POST', headers: page, raw: JSON.stringify({ csv }) });
    expect(preview.json).toMatchObject({ ok: true, value: { headers: ['Full Name', 'Mobile', 'E-mail'] } });
    // the same size is too much for any other channel
    expect((await upload('/rpc/companies.create', page, 12 * MB, { prefix: '{"name":"' })).status).toBe(413);
    expectRefused(await upload('/rpc/contacts.import', page, 51 * MB, { prefix: '{"companyId":"x","csv":"' }), 51 * MB);
  });

  it('refuses a REST CSV import over 50 MB the same way, and answers JSON bodies within their own limit', async () => {
    const company = await core.services.companies.create(core.localTeam, { name: 'Acme', website: null, industry: null, phone: null, city: null, state: null, country: null, customFields: {} });
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'text/csv' };
    expectRefused(await upload(`/api/crm/contacts/import?companyId=${company.id}`, headers, 150 * MB, { prefix: 'Phone\n', fill: '1' }), 150 * MB);
    expectRefused(await upload(`/api/crm/contacts/import?companyId=${company.id}`, headers, 150 * MB, { prefix: 'Phone\n', fill: '1', chunked: true }), 150 * MB);
    const small = await send(port, `/api/crm/contacts/import?companyId=${company.id}`, { method: 'POST', key, raw: 'Phone\n(212) 555-0101\n', headers: { 'content-type': 'text/csv' } });
    expect(small.json).toMatchObject({ success: true, import: { imported: 1 } });
  });

  it('answers other requests while a large import runs', async () => {
    const company = await core.services.companies.create(core.localTeam, { name: 'Acme', website: null, industry: null, phone: null, city: null, state: null, country: null, customFields: {} });
    const csv = ['Phone', ...Array.from({ length: 20_000 }, (_, i) => `+1212${String(5550000 + i)}`)].join('\n');
    let importDone = false;
    const importing = send(port, `/api/crm/contacts/import?companyId=${company.id}`, { method: 'POST', key, raw: csv, headers: { 'content-type': 'text/csv' } }).then((reply) => {
      importDone = true;
      return reply;
    });
    let answeredDuring = 0;
    // probes paced well under the key's 1,000 requests an hour, whatever the machine's speed
    for (let sent = 0; !importDone && sent < 900; sent++) {
      const probe = await send(port, '/api/crm/companies', { key });
      expect(probe.status).toBe(200);
      if (!importDone) answeredDuring++;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect((await importing).json).toMatchObject({ success: true, import: { imported: 20_000 } });
    expect(answeredDuring).toBeGreaterThan(0);
  });
});
