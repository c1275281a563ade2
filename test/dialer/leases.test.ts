import type BetterSqlite3 from 'better-sqlite3';
import Database from 'better-sqlite3';
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../main/platform/clock';
import { SimulatorProvider } from '../../main/telephony/simulator';
import { inMemoryApi } from '../support/inMemoryTransport';
import { callRows, DAY, enrolments, forget, leaveCallOpen, lockstep, maxOverlap, MINUTE, openCoreOn, openWorld, trackProvider, type World } from './dialerFixtures';

const EXPIRY = 30_000;
const RENEW_EVERY = EXPIRY / 3;
const INTERRUPTED = /^interrupted/;
/** Calls that ring 25 s and talk 5 minutes: far longer than a lease, so they hold only while it is renewed. */
const LONG_CALLS = { ringSeconds: 25, talkSeconds: [300, 300] as [number, number] };

interface LeaseRow {
  id: string;
  holder: string;
  acquiredAt: number;
  renewedAt: number;
  expiresAt: number;
}

const leases = (db: BetterSqlite3.Database) =>
  db.prepare(`SELECT id, holder, acquired_at AS acquiredAt, renewed_at AS renewedAt, expires_at AS expiresAt FROM dialer_leases ORDER BY acquired_at, id`).all() as LeaseRow[];
const openOwners = (db: BetterSqlite3.Database, campaignId: string) =>
  db.prepare(`SELECT DISTINCT owner FROM calls WHERE campaign_id = ? AND status <> 'ended'`).pluck().all(campaignId);
const ownerOf = (db: BetterSqlite3.Database, callId: string) => db.prepare('SELECT owner FROM calls WHERE id = ?').pluck().get(callId);

/** A world whose 3 lines are busy with long answered calls of its 6 contacts, 5 s after the start. */
async function dialingWorld(seed: number): Promise<{ a: World; campaignId: string }> {
  const a = await openWorld({ seed, durations: LONG_CALLS, core: { leaseExpiryMs: EXPIRY } });
  const contacts = await a.addContacts(6);
  for (const c of contacts) a.script[c.phone!] = ['answered'];
  const campaign = await a.createCampaign({ maxConcurrentCalls: 3, maxAttemptsPerContact: 1 });
  await a.enrol(campaign.id, contacts.map((c) => c.id));
  await a.run(campaign.id, 'start');
  await a.advance(5_000);
  expect(a.tracker.live).toBe(3);
  return { a, campaignId: campaign.id };
}

/** A second dialer on the world's file, its clock where the world's is now. */
async function secondDialer(a: World, seed: number) {
  const clock = new VirtualClock(a.clock.now());
  const sim = new SimulatorProvider({ clock, seed, durations: LONG_CALLS, script: () => 'answered' });
  const tracker = trackProvider(sim);
  const core = await openCoreOn(a.dbFile, clock, sim, { leaseExpiryMs: EXPIRY });
  return { clock, tracker, core, api: inMemoryApi(core) };
}

describe('dialer leases', () => {
  it('a dialer holds a lease from its start, renews it every third of the expiry while it has calls, lets it lapse when idle, renews it before dialing again, and gives it up on close', async () => {
    const w = await openWorld({ seed: 51, durations: { ringSeconds: 25, talkSeconds: [120, 120] }, core: { leaseExpiryMs: EXPIRY } });
    const startedAt = w.clock.now();
    const [lease] = leases(w.sqlite);
    expect(lease).toEqual({ id: expect.stringMatching(/^lease_/), holder: `${hostname()}/${process.pid}`, acquiredAt: startedAt, renewedAt: startedAt, expiresAt: startedAt + EXPIRY });

    const contacts = await w.addContacts(2);
    for (const c of contacts) w.script[c.phone!] = ['answered'];
    const first = await w.createCampaign({ maxConcurrentCalls: 2 });
    await w.enrol(first.id, contacts.map((c) => c.id));
    await w.run(first.id, 'start');
    const renewals = new Set<number>();
    for (let i = 0; i < 10 * 60; i++) {
      await w.advance(1000);
      const [now] = leases(w.sqlite);
      expect(now.expiresAt).toBe(now.renewedAt + EXPIRY);
      // never lapsed while a call was in progress
      if (w.tracker.live) expect(now.expiresAt).toBeGreaterThan(w.clock.now());
      renewals.add(now.renewedAt);
    }
    const calls = w.calls(first.id);
    expect(calls.map((c) => c.outcome)).toEqual(['answered', 'answered']);
    expect(calls.map((c) => ownerOf(w.sqlite, c.id))).toEqual([lease.id, lease.id]);
    const lastEnd = Math.max(...calls.map((c) => c.endedAt!));
    const times = [...renewals].sort((x, y) => x - y);
    expect(times[0]).toBe(startedAt);
    for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBe(RENEW_EVERY);
    expect(times.at(-1)!).toBeGreaterThanOrEqual(lastEnd - RENEW_EVERY);
    // idle, it owns nothing: it stopped renewing once its last call ended, and the lease ran out long ago
    expect(times.at(-1)!).toBeLessThanOrEqual(lastEnd + RENEW_EVERY);
    expect(leases(w.sqlite)[0].expiresAt).toBeLessThan(w.clock.now());

    // it dials again: the lease is renewed before the call that names it is written
    const more = await w.addContacts(1);
    const second = await w.createCampaign();
    await w.enrol(second.id, [more[0].id]);
    await w.run(second.id, 'start');
    const dialedAt = w.clock.now();
    expect(w.tracker.live).toBe(1);
    expect(leases(w.sqlite)).toEqual([{ ...lease, renewedAt: dialedAt, expiresAt: dialedAt + EXPIRY }]);

    await w.runToEnd(second.id);
    forget(w.core);
    await w.core.close();
    const db = new Database(w.dbFile, { readonly: true });
    expect(leases(db)).toEqual([]);
    db.close();
  });

  it('a dialer that stops running (its clock frozen: no renewals) loses its calls to another dialer at the instant its lease expires, settled as interrupted; the other then dials the rest', async () => {
    const { a, campaignId } = await dialingWorld(52);
    const [leaseA] = leases(a.sqlite);
    expect(openOwners(a.sqlite, campaignId)).toEqual([leaseA.id]);
    const openA = callRows(a.sqlite, campaignId).filter((r) => r.status !== 'ended');
    // A stops here: its clock never moves again, as a killed or hung process's
    const b = await secondDialer(a, 53);
    await b.clock.runUntil(leaseA.expiresAt - 1);
    // a live lease is never stolen: up to its last instant the calls stay A's and B holds the lines free for them
    expect(openOwners(a.sqlite, campaignId)).toEqual([leaseA.id]);
    expect(b.tracker.live).toBe(0);

    await b.clock.runUntil(leaseA.expiresAt);
    const [leaseB] = leases(a.sqlite);
    expect(leaseB.id).not.toBe(leaseA.id);
    const rows = new Map(callRows(a.sqlite, campaignId).map((r) => [r.id, r]));
    for (const call of openA) {
      expect(rows.get(call.id)).toMatchObject({ status: 'ended', outcome: 'failed', endedAt: leaseA.expiresAt });
      expect(rows.get(call.id)!.error).toMatch(INTERRUPTED);
      expect(ownerOf(a.sqlite, call.id)).toBe(leaseB.id);
    }
    // the expired lease owns nothing any more: its row is gone
    expect(leases(a.sqlite).map((l) => l.id)).toEqual([leaseB.id]);
    expect(b.tracker.live).toBe(3);

    await b.clock.runUntil(b.clock.now() + DAY, () => a.status(campaignId) === 'completed');
    expect(a.status(campaignId)).toBe('completed');
    expect(enrolments(a.sqlite, campaignId).map((e) => [e.status, e.attempts]).sort()).toEqual([
      ['completed', 1],
      ['completed', 1],
      ['completed', 1],
      ['failed', 1],
      ['failed', 1],
      ['failed', 1],
    ]);
  });

  it('two dialers on one file with calls far longer than a lease: neither takes the other’s calls, every call ends as its provider saw it', async () => {
    const a = await openWorld({ seed: 54, durations: LONG_CALLS, core: { leaseExpiryMs: EXPIRY, safetyTickMs: 10_000 } });
    const b = await secondDialer(a, 55);
    const contacts = await a.addContacts(12);
    for (const c of contacts) a.script[c.phone!] = ['answered'];
    const campaign = await a.createCampaign({ maxConcurrentCalls: 4, maxAttemptsPerContact: 1 });
    await a.enrol(campaign.id, [contacts[0].id]);
    await a.run(campaign.id, 'start');
    // B enrols the rest, and dials the free lines on its own clock
    await b.api.invoke('campaigns.enrol', { id: campaign.id, contactIds: contacts.slice(1).map((c) => c.id) });
    expect([a.tracker.live, b.tracker.live]).toEqual([1, 3]);
    await lockstep(a.clock, b.clock, DAY, () => a.status(campaign.id) === 'completed' && a.tracker.live === 0 && b.tracker.live === 0);
    expect(a.status(campaign.id)).toBe('completed');
    expect(a.tracker.calls.size).toBeGreaterThan(0);
    expect(b.tracker.calls.size).toBeGreaterThan(0);
    const real = new Map([...a.tracker.calls, ...b.tracker.calls]);
    const rows = callRows(a.sqlite, campaign.id);
    expect(rows).toHaveLength(12);
    for (const row of rows) expect([row.id, row.outcome, row.error]).toEqual([row.id, real.get(row.id)!.outcome, null]);
    expect(maxOverlap([...real.values()].map((c) => ({ start: c.start, end: c.end })))).toBeLessThanOrEqual(4);
  });

  it('cancel ends the calls of a dialer in another process at its next renewal', async () => {
    const { a, campaignId } = await dialingWorld(58);
    const b = await secondDialer(a, 59);
    // the cancel comes from B's process: A hears of it only through the database
    await b.api.invoke('campaigns.run', { id: campaignId, action: 'cancel' });
    const cancelledAt = b.clock.now();
    await lockstep(a.clock, b.clock, 10 * MINUTE, () => a.tracker.live === 0);
    const rows = callRows(a.sqlite, campaignId);
    expect(rows).toHaveLength(3);
    // hung up: their talk would have lasted 5 minutes
    for (const row of rows) {
      expect(row.status).toBe('ended');
      expect(row.endedAt!).toBeLessThanOrEqual(cancelledAt + RENEW_EVERY);
    }
    expect(enrolments(a.sqlite, campaignId).filter((e) => e.status === 'calling')).toEqual([]);
    expect(b.tracker.calls.size).toBe(0);
  });

  it('cancel settles at once the calls of a dialer that is gone, which no dialer had seen yet', async () => {
    const w = await openWorld({ seed: 60 });
    const contacts = await w.addContacts(2);
    const campaign = await w.createCampaign({ maxConcurrentCalls: 2 });
    await w.enrol(campaign.id, contacts.map((c) => c.id));
    // a dialer elsewhere claimed both contacts, then went away: one call names a lease that has expired and been
    // dropped, one names another machine as versions before leases did
    const owners = ['lease_of_a_dialer_gone', `elsewhere/${process.pid}/dlr_x`];
    const at = w.clock.now();
    contacts.forEach((c, i) => leaveCallOpen(w.sqlite, w, campaign.id, c, { id: `call_gone_${i}`, status: 'dialing', owner: owners[i], startedAt: at }));
    // the lines are taken by those calls: the start dials no one, and nothing settles them meanwhile
    await w.run(campaign.id, 'start');
    await w.advance(MINUTE);
    expect(w.calls(campaign.id).map((r) => r.status)).toEqual(['dialing', 'dialing']);
    await w.run(campaign.id, 'cancel');
    await w.advance(0);
    for (const row of w.calls(campaign.id)) {
      expect(row).toMatchObject({ status: 'ended', outcome: 'failed', endedAt: at + MINUTE });
      expect(row.error).toMatch(INTERRUPTED);
    }
    expect(w.status(campaign.id)).toBe('cancelled');
    expect(w.enrolments(campaign.id).filter((e) => e.status === 'calling')).toEqual([]);
  });
});
