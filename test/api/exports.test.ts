import { request } from 'node:http';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core';
import { EXPORT_PAGE_ROWS } from '../../main/db/sqlite/keysetPages';
import { EXPORT_PATH, EXPORT_REQUEST_PARAM } from '../../shared/contract/hostSession';
import type { CallHistory } from '../calls/callHistory';
import { T0 } from '../campaigns/fixtures';
import { seedExportHistory } from '../exports/exportFixture';
import { testCore } from '../support/core';
import { send, startApiServer, startHost } from './http';

let core: Core;
let h: CallHistory;
let key: string;

beforeEach(async () => {
  core = await testCore(() => T0);
  h = await seedExportHistory(core);
  key = (await core.services.apiKeys.create(core.localTeam, 'Exports key')).key;
});

/** Many more calls than one read takes, placed with one prepared insert. */
function addCalls(n: number): void {
  const { sqlite } = core.services.store;
  const insert = sqlite.prepare(
    `INSERT INTO calls (id, team_id, campaign_id, contact_id, attempt, from_number, to_number, status, outcome, provider, started_at, ended_at)
     VALUES (?, ?, ?, ?, 1, '+12025550100', ?, 'ended', 'no_answer', 'sip', ?, ?)`,
  );
  sqlite.transaction(() => {
    for (let i = 0; i < n; i++) insert.run(`call_bulk${i}`, h.w.team.teamId, h.spring.id, h.omar.id, h.omar.phone, T0 + i, T0 + i);
  })();
}

describe('exports over the REST API', () => {
  it('GET /api/crm/campaigns/{id}/results.csv is a CSV attachment; an unknown campaign a 404 and no key a 401', async () => {
    const { port } = await startApiServer(core);
    const reply = await send(port, `/api/crm/campaigns/${h.spring.id}/results.csv`, { key });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(reply.headers['content-disposition']).toBe(`attachment; filename="results-${h.spring.id}.csv"`);
    expect(reply.text.split('\r\n')).toHaveLength(4);
    expect(reply.text).toContain(`${h.dana.id},"'=HYPERLINK`);
    expect((await send(port, '/api/crm/campaigns/cmp_nope/results.csv', { key })).json).toMatchObject({ success: false, error: { code: 'not_found' } });
    expect((await send(port, `/api/crm/campaigns/${h.spring.id}/results.csv`)).status).toBe(401);
  });

  it('GET /api/crm/calls?format=jsonl|csv streams the filtered calls; a bad format or filter is a 400 naming it', async () => {
    const { port } = await startApiServer(core);
    const jsonl = await send(port, `/api/crm/calls?format=jsonl&campaignId=${h.renewals.id}`, { key });
    expect([jsonl.status, jsonl.headers['content-type']]).toEqual([200, 'application/x-ndjson; charset=utf-8']);
    expect(jsonl.text.trim().split('\n').map((line) => JSON.parse(line).id)).toEqual([h.ids.busy, h.ids.no_answer]);
    const csv = await send(port, '/api/crm/calls?format=csv&outcome=busy', { key });
    expect([csv.headers['content-type'], csv.text.split('\r\n')[1].split(',')[0]]).toEqual(['text/csv; charset=utf-8', h.ids.busy]);
    const bad = await send(port, '/api/crm/calls?format=xml&outcome=lost', { key });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json.error.fields).sort()).toEqual(['format', 'outcome']);
    // without a format the route is the paged list it was
    expect((await send(port, '/api/crm/calls?limit=2', { key })).json).toMatchObject({ success: true, total: 5 });
  });

  it('streams an export far larger than a read at the reader’s pace, answering other requests while it waits', async () => {
    const extra = EXPORT_PAGE_ROWS * 3;
    addCalls(extra);
    const { port } = await startApiServer(core);
    let lines = 0;
    let answeredMeanwhile = 0;
    await new Promise<void>((done, fail) => {
      const req = request({ host: '127.0.0.1', port, path: '/api/crm/calls?format=jsonl', headers: { authorization: `Bearer ${key}` } }, (res) => {
        expect(res.headers['transfer-encoding']).toBe('chunked');
        let paused = false;
        res.on('data', (chunk: Buffer) => {
          for (const byte of chunk) if (byte === 10) lines++;
          if (paused) return;
          // the first chunk is in: hold the rest back, and ask something else of the same server meanwhile
          paused = true;
          res.pause();
          send(port, '/api/test-api-key', { key })
            .then((other) => {
              if (other.status === 200 && lines < extra) answeredMeanwhile++;
              res.resume();
            })
            .catch(fail);
        });
        res.on('end', done).on('error', fail);
      });
      req.on('error', fail).end();
    });
    expect(answeredMeanwhile).toBe(1);
    expect(lines).toBe(extra + 5);
  });

  it('lists the export routes in the OpenAPI document', async () => {
    const { port } = await startApiServer(core);
    const doc = (await send(port, '/api/openapi.json')).json;
    expect(Object.keys(doc.paths['/api/crm/campaigns/{id}/results.csv'].get.responses['200'].content)).toEqual(['application/json', 'text/csv; charset=utf-8']);
    expect(doc.paths['/api/crm/calls'].get.parameters.map((p: { name: string }) => p.name)).toContain('format');
  });
});

describe("the headless host's export download", () => {
  async function logIn(port: number) {
    const reply = await send(port, '/?token=host-token');
    return { cookie: String(reply.headers['set-cookie']).split(';')[0], secret: new URLSearchParams(String(reply.headers.location).split('#')[1]).get('session') ?? '' };
  }
  const path = (request: unknown) => `${EXPORT_PATH}?${EXPORT_REQUEST_PARAM}=${encodeURIComponent(JSON.stringify(request))}`;

  it("answers the page's own script (cookie and session header) and no one else", async () => {
    const { port } = await startHost(core);
    const { cookie, secret } = await logIn(port);
    const results = path({ kind: 'results', campaignId: h.spring.id });
    const reply = await send(port, results, { headers: { cookie, 'x-dialwell-request': secret } });
    expect([reply.status, reply.headers['content-disposition']]).toEqual([200, `attachment; filename="results-${h.spring.id}.csv"`]);
    expect(reply.text.startsWith('contact_id,')).toBe(true);
    expect((await send(port, results, { headers: { cookie } })).status).toBe(403);
    expect((await send(port, results, { headers: { 'x-dialwell-request': secret } })).status).toBe(401);
    const bad = await send(port, path({ kind: 'calls', format: 'xml' }), { headers: { cookie, 'x-dialwell-request': secret } });
    expect([bad.status, Object.keys(bad.json.error.fields)]).toEqual([400, ['format']]);
  });
});
