import { afterEach, describe, expect, it } from 'vitest';
import { realClock } from '../../main/platform/clock';
import { webhookOutbox } from '../../main/db/sqlite/webhookOutbox';
import { hostForEachTest } from '../api/http';
import { inMemoryApi } from '../support/inMemoryTransport';
import { startReceiver, type Answer } from './receiver';

const closing: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closing.length) await closing.pop()!();
});

describe('/api/webhooks over real HTTP', () => {
  const host = hostForEachTest();
  const { call } = host;

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
    const api = inMemoryApi(host.core);
    const made = await api.invoke('webhooks.create', { url: 'http://127.0.0.1:9/x', events: ['call.started'] });
    expect((await call('GET', '/api/webhooks')).json.webhooks.map((w: { id: string }) => w.id)).toEqual([made.webhook.id]);
    await expect(api.invoke('webhooks.update', { id: made.webhook.id, url: 'nope' })).rejects.toMatchObject({ code: 'validation', fields: { url: 'An http:// or https:// URL' } });
    const stranger = { teamId: 'team_other' };
    await expect(host.core.services.webhooks.rotateSecret(stranger, made.webhook.id)).rejects.toThrow(/does not exist/);
  });
});

describe('deliveries of the host’s own worker, as the app runs it (real clock, production timeout)', () => {
  const host = hostForEachTest(undefined, { dial: true, clock: realClock() });

  /** A loopback receiver subscribed through the API, and one opt-out event written as the dialer writes it. */
  async function subscribedAndSent(answer: Answer) {
    const receiver = await startReceiver(answer);
    closing.push(receiver.close);
    const created = await host.call('POST', '/api/webhooks', { url: receiver.url, events: ['contact.opted_out'] });
    receiver.useSecret(created.json.secret);
    const api = inMemoryApi(host.core);
    const company = await api.invoke('companies.create', { name: 'Acme' });
    const contact = await api.invoke('contacts.create', { companyId: company.id, firstName: 'Ada', lastName: 'L', phone: '+12125550100' });
    const sqlite = host.core.services.store.sqlite;
    sqlite.transaction(() => webhookOutbox(sqlite).contactOptedOut(contact.id, 'cmp_1', Date.now()))();
    const webhookId: string = created.json.webhook.id;
    const deliveries = async () => (await host.call('GET', `/api/webhooks/${webhookId}/deliveries`)).json.deliveries;
    return { receiver, webhookId, deliveries };
  }

  it('resends a delivered event through the API: it arrives again at the receiver with the same webhook-id and body', async () => {
    const { receiver, webhookId, deliveries } = await subscribedAndSent(() => 200);
    await expect.poll(async () => (await deliveries())[0]?.status).toBe('delivered');
    const [first] = await deliveries();
    expect(receiver.received).toHaveLength(1);

    const resent = await host.call('POST', `/api/webhooks/${webhookId}/deliveries/${first.id}/resend`);
    expect(resent.status, resent.text).toBe(200);
    expect(resent.json.delivery).toMatchObject({ eventId: first.eventId, status: 'pending', attempts: 0 });
    await expect.poll(() => receiver.received.length).toBe(2);
    const [original, again] = receiver.received;
    expect(again).toEqual({ ...original, id: first.eventId });
    expect(again.verified).toBe(true);
    await expect.poll(async () => (await deliveries()).map((d: { status: string }) => d.status)).toEqual(['delivered', 'delivered']);
  });

  it('cuts a receiver that never answers at 10 s and logs the attempt as such', async () => {
    const { receiver, deliveries } = await subscribedAndSent(() => 'hang');
    await expect.poll(async () => (await deliveries())[0]?.attempts, { timeout: 15_000, interval: 250 }).toBe(1);
    const [cut] = await deliveries();
    expect(receiver.received).toHaveLength(1);
    expect(cut).toMatchObject({ status: 'pending', lastStatusCode: null, lastError: 'No answer within 10 s' });
    expect(cut.lastDurationMs).toBeGreaterThanOrEqual(10_000);
    expect(cut.lastDurationMs).toBeLessThan(12_000);
  }, 30_000);
});
