import { describe, expect, it } from 'vitest';
import type { DueDelivery, NewEndpoint, WebhookStore } from '../../main/webhooks/store';
import type { WebhookEventType } from '../../shared/webhooks/types';
import { freshFixtureEach, STORE_TEAMS } from './suiteFixtures';

const [TEAM, OTHER_TEAM] = STORE_TEAMS;
const T0 = Date.parse('2026-03-02T10:00:00Z');

export interface WebhookStoreFixture {
  store: WebhookStore;
  /** A contact of `teamId` opted out on a call of `campaignId` at `at`: the engine's outbox writes that event in a transaction of its own. */
  optOut(teamId: string, campaignId: string, at: number): Promise<void>;
  /** Calls `listener` whenever the engine is told something was queued to send (what the worker listens to); returns how to stop. */
  listen(listener: () => void): () => void;
  close(): Promise<void>;
}

let made = 0;
function newEndpoint(teamId: string, events: WebhookEventType[] = ['contact.opted_out'], at = T0): NewEndpoint {
  made++;
  return { id: `wh_${made}`, teamId, url: `https://example.test/hooks/${made}`, events, secret: `sealed:secret_${made}`, at };
}

/** The campaign an opt-out's event reports: what tells the suite's events apart. */
const campaignOf = (d: DueDelivery) => (JSON.parse(d.body) as { data: { campaignId: string } }).data.campaignId;

/**
 * What every WebhookStore does, whatever engine keeps it; `open` gives a store on an empty database where
 * STORE_TEAMS exist, each with a contact to opt out.
 */
export function describeWebhookStore(engine: string, open: () => Promise<WebhookStoreFixture>): void {
  describe(`WebhookStore on ${engine}`, () => {
    let f: WebhookStoreFixture;
    let store: WebhookStore;
    freshFixtureEach(open, (fixture) => ((f = fixture), (store = fixture.store)));

    const insert = async (endpoint: NewEndpoint) => (await store.insert(endpoint), endpoint);
    /** Opt-outs of TEAM at T0 + i, fanned out: the due deliveries of every endpoint. */
    const queue = async (...campaignIds: string[]) => {
      for (const [i, campaignId] of campaignIds.entries()) await f.optOut(TEAM, campaignId, T0 + i);
      await store.fanOut();
      return store.windows(100);
    };

    describe('endpoints', () => {
      it("keeps an endpoint as given, enabled, and lists a team's oldest first without another team's", async () => {
        const first = await insert(newEndpoint(TEAM, ['call.ended', 'contact.opted_out'], T0));
        await insert(newEndpoint(OTHER_TEAM));
        const second = await insert(newEndpoint(TEAM, ['call.started'], T0 + 1));
        const expected = { id: first.id, url: first.url, events: ['call.ended', 'contact.opted_out'], enabled: true, disabledReason: null, createdAt: T0, updatedAt: T0 };
        expect(await store.get(TEAM, first.id)).toEqual(expected);
        expect((await store.list(TEAM)).map((e) => e.id)).toEqual([first.id, second.id]);
        expect(await store.get(OTHER_TEAM, first.id)).toBeUndefined();
        expect(await store.list('team_nobody')).toEqual([]);
      });

      it('changes only what an update names, and answers the endpoint as changed', async () => {
        const endpoint = await insert(newEndpoint(TEAM, ['call.ended']));
        expect(await store.update({ teamId: TEAM, id: endpoint.id, url: 'https://example.test/moved', at: T0 + 5 })).toMatchObject({
          url: 'https://example.test/moved', events: ['call.ended'], enabled: true, updatedAt: T0 + 5,
        });
        expect(await store.update({ teamId: TEAM, id: endpoint.id, events: ['call.started', 'call.answered'], at: T0 + 6 })).toMatchObject({
          url: 'https://example.test/moved', events: ['call.started', 'call.answered'], updatedAt: T0 + 6,
        });
        expect(await store.update({ teamId: TEAM, id: endpoint.id, enabled: false, at: T0 + 7 })).toMatchObject({ enabled: false, updatedAt: T0 + 7 });
        expect(await store.get(TEAM, endpoint.id)).toMatchObject({ url: 'https://example.test/moved', enabled: false, createdAt: T0 });
      });

      it("does not update, rotate or remove another team's endpoint", async () => {
        const endpoint = await insert(newEndpoint(OTHER_TEAM));
        expect(await store.update({ teamId: TEAM, id: endpoint.id, url: 'https://example.test/taken', at: T0 + 1 })).toBeUndefined();
        expect(await store.setSecret(TEAM, endpoint.id, 'sealed:taken', T0 + 1)).toBeUndefined();
        expect(await store.remove(TEAM, endpoint.id)).toBe(false);
        expect(await store.get(OTHER_TEAM, endpoint.id)).toMatchObject({ url: endpoint.url, updatedAt: T0 });
        expect(await store.update({ teamId: TEAM, id: 'wh_missing', at: T0 })).toBeUndefined();
      });

      it('turns an endpoint off once, saying why; turning it on again clears the reason', async () => {
        const endpoint = await insert(newEndpoint(TEAM));
        expect(await store.disable(endpoint.id, 'kept failing', T0 + 1)).toBe(true);
        expect(await store.disable(endpoint.id, 'again', T0 + 2)).toBe(false);
        expect(await store.get(TEAM, endpoint.id)).toMatchObject({ enabled: false, disabledReason: 'kept failing', updatedAt: T0 + 1 });
        expect(await store.update({ teamId: TEAM, id: endpoint.id, enabled: true, at: T0 + 3 })).toMatchObject({ enabled: true, disabledReason: null });
      });

      it('removes an endpoint with its deliveries, once', async () => {
        const endpoint = await insert(newEndpoint(TEAM));
        await queue('cmp_1');
        expect(await store.deliveries(endpoint.id, 10)).toHaveLength(1);
        expect(await store.remove(TEAM, endpoint.id)).toBe(true);
        expect(await store.remove(TEAM, endpoint.id)).toBe(false);
        expect(await store.get(TEAM, endpoint.id)).toBeUndefined();
        expect(await store.deliveries(endpoint.id, 10)).toEqual([]);
        expect(await store.windows(10)).toEqual([]);
      });
    });

    describe('deliveries', () => {
      it("fans an event out to the team's enabled endpoints that want it, each due at once with the event's body, id and endpoint", async () => {
        const wanting = await insert(newEndpoint(TEAM));
        await insert(newEndpoint(TEAM, ['call.ended']));
        const off = await insert(newEndpoint(TEAM));
        await store.update({ teamId: TEAM, id: off.id, enabled: false, at: T0 });
        await insert(newEndpoint(OTHER_TEAM));
        expect(await store.windows(10)).toEqual([]);
        const [due, ...more] = await queue('cmp_1');
        expect(more).toEqual([]);
        expect(due).toMatchObject({ endpointId: wanting.id, attempts: 0, nextAttemptAt: T0, queuedAt: T0, url: wanting.url, secret: wanting.secret, endpointUpdatedAt: T0 });
        expect(JSON.parse(due.body)).toMatchObject({ type: 'contact.opted_out', data: { campaignId: 'cmp_1' } });
        expect(await store.deliveries(wanting.id, 10)).toEqual([
          expect.objectContaining({ eventId: due.messageId, type: 'contact.opted_out', status: 'pending', attempts: 0, nextAttemptAt: T0, lastStatusCode: null, lastError: null }),
        ]);
      });

      it('fans each event out once however often it is asked', async () => {
        await insert(newEndpoint(TEAM));
        await queue('cmp_1');
        await store.fanOut();
        await f.optOut(TEAM, 'cmp_2', T0 + 1);
        await store.fanOut();
        await store.fanOut();
        expect((await store.windows(10)).map(campaignOf)).toEqual(['cmp_1', 'cmp_2']);
      });

      it("gives each endpoint's first `perEndpoint` pending deliveries in event order", async () => {
        const a = await insert(newEndpoint(TEAM));
        const b = await insert(newEndpoint(TEAM));
        const all = await queue('cmp_1', 'cmp_2', 'cmp_3');
        const of = (list: DueDelivery[], endpointId: string) => list.filter((d) => d.endpointId === endpointId).map(campaignOf);
        expect(of(all, a.id)).toEqual(['cmp_1', 'cmp_2', 'cmp_3']);
        expect(of(all, b.id)).toEqual(['cmp_1', 'cmp_2', 'cmp_3']);
        const two = await store.windows(2);
        expect(of(two, a.id)).toEqual(['cmp_1', 'cmp_2']);
        expect(of(two, b.id)).toEqual(['cmp_1', 'cmp_2']);
        // one event, one webhook-id, whichever endpoint it goes to
        expect(all.filter((d) => campaignOf(d) === 'cmp_1').map((d) => d.messageId)).toEqual(Array(2).fill(all[0].messageId));
      });

      it('sends nothing to an endpoint named by an event but removed before the fan-out', async () => {
        const kept = await insert(newEndpoint(TEAM));
        const removed = await insert(newEndpoint(TEAM));
        await f.optOut(TEAM, 'cmp_1', T0);
        await store.remove(TEAM, removed.id);
        await store.fanOut();
        expect((await store.windows(10)).map((d) => d.endpointId)).toEqual([kept.id]);
      });

      it('records attempts: a retry stays due at its time, a delivered or failed one leaves the window', async () => {
        const endpoint = await insert(newEndpoint(TEAM));
        const [first, second, third] = await queue('cmp_1', 'cmp_2', 'cmp_3');
        await store.record({ seq: first.seq, status: 'pending', nextAttemptAt: T0 + 5_000, statusCode: 500, durationMs: 12, error: 'HTTP 500', at: T0 + 100 });
        expect((await store.windows(10))[0]).toMatchObject({ seq: first.seq, attempts: 1, nextAttemptAt: T0 + 5_000, queuedAt: T0 });
        await store.record({ seq: first.seq, status: 'delivered', nextAttemptAt: T0 + 5_100, statusCode: 204, durationMs: 8, error: null, at: T0 + 5_100 });
        await store.record({ seq: second.seq, status: 'failed', nextAttemptAt: T0 + 200, statusCode: null, durationMs: 0, error: 'refused', at: T0 + 200 });
        expect((await store.windows(10)).map((d) => d.seq)).toEqual([third.seq]);
        const [, failed, delivered] = await store.deliveries(endpoint.id, 10);
        expect(delivered).toMatchObject({ status: 'delivered', attempts: 2, nextAttemptAt: null, lastStatusCode: 204, lastDurationMs: 8, lastError: null, createdAt: T0, updatedAt: T0 + 5_100 });
        expect(failed).toMatchObject({ status: 'failed', attempts: 1, nextAttemptAt: null, lastStatusCode: null, lastDurationMs: 0, lastError: 'refused', updatedAt: T0 + 200 });
      });

      it("lists an endpoint's deliveries newest first, as many as asked", async () => {
        const endpoint = await insert(newEndpoint(TEAM));
        const due = await queue('cmp_1', 'cmp_2', 'cmp_3');
        const log = await store.deliveries(endpoint.id, 2);
        expect(log.map((d) => d.eventId)).toEqual([due[2].messageId, due[1].messageId]);
      });

      it('waits an endpoint that is off and sends it its deliveries once it is on again', async () => {
        const endpoint = await insert(newEndpoint(TEAM));
        await queue('cmp_1');
        await store.disable(endpoint.id, 'kept failing', T0 + 1);
        expect(await store.windows(10)).toEqual([]);
        await store.update({ teamId: TEAM, id: endpoint.id, enabled: true, at: T0 + 2 });
        expect((await store.windows(10)).map(campaignOf)).toEqual(['cmp_1']);
      });

      it('hands the worker the rotated secret and the time it changed', async () => {
        const endpoint = await insert(newEndpoint(TEAM));
        await queue('cmp_1');
        expect(await store.setSecret(TEAM, endpoint.id, 'sealed:rotated', T0 + 9)).toMatchObject({ id: endpoint.id, updatedAt: T0 + 9 });
        expect((await store.windows(10))[0]).toMatchObject({ secret: 'sealed:rotated', endpointUpdatedAt: T0 + 9 });
      });

      it('resends a delivery as a new pending one of the same event, queued behind what waits', async () => {
        const endpoint = await insert(newEndpoint(TEAM));
        const other = await insert(newEndpoint(TEAM));
        const [first] = (await queue('cmp_1')).filter((d) => d.endpointId === endpoint.id);
        await store.record({ seq: first.seq, status: 'delivered', nextAttemptAt: T0, statusCode: 200, durationMs: 1, error: null, at: T0 });
        const [original] = await store.deliveries(endpoint.id, 1);
        await f.optOut(TEAM, 'cmp_2', T0 + 1);
        await store.fanOut();
        const again = await store.resend(endpoint.id, original.id, T0 + 50);
        expect(again).toMatchObject({ eventId: original.eventId, type: 'contact.opted_out', status: 'pending', attempts: 0, nextAttemptAt: T0 + 50, createdAt: T0 + 50 });
        expect(again!.id).not.toBe(original.id);
        const window = (await store.windows(10)).filter((d) => d.endpointId === endpoint.id);
        expect(window.map(campaignOf)).toEqual(['cmp_2', 'cmp_1']);
        expect(window[1]).toMatchObject({ messageId: original.eventId, body: first.body, queuedAt: T0 + 50 });
        expect(await store.resend(other.id, original.id, T0 + 60)).toBeUndefined();
        expect(await store.resend(endpoint.id, 'whd_missing', T0 + 60)).toBeUndefined();
      });

      it('tells the worker of a resend and of an endpoint turned on, not of other changes', async () => {
        const endpoint = await insert(newEndpoint(TEAM));
        const [due] = await queue('cmp_1');
        let told = 0;
        const stop = f.listen(() => told++);
        await store.update({ teamId: TEAM, id: endpoint.id, url: 'https://example.test/moved', at: T0 + 1 });
        await store.record({ seq: due.seq, status: 'delivered', nextAttemptAt: T0 + 1, statusCode: 200, durationMs: 1, error: null, at: T0 + 1 });
        expect(told).toBe(0);
        await store.update({ teamId: TEAM, id: endpoint.id, enabled: true, at: T0 + 2 });
        expect(told).toBe(1);
        const [delivered] = await store.deliveries(endpoint.id, 1);
        await store.resend(endpoint.id, delivered.id, T0 + 3);
        expect(told).toBe(2);
        stop();
      });
    });
  });
}
