import pg from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startEventRelay, type EventRelay } from '../../../main/db/postgres/eventRelay';
import { EventBus } from '../../../main/platform/events';
import type { EventName, Events } from '../../../shared/contract/channels';
import { freshPostgresDatabase } from '../../support/postgres';

const relays: EventRelay[] = [];
afterEach(async () => {
  while (relays.length) await relays.pop()!.stop();
});

/** A machine's bus joined to the workspace's others, and every event its bus saw. */
async function machine(url: string, onError = (_: Error) => {}) {
  const bus = new EventBus();
  const seen: { event: EventName; payload: unknown }[] = [];
  for (const event of ['crm.changed', 'calls.changed', 'contacts.importProgress'] as const) {
    bus.on(event, (payload) => seen.push({ event, payload }));
  }
  relays.push(await startEventRelay(url, bus, { onError, retryMs: 50 }));
  return { bus, seen };
}

const call: Events['calls.changed'] = { campaignId: 'cmp_1', callId: 'call_1', status: 'ringing' };

describe('the event relay between the machines of one PostgreSQL workspace', () => {
  it("emits another machine's shared events on this machine's bus, once each, and never echoes them back", async () => {
    const url = await freshPostgresDatabase();
    const a = await machine(url);
    const b = await machine(url);
    const c = await machine(url);
    a.bus.emit('calls.changed', call);
    await vi.waitFor(() => {
      expect(b.seen).toEqual([{ event: 'calls.changed', payload: call }]);
      expect(c.seen).toEqual([{ event: 'calls.changed', payload: call }]);
    });
    b.bus.emit('crm.changed', { entity: 'contact' });
    await vi.waitFor(() => expect(a.seen).toEqual([{ event: 'calls.changed', payload: call }, { event: 'crm.changed', payload: { entity: 'contact' } }]));
    // a round trip more: anything echoed would have arrived by now
    c.bus.emit('crm.changed', { entity: 'company' });
    await vi.waitFor(() => expect(a.seen).toHaveLength(3));
    expect(b.seen.map((s) => s.event)).toEqual(['calls.changed', 'crm.changed', 'crm.changed']);
    expect(c.seen.map((s) => s.event)).toEqual(['calls.changed', 'crm.changed', 'crm.changed']);
  });

  it("keeps an import's progress on the machine that runs it", async () => {
    const url = await freshPostgresDatabase();
    const a = await machine(url);
    const b = await machine(url);
    a.bus.emit('contacts.importProgress', { importId: 'imp_1', processedRows: 10, imported: 10, duplicates: 0, failed: 0 });
    a.bus.emit('calls.changed', call);
    await vi.waitFor(() => expect(b.seen).toHaveLength(1));
    expect(b.seen[0]!.event).toBe('calls.changed');
  });

  it('reconnects when the server drops its connection, and then tells its own bus the workspace changed', async () => {
    const url = await freshPostgresDatabase();
    const errors: Error[] = [];
    const a = await machine(url, (error) => errors.push(error));
    const b = await machine(url);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN dialwell_events' AND pid <> pg_backend_pid()`);
    } finally {
      await admin.end();
    }
    await vi.waitFor(() => expect(a.seen).toContainEqual({ event: 'crm.changed', payload: { entity: 'contact' } }));
    expect(errors.length).toBeGreaterThan(0);
    // both listen again: what one publishes reaches the other
    await vi.waitFor(async () => {
      b.bus.emit('calls.changed', call);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(a.seen.some((s) => s.event === 'calls.changed')).toBe(true);
    });
  });
});
