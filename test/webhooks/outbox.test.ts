import { describe, expect, it } from 'vitest';
import { onWebhookEvent, webhookOutbox } from '../../main/db/sqlite/webhookOutbox';
import type { WebhookEventBody } from '../../shared/webhooks/events';
import { iso, isoOrNull } from '../../main/db/instants';
import { openWorld } from '../dialer/dialerFixtures';
import { testCore } from '../support/core';
import { addTeam, inMemoryApi } from '../support/inMemoryTransport';

const team = { teamId: 'team_default' };
const AT = Date.parse('2026-03-02T10:00:00Z');

/** A workspace at AT with one contact to opt out. */
async function coreWithContact() {
  const core = await testCore(() => AT);
  const api = inMemoryApi(core);
  const company = await api.invoke('companies.create', { name: 'Acme' });
  const contact = await api.invoke('contacts.create', { companyId: company.id, firstName: 'Ada', lastName: 'L', phone: '+12125550100' });
  return { core, contact, ...core.services };
}

describe('webhook outbox', () => {
  it('queues an event only when an enabled endpoint of its team wants it; taken from the outbox, it names the endpoints that want it', async () => {
    const { core, contact, webhooks, store } = await coreWithContact();
    const sqlite = store.sqlite;
    const otherTeam = addTeam(core);
    const endpoint = async (scope: typeof team, events: string[]) => (await webhooks.create(scope, { url: 'http://127.0.0.1:9/', events })).webhook.id;
    const queued = sqlite.prepare<[], { type: string }>('SELECT type FROM webhook_outbox ORDER BY seq');
    const events = sqlite.prepare<[], { type: string; endpoints: string }>('SELECT type, endpoints FROM webhook_events ORDER BY seq');
    let told = 0;
    onWebhookEvent(sqlite, () => told++);
    const optOut = () => sqlite.transaction(() => webhookOutbox(sqlite).contactOptedOut(contact.id, 'cmp_1', AT))();

    await endpoint(team, ['call.ended']);
    await endpoint(otherTeam, ['contact.opted_out']);
    const off = await endpoint(team, ['contact.opted_out']);
    await webhooks.update(team, { id: off, enabled: false });
    optOut();
    expect(queued.all()).toEqual([]);
    expect(told).toBe(0);

    const first = await endpoint(team, ['call.started', 'contact.opted_out']);
    const second = await endpoint(team, ['contact.opted_out']);
    optOut();
    expect(queued.all()).toEqual([{ type: 'contact.opted_out' }]);
    expect(told).toBe(1);
    await webhooks.store.fanOut();
    expect(queued.all()).toEqual([]);
    expect(events.all()).toEqual([{ type: 'contact.opted_out', endpoints: JSON.stringify([first, second]) }]);
  });

  it('queues a call event as one short row naming the call; its body, built when taken, has the status of the event’s moment and the contact as it is then', async () => {
    const w = await openWorld();
    const [contact] = await w.addContacts(1);
    w.script[contact.phone!] = ['answered'];
    const campaign = await w.createCampaign({ maxAttemptsPerContact: 1 });
    await w.enrol(campaign.id, [contact.id]);
    await w.run(campaign.id, 'start');
    await w.runToEnd(campaign.id);
    const [call] = w.calls(campaign.id);
    const { webhooks } = w.core.services;
    await w.api.invoke('webhooks.create', { url: 'http://127.0.0.1:9/', events: ['call.started', 'call.answered', 'call.ended'] });
    await w.api.invoke('contacts.update', { id: contact.id, firstName: 'Renamed' });

    // the call has ended by now: its started and answered events are taken as they were when they happened
    const outbox = webhookOutbox(w.sqlite);
    w.sqlite.transaction(() => {
      for (const type of ['call.started', 'call.answered', 'call.ended'] as const) outbox.call(type, call.id, AT);
    })();
    expect(w.sqlite.prepare('SELECT type, call_id AS callId, body FROM webhook_outbox ORDER BY seq').all()).toEqual([
      { type: 'call.started', callId: call.id, body: null },
      { type: 'call.answered', callId: call.id, body: null },
      { type: 'call.ended', callId: call.id, body: null },
    ]);
    await webhooks.store.fanOut();
    const bodies = (w.sqlite.prepare('SELECT body FROM webhook_events ORDER BY seq').pluck().all() as string[]).map((b) => JSON.parse(b) as WebhookEventBody);
    const data = (type: string) => bodies.find((b) => b.type === type)!.data as Record<string, unknown>;
    const contactNow = { id: contact.id, firstName: 'Renamed', lastName: contact.lastName, phone: contact.phone, email: contact.email };
    expect(bodies.map((b) => [b.type, b.timestamp])).toEqual([
      ['call.started', iso(AT)],
      ['call.answered', iso(AT)],
      ['call.ended', iso(AT)],
    ]);
    expect(data('call.started')).toMatchObject({ callId: call.id, status: 'dialing', outcome: null, durationSeconds: null, answeredAt: null, endedAt: null, contact: contactNow });
    expect(data('call.answered')).toMatchObject({ status: 'in_progress', outcome: null, durationSeconds: null, answeredAt: isoOrNull(call.answeredAt), endedAt: null });
    expect(data('call.ended')).toMatchObject({ status: 'ended', outcome: 'answered', answeredAt: isoOrNull(call.answeredAt), endedAt: isoOrNull(call.endedAt) });
  });

  it('drops, when taking it, an event no endpoint wants any more', async () => {
    const { contact, webhooks, store } = await coreWithContact();
    const { webhook } = await webhooks.create(team, { url: 'http://127.0.0.1:9/', events: ['contact.opted_out'] });
    store.sqlite.transaction(() => webhookOutbox(store.sqlite).contactOptedOut(contact.id, 'cmp_1', AT))();
    await webhooks.update(team, { id: webhook.id, enabled: false });
    await webhooks.store.fanOut();
    expect(store.sqlite.prepare('SELECT count(*) FROM webhook_outbox').pluck().get()).toBe(0);
    expect(store.sqlite.prepare('SELECT count(*) FROM webhook_events').pluck().get()).toBe(0);
  });
});
