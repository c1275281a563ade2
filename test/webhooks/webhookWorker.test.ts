import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../main/core';
import { VirtualClock } from '../../main/platform/clock';
import { silentLogger } from '../../main/platform/log';
import { KEY_FILE } from '../../main/platform/dataFolder';
import { keyFileSealer } from '../../main/platform/secrets';
import { webhookOutbox } from '../../main/db/sqlite/webhookOutbox';
import type { WebhookStore } from '../../main/webhooks/store';
import { createWebhookWorker, DELIVERY_TIMEOUT_MS, FIRST_RETRY_MS, RETRY_WINDOW_MS, type WebhookWorker } from '../../main/webhooks/worker';
import type { EndpointDisabled } from '../../shared/webhooks/types';
import { testCore } from '../support/core';
import { inMemoryApi } from '../support/inMemoryTransport';
import { openStored } from '../support/secrets';
import { startReceiver, type Answer } from './receiver';

const START = Date.parse('2026-03-02T10:00:00Z');
const team = { teamId: 'team_default' };

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/**
 * A workspace, a loopback receiver subscribed to opt-outs, a worker on a virtual clock, and a way to write events;
 * `storeAsSeen` is the store as the worker sees it (the workspace's own unless given).
 */
async function setUp(answer: Answer, worker: { timeoutMs?: number; inFlightPerEndpoint?: number } = {}, storeAsSeen = (store: WebhookStore) => store) {
  const clock = new VirtualClock(START);
  const core: Core = await testCore(() => clock.now());
  const receiver = await startReceiver(answer);
  cleanups.push(receiver.close);
  const { webhook, secret } = await core.services.webhooks.create(team, { url: receiver.url, events: ['contact.opted_out'] });
  receiver.useSecret(secret);
  const api = inMemoryApi(core);
  const company = await api.invoke('companies.create', { name: 'Acme' });
  const contact = await api.invoke('contacts.create', { companyId: company.id, firstName: 'Ada', lastName: 'L', phone: '+12125550100' });
  const disabled: EndpointDisabled[] = [];
  const sqlite = core.services.store.sqlite;
  const running: WebhookWorker = createWebhookWorker({
    store: storeAsSeen(core.services.webhooks.store),
    sealer: keyFileSealer(join(dirname(core.services.store.file), KEY_FILE)),
    clock,
    log: silentLogger,
    random: () => 0.5,
    onEndpointDisabled: (d) => disabled.push(d),
    ...worker,
  });
  running.start();
  cleanups.push(running.stop);
  const outbox = webhookOutbox(sqlite);
  /** Writes one event in its own transaction and tells the worker, which sends it once the clock runs. */
  const write = (campaignId = 'cmp_1') => {
    sqlite.transaction(() => outbox.contactOptedOut(contact.id, campaignId, clock.now()))();
    running.wake();
  };
  return {
    clock,
    core,
    receiver,
    webhook,
    secret,
    disabled,
    contactId: contact.id,
    worker: running,
    write,
    /** Writes one event and lets the worker send it. */
    async emit(campaignId = 'cmp_1') {
      write(campaignId);
      await clock.runUntil(clock.now());
    },
    /** Writes an event, tells the worker inside the transaction, then rolls it back. */
    async emitRolledBack() {
      expect(() =>
        sqlite.transaction(() => {
          outbox.contactOptedOut(contact.id, 'cmp_gone', clock.now());
          running.wake();
          throw new Error('the change failed');
        })(),
      ).toThrow('the change failed');
      await clock.runUntil(clock.now() + 60_000);
    },
    delivery: async () => (await core.services.webhooks.deliveries(team, { id: webhook.id }))[0],
  };
}

describe('webhook worker', () => {
  it('delivers an event signed so the standardwebhooks library verifies it, with the { type, timestamp, data } body', async () => {
    const w = await setUp(() => 200);
    await w.emit();
    expect(w.receiver.received).toHaveLength(1);
    const [got] = w.receiver.received;
    expect(got.verified).toBe(true);
    const body = JSON.parse(got.body);
    expect(body).toMatchObject({ type: 'contact.opted_out', timestamp: '2026-03-02T10:00:00.000Z', data: { firstName: 'Ada', phone: '+12125550100', campaignId: 'cmp_1' } });
    expect(await w.delivery()).toMatchObject({ status: 'delivered', attempts: 1, lastStatusCode: 200, lastError: null, eventId: got.id });
  });

  it('retries a receiver that answers 500 three times: 4 arrivals of the same id and body, each gap longer than the one before', async () => {
    const w = await setUp((n) => (n <= 3 ? 500 : 200));
    const arrivals: number[] = [];
    await w.emit();
    arrivals.push(w.clock.now());
    while ((await w.delivery()).status === 'pending') {
      await w.clock.runUntil((await w.delivery()).nextAttemptAt!);
      arrivals.push(w.clock.now());
    }
    expect(w.receiver.received).toHaveLength(4);
    expect(new Set(w.receiver.received.map((r) => r.id)).size).toBe(1);
    expect(new Set(w.receiver.received.map((r) => r.body)).size).toBe(1);
    expect(w.receiver.received.every((r) => r.verified)).toBe(true);
    const gaps = arrivals.slice(1).map((at, i) => at - arrivals[i]);
    expect(gaps[0]).toBeGreaterThanOrEqual(FIRST_RETRY_MS / 2);
    expect(gaps[1]).toBeGreaterThan(gaps[0]);
    expect(gaps[2]).toBeGreaterThan(gaps[1]);
    expect(await w.delivery()).toMatchObject({ status: 'delivered', attempts: 4, lastStatusCode: 200 });
  });

  it('cuts a receiver that does not answer at the timeout and retries it later (the production timeout is 10 s)', async () => {
    expect(DELIVERY_TIMEOUT_MS).toBe(10_000);
    const w = await setUp((n) => (n === 1 ? 'hang' : 200), { timeoutMs: 150 });
    const started = performance.now();
    await w.emit();
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(await w.delivery()).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: null, lastError: 'No answer within 0.15 s' });
    await w.clock.runUntil((await w.delivery()).nextAttemptAt!);
    expect(await w.delivery()).toMatchObject({ status: 'delivered', attempts: 2 });
  });

  it('gives up after 24 hours of failures: the delivery is failed and the endpoint turned off, with a notice', async () => {
    const w = await setUp(() => 503);
    await w.emit();
    await w.clock.runUntil(START + RETRY_WINDOW_MS + 60 * 60_000);
    expect(await w.delivery()).toMatchObject({ status: 'failed', lastStatusCode: 503 });
    expect(w.receiver.received.length).toBeGreaterThan(10);
    const endpoint = await w.core.services.webhooks.get(team, w.webhook.id);
    expect(endpoint.enabled).toBe(false);
    expect(endpoint.disabledReason).toMatch(/failed for 24 hours.*HTTP 503/);
    expect(w.disabled).toEqual([{ endpointId: w.webhook.id, url: w.receiver.url, reason: endpoint.disabledReason }]);
    // turned off, it is sent nothing more, and new events are not queued for it
    const before = w.receiver.received.length;
    await w.emit();
    expect(w.receiver.received).toHaveLength(before);
  });

  it('keeps an endpoint’s events in order behind one that waits for its retry', async () => {
    const w = await setUp((n) => (n === 1 ? 500 : 200));
    for (const campaignId of ['cmp_1', 'cmp_2', 'cmp_3']) await w.emit(campaignId);
    expect(w.receiver.received).toHaveLength(1);
    await w.clock.runUntil(w.clock.now() + 60_000);
    const order = w.receiver.received.map((r) => JSON.parse(r.body).data.campaignId);
    expect(order).toEqual(['cmp_1', 'cmp_1', 'cmp_2', 'cmp_3']);
  });

  it('has at most inFlightPerEndpoint deliveries open at an endpoint at once, and keeps that many open while more wait', async () => {
    let open = 0;
    let most = 0;
    const held: (() => void)[] = [];
    const w = await setUp(
      () => {
        most = Math.max(most, ++open);
        return new Promise<number>((answer) => held.push(() => (open--, answer(200))));
      },
      { inFlightPerEndpoint: 3 },
    );
    const events = 8;
    for (let i = 1; i <= events; i++) w.write(`cmp_${i}`);
    const sending = w.clock.runUntil(w.clock.now());
    // answer the oldest held request each time the window is full (or what is left of the events is all held)
    for (let answered = 0; answered < events; answered++) {
      await vi.waitFor(() => expect(open).toBe(Math.min(3, events - answered)));
      held.shift()!();
    }
    await sending;
    expect(most).toBe(3);
    // sent side by side, they may arrive in any order: each arrived once
    expect(w.receiver.received.map((r) => JSON.parse(r.body).data.campaignId).sort()).toEqual(Array.from({ length: events }, (_, i) => `cmp_${i + 1}`).sort());
    expect((await w.core.services.webhooks.deliveries(team, { id: w.webhook.id })).every((d) => d.status === 'delivered')).toBe(true);
  });

  it('sends a delivery once though its attempt is recorded while a look is still reading what is due', async () => {
    let answerFirst = () => {};
    // while set, the worker's read of what is due answers only once it resolves (a store on a slower engine)
    let reading: Promise<void> | null = null;
    let readsHeld = 0;
    const w = await setUp(
      (n) => (n === 1 ? new Promise<number>((answer) => (answerFirst = () => answer(200))) : 200),
      {},
      (store) => ({
        ...store,
        windows: async (perEndpoint) => {
          const due = await store.windows(perEndpoint);
          if (reading) readsHeld++;
          await reading;
          return due;
        },
      }),
    );
    w.write();
    const sending = w.clock.runUntil(w.clock.now());
    await vi.waitFor(() => expect(w.receiver.received).toHaveLength(1));
    let answerRead = () => {};
    reading = new Promise((resolve) => (answerRead = resolve));
    w.worker.wake();
    const looking = w.clock.runUntil(w.clock.now());
    await vi.waitFor(() => expect(readsHeld).toBe(1));
    // the look has read the first delivery as pending; its attempt is answered and recorded before the read returns
    answerFirst();
    await vi.waitFor(async () => expect((await w.delivery()).status).toBe('delivered'));
    answerRead();
    await Promise.all([sending, looking]);
    await w.clock.runUntil(w.clock.now() + 60_000);
    expect(w.receiver.received).toHaveLength(1);
  });

  it('sends an event to the endpoints that want it when it is taken from the outbox: one added since gets it, one that stopped wanting it does not', async () => {
    const w = await setUp(() => 200);
    await w.core.services.webhooks.update(team, { id: w.webhook.id, events: ['contact.opted_out'] });
    w.core.services.store.sqlite.transaction(() => webhookOutbox(w.core.services.store.sqlite).contactOptedOut(w.contactId, 'cmp_1', w.clock.now()))();
    const later = (await w.core.services.webhooks.create(team, { url: w.receiver.url, events: ['contact.opted_out'] })).webhook;
    await w.core.services.webhooks.update(team, { id: w.webhook.id, events: ['call.ended'] });
    w.worker.wake();
    await w.clock.runUntil(w.clock.now() + 1_000);
    expect(w.receiver.received).toHaveLength(1);
    expect(await w.core.services.webhooks.deliveries(team, { id: later.id })).toMatchObject([{ status: 'delivered', type: 'contact.opted_out' }]);
    expect(await w.delivery()).toBeUndefined();
  });

  it('sends nothing of a change that was rolled back, though told of its event inside the transaction', async () => {
    const w = await setUp(() => 200);
    await w.emitRolledBack();
    expect(w.receiver.received).toEqual([]);
    expect(await w.delivery()).toBeUndefined();
  });

  it('resends a delivered event as a new delivery with the same webhook-id and body', async () => {
    const w = await setUp(() => 200);
    await w.emit();
    const first = await w.delivery();
    const again = await w.core.services.webhooks.resend(team, { id: w.webhook.id, deliveryId: first.id });
    expect(again).toMatchObject({ eventId: first.eventId, status: 'pending' });
    w.worker.wake();
    await w.clock.runUntil(w.clock.now());
    expect(w.receiver.received.map((r) => r.id)).toEqual([first.eventId, first.eventId]);
    expect(w.receiver.received[1].body).toBe(w.receiver.received[0].body);
    expect((await w.core.services.webhooks.deliveries(team, { id: w.webhook.id })).map((d) => d.status)).toEqual(['delivered', 'delivered']);
  });

  it('signs with the rotated secret from the rotation on; the old one no longer verifies', async () => {
    const w = await setUp(() => 200);
    const rotated = await w.core.services.webhooks.rotateSecret(team, w.webhook.id);
    expect(rotated.secret).not.toBe(w.secret);
    await w.emit();
    // the receiver still verifies with the old secret
    expect(w.receiver.received[0].verified).toBe(false);
    w.receiver.useSecret(rotated.secret);
    await w.core.services.webhooks.resend(team, { id: w.webhook.id, deliveryId: (await w.delivery()).id });
    w.worker.wake();
    await w.clock.runUntil(w.clock.now());
    expect(w.receiver.received[1].verified).toBe(true);
    // stored sealed; no answer but create and rotate holds it
    const stored = w.core.services.store.sqlite.prepare('SELECT secret FROM webhook_endpoints').pluck().get() as string;
    expect(stored.startsWith('sealed:')).toBe(true);
    expect(openStored(w.core, stored)).toBe(rotated.secret);
    expect(JSON.stringify(await w.core.services.webhooks.list(team))).not.toContain(rotated.secret.slice(6, 20));
  });
});
