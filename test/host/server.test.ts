import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
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

const auth = { cookie: 'dw_token=secret-token' };

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
    expect((await send(port, '/?token=secret-tokeN')).status).toBe(401);
    expect((await send(port, '/events', { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
  });

  it('trades the URL token for an HttpOnly cookie and strips it from the address', async () => {
    const { port } = await startHost();
    const reply = await send(port, '/?token=secret-token');
    expect(reply.status).toBe(303);
    expect(reply.headers.location).toBe('/');
    expect(String(reply.headers['set-cookie'])).toMatch(/dw_token=secret-token; HttpOnly; SameSite=Strict/);
    const page = await send(port, '/', { headers: auth });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root">');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('refuses a Host or Origin that is not a loopback name (DNS rebinding)', async () => {
    const { port } = await startHost();
    expect((await send(port, '/', { headers: { ...auth, host: `evil.example:${port}` } })).status).toBe(403);
    expect((await send(port, '/', { headers: { ...auth, host: `127.0.0.1.evil.example` } })).status).toBe(403);
    expect((await send(port, '/rpc/app.info', { method: 'POST', body: '{}', headers: { ...auth, origin: 'http://evil.example' } })).status).toBe(403);
    expect((await send(port, '/', { headers: { ...auth, host: `localhost:${port}` } })).status).toBe(200);
    expect((await send(port, '/', { headers: { ...auth, host: `[::1]:${port}`, origin: `http://localhost:${port}` } })).status).toBe(200);
  });

  it('answers the handler table over /rpc with typed envelopes', async () => {
    const { port } = await startHost();
    const rpc = (channel: string, body: unknown) =>
      send(port, `/rpc/${channel}`, { method: 'POST', body: JSON.stringify(body), headers: auth }).then((r) => ({ ...r, json: JSON.parse(r.body) }));
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
    const reply = await send(port, '/rpc/companies.create', { method: 'POST', body: '{"name":', headers: auth });
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body).error.fields).toHaveProperty('body');
  });

  it('pushes events to server-sent-event clients', async () => {
    const { port } = await startHost();
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
        void send(port, '/rpc/companies.create', { method: 'POST', body: '{"name":"Pushed"}', headers: auth });
      });
      req.on('error', fail);
      req.end();
    });
    expect(frames).toContain('data: {"entity":"company"}');
  });
});
