import { beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core';
import { send, startHost } from '../api/http';
import { testCore } from '../support/core';
import { inMemoryApi } from '../support/inMemoryTransport';

let core: Core;
let port: number;
let key: string;

const call = (method: string, path: string, body?: unknown) => send(port, path, { method, key, body });

beforeEach(async () => {
  core = await testCore();
  ({ port } = await startHost(core));
  key = (await core.services.apiKeys.create(core.localTeam, 'Hooks key')).key;
});

describe('/api/webhooks over real HTTP', () => {
  it('creates an endpoint with its secret shown once; lists, patches, rotates and deletes it', async () => {
    const created = await call('POST', '/api/webhooks', { url: 'https://example.com/hooks', events: ['call.ended', 'call.ended', 'contact.opted_out'] });
    expect(created.status, created.text).toBe(201);
    const { webhook, secret } = created.json;
    expect(created.json).toEqual({ success: true, webhook: expect.objectContaining({ url: 'https://example.com/hooks', events: ['call.ended', 'contact.opted_out'], enabled: true }), secret });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);

    const listed = await call('GET', '/api/webhooks');
    expect(listed.json.webhooks.map((w: { id: string }) => w.id)).toEqual([webhook.id]);
    expect(listed.text).not.toContain(secret.slice(6));

    const patched = await call('PATCH', `/api/webhooks/${webhook.id}`, { enabled: false, events: ['call.started'] });
    expect(patched.json.webhook).toMatchObject({ enabled: false, events: ['call.started'], url: 'https://example.com/hooks' });
    expect(patched.text).not.toContain(secret.slice(6));

    const rotated = await call('POST', `/api/webhooks/${webhook.id}/rotate-secret`);
    expect(rotated.json.secret).toMatch(/^whsec_/);
    expect(rotated.json.secret).not.toBe(secret);

    expect((await call('GET', `/api/webhooks/${webhook.id}/deliveries`)).json).toEqual({ success: true, deliveries: [] });
    expect((await call('DELETE', `/api/webhooks/${webhook.id}`)).json).toEqual({ success: true, deleted: { id: webhook.id } });
    expect((await call('GET', '/api/webhooks')).json.webhooks).toEqual([]);
  });

  it('answers 400 naming every bad field, and 404 for an unknown endpoint or delivery', async () => {
    const bad = await call('POST', '/api/webhooks', { url: 'ftp://example.com', events: ['call.exploded'], extra: 1 });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json.error.fields).sort()).toEqual(['events.0', 'extra', 'url']);
    const empty = await call('POST', '/api/webhooks', { url: 'https://example.com', events: [] });
    expect(empty.json.error.fields).toEqual({ events: 'Choose at least one event' });
    expect((await call('PATCH', '/api/webhooks/wh_nope', { enabled: true })).status).toBe(404);
    const { webhook } = (await call('POST', '/api/webhooks', { url: 'https://example.com', events: ['call.ended'] })).json;
    expect((await call('PATCH', `/api/webhooks/${webhook.id}`, { enabled: 'yes' })).json.error.fields).toEqual({ enabled: 'true or false' });
    expect((await call('POST', `/api/webhooks/${webhook.id}/deliveries/whd_nope/resend`)).status).toBe(404);
    expect((await call('GET', `/api/webhooks/${webhook.id}/deliveries?limit=0`)).json.error.fields).toEqual({ limit: 'At least 1' });
  });

  it('keeps each team to its own endpoints, over IPC as over the API', async () => {
    const api = inMemoryApi(core);
    const made = await api.invoke('webhooks.create', { url: 'http://127.0.0.1:9/x', events: ['call.started'] });
    expect((await call('GET', '/api/webhooks')).json.webhooks.map((w: { id: string }) => w.id)).toEqual([made.webhook.id]);
    await expect(api.invoke('webhooks.update', { id: made.webhook.id, url: 'nope' })).rejects.toMatchObject({ code: 'validation', fields: { url: 'An http:// or https:// URL' } });
    const stranger = { teamId: 'team_other' };
    expect(() => core.services.webhooks.rotateSecret(stranger, made.webhook.id)).toThrow(/does not exist/);
  });
});
