import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core';
import { createHost, type Host } from '../../main/host/server';
import { testCore } from '../support/core';
import { resolve } from 'node:path';

const rendererDir = resolve('out/renderer');
let host: Host | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request, so Host and Origin can be anything a browser could send. */
function send(port: number, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => done({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', fail);
    req.end(options.body);
  });
}

async function startHost() {
  const core = await testCore();
  host = createHost({ core, rendererDir, token: 'secret-token' });
  const url = new URL(await host.listen(0));
  return { core, port: Number(url.port), url };
}

/** Trades the printed token for a session, as a browser does on its first visit: the cookie pages load with, and the headers a change needs. */
async function logIn(port: number) {
  const reply = await send(port, '/?token=secret-token');
  const cookie = String(reply.headers['set-cookie']).split(';')[0];
  const secret = new URLSearchParams(String(reply.headers.location).split('#')[1]).get('session') ?? '';
  return { cookie, secret, page: { cookie }, change: { cookie, 'content-type': 'application/json', 'x-dialwell-request': secret } };
}

describe('headless host access', () => {
  it('prints a loopback URL carrying the token', async () => {
    const { url } = await startHost();
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.searchParams.get('token')).toBe('secret-token');
  });

  it('refuses requests without the token or with a wrong one', async () => {
    const { port } = await startHost();
    expect((await send(port, '/')).status).toBe(401);
    expect((await send(port, '/rpc/app.info', { method: 'POST', body: '{}' })).status).toBe(401);
    expect((await send(port, '/', { headers: { cookie: 'dw_token=wrong' } })).status).toBe(401);
    expect((await send(port, '/', { headers: { cookie: `dw_session_${port}=wrong` } })).status).toBe(401);
    expect((await send(port, '/?token=secret-tokeN')).status).toBe(401);
    expect((await send(port, '/events', { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
  });

  it('trades the URL token for an HttpOnly cookie and strips it from the address', async () => {
    const { port } = await startHost();
    const reply = await send(port, '/?token=secret-token');
    expect(reply.status).toBe(303);
    expect(String(reply.headers.location)).toMatch(/^\/#session=[\w-]{32}$/);
    expect(String(reply.headers['set-cookie'])).toMatch(new RegExp(`^dw_session_${port}=[\\w-]{32}; HttpOnly; SameSite=Strict; Path=/$`));
    const { page: auth } = await logIn(port);
    const page = await send(port, '/', { headers: auth });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root">');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('refuses a Host or Origin that is not a loopback name (DNS rebinding)', async () => {
    const { port } = await startHost();
    const { page: auth } = await logIn(port);
    expect((await send(port, '/', { headers: { ...auth, host: `evil.example:${port}` } })).status).toBe(403);
    expect((await send(port, '/', { headers: { ...auth, host: `127.0.0.1.evil.example` } })).status).toBe(403);
    expect((await send(port, '/rpc/app.info', { method: 'POST', body: '{}', headers: { ...(await logIn(port)).change, origin: 'http://evil.example' } })).status).toBe(403);
    expect((await send(port, '/', { headers: { ...auth, host: `localhost:${port}` } })).status).toBe(200);
    expect((await send(port, '/', { headers: { ...auth, host: `[::1]:${port}`, origin: `http://localhost:${port}` } })).status).toBe(200);
  });

  it('answers the handler table over /rpc with typed envelopes', async () => {
    const { port } = await startHost();
    const { change } = await logIn(port);
    const rpc = (channel: string, body: unknown) =>
      send(port, `/rpc/${channel}`, { method: 'POST', body: JSON.stringify(body), headers: change }).then((r) => ({ ...r, json: JSON.parse(r.body) }));
    const created = await rpc('companies.create', { name: 'Acme' });
    expect(created.json).toMatchObject({ ok: true, value: { name: 'Acme' } });
    const bad = await rpc('contacts.create', { companyId: created.json.value.id, phone: 'not a phone', email: 'nope' });
    expect(bad.json.ok).toBe(false);
    expect(bad.json.error.code).toBe('validation');
    expect(Object.keys(bad.json.error.fields).sort()).toEqual(['email', 'phone']);
    expect((await rpc('no.such', {})).json.error.code).toBe('not_found');
  });

  it('answers malformed JSON with a 400 naming the body', async () => {
    const { port } = await startHost();
    const reply = await send(port, '/rpc/companies.create', { method: 'POST', body: '{"name":', headers: (await logIn(port)).change });
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body).error.fields).toHaveProperty('body');
  });

  it('pushes events to server-sent-event clients', async () => {
    const { port } = await startHost();
    const { page: auth, change } = await logIn(port);
    const frames = await new Promise<string>((done, fail) => {
      const req = request({ host: '127.0.0.1', port, path: '/events', headers: auth }, (res) => {
        expect(res.headers['content-type']).toBe('text/event-stream');
        let text = '';
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if (text.includes('event: crm.changed')) {
            req.destroy();
            done(text);
          }
        });
        void send(port, '/rpc/companies.create', { method: 'POST', body: '{"name":"Pushed"}', headers: change });
      });
      req.on('error', fail);
      req.end();
    });
    expect(frames).toContain('data: {"entity":"company"}');
  });
});

describe('requests from another origin (another port of 127.0.0.1, say)', () => {
  const companyCount = (core: Core) => core.services.store.sqlite.prepare('SELECT count(*) FROM companies').pluck().get();

  it('an Origin that is not this host exactly (scheme, name and port) -> 403, with a full session; nothing changes', async () => {
    const { core, port } = await startHost();
    const { change } = await logIn(port);
    const create = (origin: string) => send(port, '/rpc/companies.create', { method: 'POST', body: JSON.stringify({ name: `From ${origin}` }), headers: { ...change, origin } });
    for (const origin of [`http://127.0.0.1:${port + 1}`, `http://localhost:${port - 1}`, `https://127.0.0.1:${port}`, 'http://127.0.0.1', 'null', `http://127.0.0.1:${port}.evil.example`]) {
      const reply = await create(origin);
      expect(reply.status, origin).toBe(403);
      expect(JSON.parse(reply.body).error.code).toBe('forbidden');
    }
    expect(companyCount(core)).toBe(0);
    for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`]) expect((await create(origin)).status, origin).toBe(200);
    expect(companyCount(core)).toBe(2);
  });

  it('a change without JSON and the session header -> 403 and nothing changes; GETs need only the cookie', async () => {
    const { core, port } = await startHost();
    const { cookie, secret, change, page } = await logIn(port);
    const post = (headers: Record<string, string>, body = '{"name":"Forged"}') => send(port, '/rpc/companies.create', { method: 'POST', body, headers: { cookie, ...headers } });
    const refused = [
      // what a form can send: text/plain (with a body that parses as JSON), urlencoded, multipart
      await post({ 'content-type': 'text/plain' }, '{"name":"Forged","x":"="}'),
      await post({ 'content-type': 'application/x-www-form-urlencoded' }, 'name=Forged'),
      await post({ 'content-type': 'multipart/form-data; boundary=x' }),
      // a credentialed fetch that avoids a preflight, and ones that guess the header
      await post({ 'content-type': 'text/plain;charset=UTF-8' }),
      await post({ 'content-type': 'application/json' }),
      await post({ 'content-type': 'application/json', 'x-dialwell-request': '1' }),
      await post({ 'content-type': 'application/json', 'x-dialwell-request': `${secret}x` }),
      await post({ 'content-type': 'text/plain', 'x-dialwell-request': secret }),
      await send(port, '/rpc/companies.create', { method: 'PUT', body: '{"name":"Forged"}', headers: { ...change, 'x-dialwell-request': '1' } }),
    ];
    for (const reply of refused) {
      expect(reply.status).toBe(403);
      expect(JSON.parse(reply.body)).toMatchObject({ success: false, error: { code: 'forbidden' } });
    }
    expect(companyCount(core)).toBe(0);
    expect((await post({ 'content-type': 'application/json; charset=utf-8', 'x-dialwell-request': secret })).status).toBe(200);
    expect(companyCount(core)).toBe(1);
    expect((await send(port, '/', { headers: page })).status).toBe(200);
    expect((await send(port, '/assets/none.js', { headers: page })).status).toBe(404);
  });

  it('grants no CORS preflight', async () => {
    const { port } = await startHost();
    const { cookie } = await logIn(port);
    for (const origin of [`http://127.0.0.1:${port + 1}`, `http://127.0.0.1:${port}`]) {
      const reply = await send(port, '/rpc/companies.create', {
        method: 'OPTIONS',
        headers: { cookie, origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-dialwell-request' },
      });
      expect(reply.status).toBeGreaterThanOrEqual(400);
      expect(Object.keys(reply.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    }
  });

  it('the cookie is named by port and holds a session id, never the token; the token, or the cookie of another port, opens nothing', async () => {
    const { port } = await startHost();
    const { cookie, secret } = await logIn(port);
    const [name, value] = cookie.split('=');
    expect(name).toBe(`dw_session_${port}`);
    for (const held of [value, secret]) {
      expect(held).not.toContain('secret-token');
      expect(held.length).toBeGreaterThanOrEqual(32);
    }
    expect(secret).not.toBe(value);
    expect((await send(port, '/', { headers: { cookie: `dw_token=secret-token; dw_session_${port}=secret-token` } })).status).toBe(401);
    expect((await send(port, '/', { headers: { cookie: `dw_session_${port + 1}=${value}` } })).status).toBe(401);
    // the cookie a server on another port sees, replayed with JSON and a guessed header, changes nothing
    expect((await send(port, '/rpc/apiKeys.create', { method: 'POST', body: '{"name":"Forged"}', headers: { cookie, 'content-type': 'application/json', 'x-dialwell-request': '1' } })).status).toBe(403);
    // a second visit with the token opens the same session
    expect((await logIn(port)).cookie).toBe(cookie);
  });

  it('a malformed %-escape in a path -> 400 naming the path, not 500', async () => {
    const { port } = await startHost();
    const { page } = await logIn(port);
    for (const path of ['/%E0%A4%A', '/assets/%', '/x%zz.js']) {
      const reply = await send(port, path, { headers: page });
      expect(reply.status, path).toBe(400);
      expect(JSON.parse(reply.body)).toMatchObject({ success: false, error: { code: 'validation', fields: { path: expect.any(String) } } });
    }
  });
});
