import { describe, expect, it } from 'vitest';
import { onWebhookEvent, webhookOutbox } from '../../main/webhooks/outbox';
import { testCore } from '../support/core';
import { addTeam, inMemoryApi } from '../support/inMemoryTransport';

const team = { teamId: 'team_default' };
const AT = Date.parse('2026-03-02T10:00:00Z');

describe('webhook outbox', () => {
  it('writes an event naming exactly the enabled endpoints of its team that want it, and nothing when none does', async () => {
    const core = await testCore(() => AT);
    const { webhooks, store } = core.services;
    const sqlite = store.sqlite;
    const otherTeam = addTeam(core);
    const api = inMemoryApi(core);
    const company = await api.invoke('companies.create', { name: 'Acme' });
    const contact = await api.invoke('contacts.create', { companyId: company.id, firstName: 'Ada', lastName: 'L', phone: '+12125550100' });
    const endpoint = (scope: typeof team, events: string[]) => webhooks.create(scope, { url: 'http://127.0.0.1:9/', events }).webhook.id;
    const events = sqlite.prepare<[], { type: string; endpoints: string }>('SELECT type, endpoints FROM webhook_events ORDER BY seq');
    let told = 0;
    onWebhookEvent(sqlite, () => told++);
    const optOut = () => sqlite.transaction(() => webhookOutbox(sqlite).contactOptedOut(contact.id, 'cmp_1', AT))();

    endpoint(team, ['call.ended']);
    endpoint(otherTeam, ['contact.opted_out']);
    const off = endpoint(team, ['contact.opted_out']);
    webhooks.update(team, { id: off, enabled: false });
    optOut();
    expect(events.all()).toEqual([]);
    expect(told).toBe(0);

    const first = endpoint(team, ['call.started', 'contact.opted_out']);
    const second = endpoint(team, ['contact.opted_out']);
    optOut();
    expect(events.all()).toEqual([{ type: 'contact.opted_out', endpoints: JSON.stringify([first, second]) }]);
    expect(told).toBe(1);
  });
});
