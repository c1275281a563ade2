import { afterEach, describe, expect, it } from 'vitest';
import { openCore } from '../../main/core';
import { silentLogger } from '../../main/platform/log';
import { webhookOutbox } from '../../main/db/sqlite/webhookOutbox';
import { startHostProcess, type HostProcess } from '../support/hostProcess';
import { inMemoryApi } from '../support/inMemoryTransport';
import { tempDbFile } from '../support/tempDb';
import { startReceiver, type Received } from './receiver';

const EVENTS = 1_000;
const KILL_AT = 300;

const closing: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closing.length) await closing.pop()!();
});

/** A workspace with an endpoint for `url` and EVENTS opt-out events queued, none sent; returns the endpoint's secret. */
async function workspaceWithQueue(dbFile: string, url: string): Promise<string> {
  const core = await openCore({ dbFile, log: silentLogger, dial: false });
  try {
    const api = inMemoryApi(core);
    const { secret } = await api.invoke('webhooks.create', { url, events: ['contact.opted_out'] });
    const company = await api.invoke('companies.create', { name: 'Acme' });
    const contact = await api.invoke('contacts.create', { companyId: company.id, firstName: 'Ada', lastName: 'L', phone: '+12125550100' });
    const outbox = webhookOutbox(core.services.store.sqlite);
    core.services.store.sqlite.transaction(() => {
      for (let i = 0; i < EVENTS; i++) outbox.contactOptedOut(contact.id, `cmp_${i}`, Date.now());
    })();
    return secret;
  } finally {
    await core.close();
  }
}

async function waitFor(what: string, done: () => boolean, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while (!done()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('webhook outbox across a kill -9 of the host', () => {
  it('delivers all 1,000 queued events after the restart: every webhook-id at least once, never with two bodies', async () => {
    let host: HostProcess | undefined;
    const receiver = await startReceiver((n) => {
      if (n === KILL_AT) host!.child.kill('SIGKILL');
      return 200;
    });
    closing.push(receiver.close);
    const dbFile = tempDbFile();
    receiver.useSecret(await workspaceWithQueue(dbFile, receiver.url));
    const args = ['--db', dbFile, '--port', '0'];

    host = await startHostProcess(args);
    const killed = host.child;
    await new Promise((resolve) => killed.once('exit', resolve));
    expect(killed.signalCode).toBe('SIGKILL');
    const beforeRestart = receiver.received.length;
    expect(beforeRestart).toBeLessThan(EVENTS);

    host = await startHostProcess(args);
    closing.push(host.stop);
    const ids = () => new Set(receiver.received.map((r) => r.id));
    await waitFor('every event', () => ids().size === EVENTS);

    const bodies = new Map<string, Set<string>>();
    for (const r of receiver.received) bodies.set(r.id, (bodies.get(r.id) ?? new Set()).add(r.body));
    expect([...bodies.values()].filter((b) => b.size > 1)).toEqual([]);
    expect(receiver.received.every((r: Received) => r.verified)).toBe(true);
    const campaigns = new Set(receiver.received.map((r) => JSON.parse(r.body).data.campaignId));
    expect(campaigns.size).toBe(EVENTS);
  }, 60_000);
});
