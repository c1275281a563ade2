import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core';
import { T0 } from '../campaigns/fixtures';
import { testCore } from '../support/core';
import { addTeam, inMemoryApi } from '../support/inMemoryTransport';
import { tempDbFile } from '../support/tempDb';
import { send, startApiServer, startHost } from './http';

const KEY_FORMAT = /^dw_live_[A-Za-z0-9]{48}$/;

let core: Core;
let port: number;
let key: string;

beforeEach(async () => {
  core = await testCore(() => T0);
  ({ port } = await startHost(core));
  key = (await core.services.apiKeys.create(core.localTeam, 'Main key')).key;
});

function expectError(reply: { status: number; json: any; headers: Record<string, unknown> }, status: number, code: string) {
  expect(reply.status).toBe(status);
  expect(String(reply.headers['content-type'])).toMatch(/^application\/json/);
  expect(reply.json).toMatchObject({ success: false, error: { code, message: expect.any(String) } });
}

/** A campaign of another team, built through that team's own scope. */
async function otherTeamCampaign(teamId = 'team_b') {
  const team = addTeam(core, teamId, `Team ${teamId}`);
  const api = inMemoryApi(core, { ctx: team });
  const assistant = await api.invoke('assistants.create', { name: 'B', outboundEnabled: true });
  const number = await api.invoke('phoneNumbers.create', { number: '+12025550999', assistantId: assistant.id });
  const company = await api.invoke('companies.create', { name: 'B corp' });
  const campaign = await api.invoke('campaigns.create', { name: 'B campaign', assistantId: assistant.id, companyId: company.id, fromNumberIds: [number.id] });
  return { team, api, campaign, company };
}

describe('bearer keys', () => {
  it('a valid key -> 200 { success, teamId, keyName }', async () => {
    const reply = await send(port, '/api/test-api-key', { key });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ success: true, teamId: 'team_default', keyName: 'Main key' });
    // the scheme name is case-insensitive
    expect((await send(port, '/api/test-api-key', { headers: { authorization: `bearer ${key}` } })).status).toBe(200);
  });

  it('no Authorization header -> 401', async () => {
    expectError(await send(port, '/api/test-api-key'), 401, 'unauthorized');
    expectError(await send(port, '/api/crm/campaigns', { method: 'POST', body: {} }), 401, 'unauthorized');
  });

  it('malformed Authorization headers -> 401', async () => {
    for (const authorization of ['Bearer', 'Bearer ', `Basic ${Buffer.from(`x:${key}`).toString('base64')}`, key, `Token ${key}`, `Bearer ${key} extra`, `Bearer${key}`]) {
      expectError(await send(port, '/api/test-api-key', { headers: { authorization } }), 401, 'unauthorized');
    }
  });

  it('an unknown key -> 401, also one of the right shape', async () => {
    expectError(await send(port, '/api/test-api-key', { key: 'nope' }), 401, 'unauthorized');
    expectError(await send(port, '/api/test-api-key', { key: `dw_live_${'A'.repeat(48)}` }), 401, 'unauthorized');
    expectError(await send(port, '/api/test-api-key', { key: key.slice(0, -1) + (key.endsWith('a') ? 'b' : 'a') }), 401, 'unauthorized');
    expectError(await send(port, '/api/test-api-key', { key: key.toUpperCase() === key ? key.toLowerCase() : key.toUpperCase() }), 401, 'unauthorized');
  });

  it('a revoked key -> 401; other keys keep working', async () => {
    const second = await core.services.apiKeys.create(core.localTeam, 'Second');
    expect((await send(port, '/api/test-api-key', { key: second.key })).status).toBe(200);
    await core.services.apiKeys.revoke(core.localTeam, second.apiKey.id);
    expectError(await send(port, '/api/test-api-key', { key: second.key }), 401, 'unauthorized');
    expectError(await send(port, '/api/crm/campaigns', { key: second.key }), 401, 'unauthorized');
    expect((await send(port, '/api/test-api-key', { key })).status).toBe(200);
  });

  it('keys look like dw_live_ + 48 letters and digits, each different, shown once with a short prefix kept', async () => {
    const made = await Promise.all(Array.from({ length: 20 }, (_, i) => core.services.apiKeys.create(core.localTeam, `k${i}`)));
    for (const { key: k, apiKey } of made) {
      expect(k).toMatch(KEY_FORMAT);
      expect(apiKey.prefix).toBe(k.slice(0, 12));
      expect(apiKey).not.toHaveProperty('key');
    }
    expect(new Set(made.map((m) => m.key)).size).toBe(20);
    expect(key).toMatch(KEY_FORMAT);
    const listed = await core.services.apiKeys.list(core.localTeam);
    expect(JSON.stringify(listed)).not.toContain(key);
  });

  it('stores only a SHA-256 hash: the key text is nowhere in the database files', async () => {
    const { key: secret, apiKey } = await core.services.apiKeys.create(core.localTeam, 'Hashed');
    expect((await send(port, '/api/test-api-key', { key: secret })).status).toBe(200);
    const row = core.services.store.sqlite.prepare('SELECT * FROM api_keys WHERE id = ?').get(apiKey.id) as Record<string, unknown>;
    expect(row.key_hash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(Object.values(row)).not.toContain(secret);
    const file = core.services.store.file;
    const bytes = (path: string) => (existsSync(path) ? readFileSync(path) : Buffer.alloc(0));
    core.services.store.sqlite.pragma('wal_checkpoint(FULL)');
    for (const path of [file, `${file}-wal`]) {
      const content = bytes(path);
      for (const k of [secret, key]) {
        expect(content.includes(Buffer.from(k)), path).toBe(false);
        expect(content.includes(Buffer.from(k.slice(8))), path).toBe(false);
      }
    }
    expect(bytes(file).includes(Buffer.from(row.key_hash as string))).toBe(true);
  });
});

describe('team boundaries', () => {
  it("a key of team A cannot read or change team B's campaign (403, never 200)", async () => {
    const b = await otherTeamCampaign();
    const id = b.campaign.id;
    for (const [method, path, body] of [
      ['GET', `/api/crm/campaigns/${id}`],
      ['PATCH', `/api/crm/campaigns/${id}`, { name: 'Hijacked' }],
      ['DELETE', `/api/crm/campaigns/${id}`],
      ['POST', `/api/crm/campaigns/${id}/run`, { action: 'start' }],
      ['GET', `/api/crm/campaigns/${id}/dashboard`],
      ['GET', `/api/crm/campaigns/${id}/contacts`],
      ['POST', `/api/crm/campaigns/${id}/contacts`, { audience: { mode: 'all_eligible', companyId: b.company.id } }],
      ['GET', `/api/crm/calls?campaignId=${id}`],
    ] as [string, string, unknown?][]) {
      const reply = await send(port, path, { method, key, body });
      expect(reply.status, `${method} ${path}`).not.toBe(200);
      expectError(reply, 403, 'forbidden');
    }
    expect((await send(port, '/api/crm/campaigns', { key })).json.total).toBe(0);
    // B's own key sees it, untouched
    const bKey = (await core.services.apiKeys.create(b.team, 'B key')).key;
    const own = await send(port, `/api/crm/campaigns/${id}`, { key: bKey });
    expect(own.status).toBe(200);
    expect(own.json.campaign).toMatchObject({ name: 'B campaign', status: 'draft', teamId: 'team_b' });
    expect((await send(port, '/api/test-api-key', { key: bKey })).json).toEqual({ success: true, teamId: 'team_b', keyName: 'B key' });
  });

  it("another team's companies and contacts are simply not there (404)", async () => {
    const b = await otherTeamCampaign();
    const contact = await b.api.invoke('contacts.create', { companyId: b.company.id, firstName: 'Bee' });
    expectError(await send(port, `/api/crm/companies/${b.company.id}`, { key }), 404, 'not_found');
    expectError(await send(port, `/api/crm/contacts/${contact.id}`, { key }), 404, 'not_found');
    expect((await send(port, '/api/crm/contacts', { key })).json.total).toBe(0);
    const create = await send(port, '/api/crm/contacts', { method: 'POST', key, body: { companyId: b.company.id, firstName: 'Sneaky' } });
    expectError(create, 400, 'validation');
    expect(create.json.error.fields).toHaveProperty('companyId');
  });

  it('a teamId in the body or query that is not the key’s team -> 403; its own team is accepted', async () => {
    await otherTeamCampaign();
    expectError(await send(port, '/api/crm/companies', { method: 'POST', key, body: { teamId: 'team_b', name: 'X' } }), 403, 'forbidden');
    expectError(await send(port, '/api/crm/campaigns', { method: 'POST', key, body: { teamId: 'team_b', name: 'X' } }), 403, 'forbidden');
    expectError(await send(port, '/api/crm/companies', { method: 'POST', key, body: { teamId: 'nobody', name: 'X' } }), 403, 'forbidden');
    expectError(await send(port, '/api/crm/campaigns?teamId=team_b', { key }), 403, 'forbidden');
    expectError(await send(port, '/api/crm/contacts?teamId=team_b&limit=5', { key }), 403, 'forbidden');
    expect(core.services.store.sqlite.prepare("SELECT count(*) FROM companies WHERE name = 'X'").pluck().get()).toBe(0);

    const own = await send(port, '/api/crm/companies', { method: 'POST', key, body: { teamId: 'team_default', name: 'Mine' } });
    expect(own.status).toBe(201);
    expect(own.json.company).toMatchObject({ teamId: 'team_default', name: 'Mine' });
    expect((await send(port, '/api/crm/campaigns?teamId=team_default', { key })).status).toBe(200);
  });
});

describe('rate limit', () => {
  it('rateLimitPerHour: 3 -> the 4th request of a key is 429 with retry-after; another key is unaffected', async () => {
    const limited = await startHost(core, { rateLimitPerHour: 3 });
    const other = (await core.services.apiKeys.create(core.localTeam, 'Other')).key;
    for (let i = 0; i < 3; i++) expect((await send(limited.port, '/api/test-api-key', { key })).status).toBe(200);
    const fourth = await send(limited.port, '/api/crm/campaigns', { key });
    expectError(fourth, 429, 'rate_limited');
    const wait = Number(fourth.headers['retry-after']);
    expect(Number.isInteger(wait)).toBe(true);
    expect(wait).toBeGreaterThan(3500);
    expect(wait).toBeLessThanOrEqual(3600);
    expect((await send(limited.port, '/api/test-api-key', { key })).status).toBe(429);
    expect((await send(limited.port, '/api/test-api-key', { key: other })).status).toBe(200);
    // a bad key is refused as such, not counted against anyone
    expect((await send(limited.port, '/api/test-api-key', { key: 'dw_live_nope' })).status).toBe(401);
  });

  it('a source that presented 3 wrong keys in 10 minutes gets 429 with retry-after for any key it has not used before; proven keys and other sources are unaffected', async () => {
    let now = T0;
    const limited = await startHost(core, { failedKeysPerSource: 3, now: () => now });
    const attempt = (k: string, localAddress = '127.0.0.1') => send(limited.port, '/api/test-api-key', { key: k, localAddress });
    const wrong = (i: number) => `dw_live_${String(i).padStart(48, 'A')}`;
    expect((await attempt(key)).status).toBe(200);
    for (let i = 0; i < 3; i++) expectError(await attempt(wrong(i)), 401, 'unauthorized');
    now += 60_000;
    const throttled = await attempt(wrong(3));
    expectError(throttled, 429, 'rate_limited');
    expect(throttled.headers['retry-after']).toBe('540');
    // a right key it has not used is answered as a wrong one: guessing learns nothing while throttled
    const unused = (await core.services.apiKeys.create(core.localTeam, 'Unused')).key;
    expectError(await attempt(unused), 429, 'rate_limited');
    // the client that already works keeps working, its requests are not counted, and no key is not a guess
    for (let i = 0; i < 5; i++) expect((await attempt(key)).status).toBe(200);
    expectError(await send(limited.port, '/api/test-api-key'), 401, 'unauthorized');
    // another source is counted on its own
    expectError(await attempt(wrong(4), '127.0.0.2'), 401, 'unauthorized');
    expect((await attempt(unused, '127.0.0.2')).status).toBe(200);
    // once the first failures are 10 minutes old, the source is heard again
    now = T0 + 10 * 60_000;
    expectError(await attempt(wrong(5)), 401, 'unauthorized');
  });

  it('allows 20 wrong keys per source in 10 minutes by default', async () => {
    const wrong = (i: number) => `dw_live_${String(i).padStart(48, 'B')}`;
    expect((await send(port, '/api/test-api-key', { key })).status).toBe(200);
    for (let i = 0; i < 20; i++) expectError(await send(port, '/api/test-api-key', { key: wrong(i) }), 401, 'unauthorized');
    expectError(await send(port, '/api/crm/campaigns', { key: wrong(20) }), 429, 'rate_limited');
    expect((await send(port, '/api/crm/campaigns', { key })).status).toBe(200);
  });

  it('is 1000 per hour by default', async () => {
    const batch = await Promise.all(Array.from({ length: 50 }, () => send(port, '/api/test-api-key', { key })));
    expect(batch.every((r) => r.status === 200)).toBe(true);
  });
});

describe('transport rules', () => {
  it('a Host header that is not loopback -> 403 (host and desktop server), also with a valid key', async () => {
    const desktop = await startApiServer(core);
    for (const p of [port, desktop.port]) {
      expectError(await send(p, '/api/test-api-key', { key, headers: { host: `evil.example:${p}` } }), 403, 'forbidden');
      expectError(await send(p, '/api/test-api-key', { key, headers: { host: '127.0.0.1.evil.example' } }), 403, 'forbidden');
      expectError(await send(p, '/api/test-api-key', { key, headers: { origin: 'http://evil.example' } }), 403, 'forbidden');
      expectError(await send(p, '/api/test-api-key', { key, headers: { origin: `http://127.0.0.1:${p + 1}` } }), 403, 'forbidden');
      expect((await send(p, '/api/test-api-key', { key, headers: { origin: `http://127.0.0.1:${p}` } })).status).toBe(200);
      expect((await send(p, '/api/test-api-key', { key, headers: { host: `localhost:${p}` } })).status).toBe(200);
    }
  });

  it('an unknown route -> 404 JSON', async () => {
    expectError(await send(port, '/api/nope', { key }), 404, 'not_found');
    expectError(await send(port, '/api/crm/campaigns/x/y/z', { key }), 404, 'not_found');
    expectError(await send(port, '/api/crm/campaigns', { method: 'PUT', key, body: {} }), 404, 'not_found');
    expectError(await send(port, '/api/crm/campaigns/cmp_nope', { key }), 404, 'not_found');
    const desktop = await startApiServer(core);
    expectError(await send(desktop.port, '/index.html', { key }), 404, 'not_found');
  });

  it('a malformed %-escape in a path -> 400 naming the path (host and desktop server)', async () => {
    const desktop = await startApiServer(core);
    for (const p of [port, desktop.port]) {
      for (const [method, path] of [['GET', '/api/crm/campaigns/%E0%A4%A'], ['PATCH', '/api/crm/companies/%'], ['DELETE', '/api/crm/contacts/%zz'], ['GET', '/api/crm/campaigns/%C0/dashboard']]) {
        const reply = await send(p, path, { method, key, body: method === 'PATCH' ? { name: 'X' } : undefined });
        expectError(reply, 400, 'validation');
        expect(reply.json.error.fields, `${method} ${path}`).toEqual({ path: expect.any(String) });
      }
    }
  });

  it('malformed JSON -> 400 naming the body', async () => {
    for (const raw of ['{', '{"name": }', "{'name': 'x'}", 'undefined', '[1,]']) {
      const reply = await send(port, '/api/crm/campaigns', { method: 'POST', key, raw, headers: { 'content-type': 'application/json' } });
      expectError(reply, 400, 'validation');
      expect(reply.json.error.fields).toEqual({ body: expect.any(String) });
    }
  });

  it('a body over 1 MB -> 413, declared or streamed', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(1024 * 1024 + 10) });
    const declared = await send(port, '/api/crm/campaigns', { method: 'POST', key, raw: big, headers: { 'content-type': 'application/json' } });
    expectError(declared, 413, 'too_large');
    const chunked = await send(port, '/api/crm/campaigns', { method: 'POST', key, raw: big, chunked: true, headers: { 'content-type': 'application/json' } });
    expectError(chunked, 413, 'too_large');
    // just under the limit is read (and refused for its content, not its size)
    const under = await send(port, '/api/crm/campaigns', { method: 'POST', key, body: { name: 'x'.repeat(1024 * 1024 - 100) } });
    expect(under.status).toBe(400);
  });
});

describe('npm run api-key (the CLI)', () => {
  function cli(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'main/api/cli.ts', ...args], { cwd: process.cwd(), env: { ...process.env, NODE_OPTIONS: '' } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }
  const lines = (text: string) => text.split('\n').filter((l) => l.length > 0);

  it('create prints the key alone on its last line; it authenticates; list shows it; revoke makes it 401', async () => {
    const file = tempDbFile('cli.db');
    const created = await cli('create', '--db', file, '--name', 'CI robot');
    expect(created.code).toBe(0);
    expect(created.stderr).toBe('');
    const out = lines(created.stdout);
    const cliKey = out[out.length - 1];
    expect(cliKey).toMatch(KEY_FORMAT);
    const keyId = /API key (key_\w+)/.exec(created.stdout)?.[1];
    expect(keyId).toBeDefined();

    const served = await testCore(() => T0, { dbFile: file });
    {
      const { port: cliPort } = await startApiServer(served);
      expect((await send(cliPort, '/api/test-api-key', { key: cliKey })).json).toEqual({ success: true, teamId: 'team_default', keyName: 'CI robot' });

      const listed = await cli('list', '--db', file);
      expect(listed.code).toBe(0);
      expect(listed.stdout).toContain(keyId!);
      expect(listed.stdout).toContain('CI robot');
      expect(listed.stdout).toContain('active');
      expect(listed.stdout).not.toContain(cliKey);

      const revoked = await cli('revoke', '--db', file, '--id', keyId!);
      expect(revoked.code).toBe(0);
      expect(revoked.stdout).toContain(keyId!);
      expect((await send(cliPort, '/api/test-api-key', { key: cliKey })).status).toBe(401);
      expect((await cli('list', '--db', file)).stdout).toMatch(/revoked/);

      const again = await cli('revoke', '--db', file, '--id', keyId!);
      expect(again.code).not.toBe(0);
      expect(lines(again.stderr)).toHaveLength(1);
    }
    served.services.store.sqlite.pragma('wal_checkpoint(FULL)');
    expect(readFileSync(file).includes(Buffer.from(cliKey))).toBe(false);
  });

  it('the default name is used without --name', async () => {
    const file = tempDbFile('cli2.db');
    const created = await cli('create', '--db', file);
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('(API key)');
  });

  it('a bad command, a missing --db or --id exits non-zero with one line on stderr', async () => {
    const file = tempDbFile('cli3.db');
    for (const args of [['frobnicate', '--db', file], ['create'], ['revoke', '--db', file], [], ['create', '--db', file, '--bogus']]) {
      const result = await cli(...args);
      expect(result.code, args.join(' ')).not.toBe(0);
      expect(lines(result.stderr), args.join(' ')).toHaveLength(1);
      expect(result.stderr).toMatch(/^dialwell api-key: /);
      expect(result.stdout).toBe('');
    }
  });
});
