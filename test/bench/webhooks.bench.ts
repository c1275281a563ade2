import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openCore, type Core } from '../../main/core';
import { createDialerStore } from '../../main/db/dialerStore';
import { seedDemo } from '../../main/demo/seedDemo';
import { realClock } from '../../main/platform/clock';
import { silentLogger } from '../../main/platform/log';
import { KEY_FILE } from '../../main/platform/dataFolder';
import { keyFileSealer } from '../../main/platform/secrets';
import { webhookOutbox } from '../../main/db/sqlite/webhookOutbox';
import { signerFor } from '../../main/webhooks/signer';
import { createWebhookWorker } from '../../main/webhooks/worker';
import { WEBHOOK_EVENT_TYPES } from '../../shared/webhooks/types';
import { tempFile } from '../support/tempFiles';
import { interleaved, median, report, timeMs, withinLimit } from './measure';
import { dirname, join } from 'node:path';

const EVENTS = 2_000;
const ROUNDS = 5;
// a settle is some 70 µs and the outbox's share a few: many short samples and rounds, so the load of the
// machine's other processes, which comes and goes, lands on both arms alike and a median sees through it
const SETTLES = 500;
const SETTLE_ROUNDS = 9;
const LIMIT_MS = 120_000;

/** A loopback receiver that answers 200 at once and counts what it got. */
async function countingReceiver() {
  let received = 0;
  let waiting: { count: number; resolve: () => void } | null = null;
  const server = createServer((req, res) => {
    req.resume().on('end', () => {
      res.writeHead(200).end();
      received++;
      if (waiting && received >= waiting.count) waiting.resolve();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    /** Resolves once `count` more requests have arrived. */
    next(count: number): Promise<void> {
      const target = received + count;
      return new Promise((resolve) => (waiting = { count: target, resolve }));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Events per second from the outbox to a loopback receiver, against the same signed POSTs sent by a bare loop. */
async function outboxThroughput(core: Core, contactId: string): Promise<void> {
  const receiver = await countingReceiver();
  const s = core.services;
  const { secret } = await s.webhooks.create(core.localTeam, { url: receiver.url, events: ['contact.opted_out'] });
  const sqlite = s.store.sqlite;
  const outbox = webhookOutbox(sqlite);
  const sealer = keyFileSealer(join(dirname(s.store.file), KEY_FILE));
  const bodies = sqlite.prepare('SELECT id, body FROM webhook_events ORDER BY seq DESC LIMIT ?');
  const sign = signerFor(secret);
  try {
    const results = await interleaved(
      ROUNDS,
      async () => {
        sqlite.transaction(() => {
          for (let i = 0; i < EVENTS; i++) outbox.contactOptedOut(contactId, `cmp_${i}`, Date.now());
        })();
        const worker = createWebhookWorker({ store: s.webhooks.store, sealer, clock: realClock(), log: silentLogger });
        const arrived = receiver.next(EVENTS);
        const ms = await timeMs(async () => {
          worker.start();
          await withinLimit(arrived, LIMIT_MS, 'webhook outbox');
        });
        await worker.stop();
        return ms;
      },
      async () => {
        const events = bodies.all(EVENTS) as { id: string; body: string }[];
        return timeMs(async () => {
          for (const { id, body } of events) {
            const response = await fetch(receiver.url, { method: 'POST', headers: { 'content-type': 'application/json', ...sign(id, Date.now(), body) }, body });
            await response.text();
          }
        });
      },
    );
    const outboxRate = EVENTS / (median(results.map((r) => r.first)) / 1000);
    const floorRate = EVENTS / (median(results.map((r) => r.second)) / 1000);
    report('webhooks: outbox -> loopback receiver', { events: EVENTS, eventsPerSec: outboxRate, floorEventsPerSec: floorRate, ofFloor: outboxRate / floorRate });
  } finally {
    await receiver.close();
  }
}

/**
 * The dialer's settle transaction (a call's end, its retry decision) with an endpoint subscribed to every call
 * event, against the same with no endpoint wanting them (the outbox's statement then writes nothing).
 */
async function settleCost(core: Core): Promise<void> {
  const s = core.services;
  const team = core.localTeam;
  const sqlite = s.store.sqlite;
  const [assistant] = await s.assistants.list(team, { outboundEligibleOnly: true });
  const numbers = await s.phoneNumbers.list(team, { assistantId: assistant.id });
  const company = (await s.companies.list(team, { search: 'Northwind', limit: 1, offset: 0 })).items[0];
  const campaign = await s.campaigns.create(team, {
    name: 'settle', assistantId: assistant.id, companyId: company.id, fromNumberIds: numbers.map((n) => n.id),
    callWindowStart: '00:00', callWindowEnd: '23:59', useContactTimezone: false, maxConcurrentCalls: 1, maxAttemptsPerContact: 10,
  });
  await s.enrolment.enrol(team, { id: campaign.id, audience: { mode: 'all_eligible', companyId: company.id, hasPhoneOnly: true, excludeDnc: true }, priority: 0 });
  await s.campaigns.run(team, campaign.id, 'start');
  const store = createDialerStore(sqlite);
  const dialCampaign = store.campaign(campaign.id)!;
  const [from] = store.callerNumbers(campaign.id);
  const due = store.dueFresh(campaign.id, store.zoneKeys(campaign.id)[0], 1)[0];
  const reset = sqlite.prepare(`UPDATE campaign_contacts SET status = 'pending', attempts = 0 WHERE seq = ?`);
  const endpoint = (await s.webhooks.create(team, { url: 'http://127.0.0.1:9/', events: WEBHOOK_EVENT_TYPES.filter((t) => t.startsWith('call.')) })).webhook;

  /** Median µs of one settle transaction, over SETTLES calls each claimed and then settled. */
  const settle = async () => {
    const samples: number[] = [];
    for (let i = 0; i < SETTLES; i++) {
      const at = Date.now();
      const claimed = store.batch(() => store.claim({ campaign: dialCampaign, calls: [{ due, from }], at, owner: 'bench' }));
      const { callId } = claimed.get(due.seq)!;
      const started = performance.now();
      store.batch(() => store.finish({ callId, outcome: 'no_answer', at, error: null, decide: () => ({ status: 'pending', nextAttemptAt: 0 }) }));
      samples.push((performance.now() - started) * 1000);
      reset.run(due.seq);
    }
    return median(samples);
  };
  const subscribed = (enabled: boolean) => s.webhooks.update(team, { id: endpoint.id, enabled });
  const results = await interleaved(
    SETTLE_ROUNDS,
    async () => (await subscribed(true), settle()),
    async () => (await subscribed(false), settle()),
  );
  const withEvents = median(results.map((r) => r.first));
  const without = median(results.map((r) => r.second));
  report('webhooks: settle transaction', { withEventsUs: withEvents, noSubscriberUs: without, addedPct: ((withEvents - without) / without) * 100, goal: 'added <= 10 %' });
}

export async function benchWebhooks(): Promise<void> {
  const core = await openCore({ dbFile: tempFile('webhooks.db'), log: silentLogger, dial: false });
  try {
    await seedDemo(core.services, core.localTeam);
    const [contact] = (await core.services.contacts.list(core.localTeam, { limit: 1, offset: 0 })).items;
    await outboxThroughput(core, contact.id);
    await settleCost(core);
  } finally {
    await core.close();
  }
}
