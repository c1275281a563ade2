import Database from 'better-sqlite3';
import { execFileSync, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../main/platform/clock';
import type { CallEvent, PlaceCallRequest, ProviderCallStatus, TelephonyProvider } from '../../main/telephony/port';
import { SimulatorProvider } from '../../main/telephony/simulator';
import { retryDelayMinutes } from '../../main/dialer/retryPolicy';
import type { CallOutcome } from '../../shared/campaigns/types';
import { startHostProcess, type HostProcess } from '../support/hostProcess';
import { inMemoryApi } from '../support/inMemoryTransport';
import { tempDbFile } from '../support/tempDb';
import { callRows, DAY, enrolments, forget, HOUR, leaveCallOpen, lockstep, maxOverlap, MINUTE, MONDAY_9_NY, openCoreOn, openWorld, overlappingCalls, trackProvider, type CallRow } from './dialerFixtures';

const INTERRUPTED = /^interrupted/;

/** A provider that answers status() from a table (what a real provider might know after our restart). */
class ReportingProvider implements TelephonyProvider {
  readonly name = 'simulator';
  private readonly listeners = new Set<(event: CallEvent) => void>();
  constructor(
    private readonly inner: SimulatorProvider,
    private readonly known: Map<string, ProviderCallStatus>,
  ) {}
  placeCall(request: PlaceCallRequest) {
    return this.inner.placeCall(request);
  }
  hangup(callId: string) {
    return this.inner.hangup(callId);
  }
  async status(callId: string): Promise<ProviderCallStatus> {
    return this.known.get(callId) ?? this.inner.status(callId);
  }
  onEvent(listener: (event: CallEvent) => void) {
    const offInner = this.inner.onEvent(listener);
    this.listeners.add(listener);
    return () => {
      offInner();
      this.listeners.delete(listener);
    };
  }
  /** An event for a call the inner simulator does not know (one adopted after a restart). */
  emit(event: CallEvent) {
    for (const l of this.listeners) l(event);
  }
  close() {
    return this.inner.close();
  }
}

describe('crash safety: reconcile on start', () => {
  /** Starts a campaign of 6 answering contacts with 3 lines, and closes the core while 3 calls are in flight. */
  async function crashMidCampaign(campaignExtra: Record<string, unknown> = {}) {
    const w = await openWorld({ seed: 31 });
    const contacts = await w.addContacts(6);
    for (const c of contacts) w.script[c.phone!] = ['answered', 'answered'];
    const campaign = await w.createCampaign({ maxConcurrentCalls: 3, ...campaignExtra });
    await w.enrol(campaign.id, contacts.map((c) => c.id));
    await w.run(campaign.id, 'start');
    await w.advance(10_000);
    expect(w.tracker.live).toBe(3);
    // the process goes away: nothing more is recorded (the dialer stops listening first), the calls never end
    w.core.dialer!.stop();
    forget(w.core);
    await w.core.close();
    const db = new Database(w.dbFile, { readonly: true });
    const open = callRows(db, campaign.id).filter((r) => r.status !== 'ended');
    const calling = enrolments(db, campaign.id).filter((e) => e.status === 'calling');
    db.close();
    expect(open).toHaveLength(3);
    expect(calling).toHaveLength(3);
    return { w, campaign, contacts, open, crashedAt: w.clock.now() };
  }

  it('every open call is settled as failed/interrupted, counted as an attempt; the contact is finished per policy', async () => {
    const { w, campaign, open, crashedAt } = await crashMidCampaign();
    const clock = new VirtualClock(crashedAt + HOUR);
    const sim = new SimulatorProvider({ clock, seed: 2, script: () => 'answered' });
    const tracker = trackProvider(sim);
    const core = await openCoreOn(w.dbFile, clock, sim);
    const reopenedAt = clock.now();
    const sqlite = core.services.store.sqlite;

    const rows = new Map(callRows(sqlite, campaign.id).map((r) => [r.id, r]));
    for (const call of open) {
      const settled = rows.get(call.id)!;
      expect(settled).toMatchObject({ status: 'ended', outcome: 'failed', endedAt: reopenedAt });
      expect(settled.error).toMatch(INTERRUPTED);
    }
    const byContact = new Map(enrolments(sqlite, campaign.id).map((e) => [e.contactId, e]));
    for (const call of open) {
      // retryOnError is off: an interrupted (technical) attempt finishes the contact as failed
      expect(byContact.get(call.contactId)).toMatchObject({ status: 'failed', attempts: 1, errorAttempts: 1, lastOutcome: 'failed' });
    }
    // the other three are dialed by the new run at once; nothing of the old run is left calling
    expect(tracker.live).toBe(3);
    await clock.runUntil(clock.now() + DAY, () => sqlite.prepare('SELECT status FROM campaigns WHERE id = ?').pluck().get(campaign.id) === 'completed');
    const final = enrolments(sqlite, campaign.id);
    expect(final.filter((e) => e.status === 'calling' || e.status === 'pending')).toHaveLength(0);
    const all = callRows(sqlite, campaign.id);
    for (const e of final) expect(all.filter((r) => r.contactId === e.contactId)).toHaveLength(e.attempts);
    expect(all.filter((r) => r.outcome === 'answered')).toHaveLength(3);
    expect(overlappingCalls(all)).toEqual([]);
    // the dashboard counts the interrupted attempts as errors
    const d = await core.services.dashboard.dashboard(core.localTeam, campaign.id);
    expect(d.outcomes.failed).toBe(3);
    expect(d.failed).toBe(3);
    expect(d.calling).toBe(0);
  });

  it('with retryOnError the interrupted contacts are retried after the error delay', async () => {
    const { w, campaign, open, crashedAt } = await crashMidCampaign({ retryOnError: true, retryDelayMinutesError: 15 });
    const clock = new VirtualClock(crashedAt + HOUR);
    const sim = new SimulatorProvider({ clock, seed: 3, script: () => 'answered' });
    const core = await openCoreOn(w.dbFile, clock, sim);
    const reopenedAt = clock.now();
    const sqlite = core.services.store.sqlite;
    const byContact = new Map(enrolments(sqlite, campaign.id).map((e) => [e.contactId, e]));
    for (const call of open) expect(byContact.get(call.contactId)).toMatchObject({ status: 'pending', attempts: 1, errorAttempts: 1, nextAttemptAt: reopenedAt + 15 * MINUTE });
    await clock.runUntil(clock.now() + DAY, () => sqlite.prepare('SELECT status FROM campaigns WHERE id = ?').pluck().get(campaign.id) === 'completed');
    const all = callRows(sqlite, campaign.id);
    for (const call of open) {
      const mine = all.filter((r) => r.contactId === call.contactId);
      expect(mine.map((r) => [r.attempt, r.outcome])).toEqual([
        [1, 'failed'],
        [2, 'answered'],
      ]);
      expect(mine[1].startedAt).toBe(reopenedAt + 15 * MINUTE);
      expect(mine[1].fromNumberId).toBe(mine[0].fromNumberId); // same caller ID on the retry
    }
    expect(enrolments(sqlite, campaign.id).every((e) => e.status === 'completed')).toBe(true);
  });

  it('call rows left open by hand (dialing, ringing, in_progress) are all settled, whatever host or process their owner names; none left calling', async () => {
    const w = await openWorld({ seed: 32 });
    const contacts = await w.addContacts(4);
    const campaign = await w.createCampaign({ maxConcurrentCalls: 4 });
    await w.enrol(campaign.id, contacts.map((c) => c.id));
    forget(w.core);
    await w.core.close();
    // what a crash leaves: claimed enrolments and call rows that never ended
    const db = new Database(w.dbFile);
    const statuses = ['dialing', 'ringing', 'in_progress', 'dialing'] as const;
    // no owner; and owners as versions before leases wrote them (placed then, or restored from another machine's
    // backup): another machine's, this machine's with a live process id (the test runner's parent), this process's
    const owners = [null, `renamed-${hostname()}/4242/dlr_a`, `${hostname()}/${process.ppid}/dlr_b`, `${hostname()}/${process.pid}/dlr_c`];
    const ids: string[] = [];
    const t = MONDAY_9_NY - 5 * MINUTE;
    db.prepare(`UPDATE campaigns SET status = 'running', started_at = ? WHERE id = ?`).run(t, campaign.id);
    contacts.forEach((c, i) => {
      const id = `call_handmade_${i}`;
      ids.push(id);
      leaveCallOpen(db, w, campaign.id, c, { id, status: statuses[i], owner: owners[i], startedAt: t, answeredAt: statuses[i] === 'in_progress' ? t + 5000 : undefined });
    });
    db.close();

    const clock = new VirtualClock(MONDAY_9_NY);
    const sim = new SimulatorProvider({ clock, seed: 4, script: () => 'answered' });
    const core = await openCoreOn(w.dbFile, clock, sim);
    const sqlite = core.services.store.sqlite;
    const rows = callRows(sqlite, campaign.id);
    for (const id of ids) {
      const row = rows.find((r) => r.id === id)!;
      expect(row).toMatchObject({ status: 'ended', outcome: 'failed', endedAt: MONDAY_9_NY });
      expect(row.error).toMatch(INTERRUPTED);
    }
    expect(enrolments(sqlite, campaign.id).map((e) => [e.status, e.attempts])).toEqual([
      ['failed', 1],
      ['failed', 1],
      ['failed', 1],
      ['failed', 1],
    ]);
    // nothing left to do: the campaign completes
    await clock.runUntil(clock.now() + 1);
    expect(sqlite.prepare('SELECT status FROM campaigns WHERE id = ?').pluck().get(campaign.id)).toBe('completed');
  });

  it('a call the provider still has is adopted (and settled by its end event); one it saw end gets its real outcome', async () => {
    const { w, campaign, open, crashedAt } = await crashMidCampaign();
    const clock = new VirtualClock(crashedAt + MINUTE);
    const inner = new SimulatorProvider({ clock, seed: 5, script: () => 'answered' });
    const [stillGoing, endedMeanwhile, lost] = open;
    const provider = new ReportingProvider(
      inner,
      new Map<string, ProviderCallStatus>([
        [stillGoing.id, { state: 'active' }],
        [endedMeanwhile.id, { state: 'ended', outcome: 'busy' }],
      ]),
    );
    const core = await openCoreOn(w.dbFile, clock, inner, { providers: { simulator: provider } });
    const sqlite = core.services.store.sqlite;
    const row = (id: string) => callRows(sqlite, campaign.id).find((r) => r.id === id)!;
    expect(row(stillGoing.id).status).not.toBe('ended');
    expect(row(endedMeanwhile.id)).toMatchObject({ status: 'ended', outcome: 'busy', error: null });
    expect(row(lost.id)).toMatchObject({ status: 'ended', outcome: 'failed' });
    const e = () => new Map(enrolments(sqlite, campaign.id).map((x) => [x.contactId, x]));
    expect(e().get(stillGoing.contactId)!.status).toBe('calling');
    expect(e().get(endedMeanwhile.contactId)).toMatchObject({ status: 'pending', busyAttempts: 1 });
    // the adopted call holds its line: with 3 lines, one is taken, so only two new dials happen now
    expect(callRows(sqlite, campaign.id).filter((r) => r.status !== 'ended')).toHaveLength(3);
    await clock.runUntil(clock.now() + 30_000);
    provider.emit({ callId: stillGoing.id, type: 'ended', at: clock.now(), outcome: 'answered' });
    expect(row(stillGoing.id)).toMatchObject({ status: 'ended', outcome: 'answered', endedAt: clock.now() });
    expect(e().get(stillGoing.contactId)).toMatchObject({ status: 'completed', attempts: 1 });
  });
});

describe('crash safety: two scheduler instances on one database file', () => {
  /** Calls-table and provider-side checks over both instances' calls. */
  function expectNoDoubleDialAndCap(rows: CallRow[], real: { to: string; start: number; end: number | null }[], cap: number) {
    expect(maxOverlap(rows.map((r) => ({ start: r.startedAt, end: r.endedAt })))).toBeLessThanOrEqual(cap);
    expect(overlappingCalls(rows)).toEqual([]);
    const byTo = new Map<string, typeof real>();
    for (const c of real) byTo.set(c.to, [...(byTo.get(c.to) ?? []), c]);
    for (const [to, list] of byTo) {
      list.sort((x, y) => x.start - y.start);
      for (let i = 1; i < list.length; i++) expect(list[i].start, to).toBeGreaterThanOrEqual(list[i - 1].end ?? Infinity);
    }
  }

  it('both dial one running campaign; no contact is ever in two calls at once and the concurrency cap holds', async () => {
    const a = await openWorld({ seed: 41, core: { safetyTickMs: 10_000 } });
    const clockB = new VirtualClock(a.clock.now());
    const simB = new SimulatorProvider({ clock: clockB, seed: 42 });
    const trackerB = trackProvider(simB);
    const coreB = await openCoreOn(a.dbFile, clockB, simB, { safetyTickMs: 10_000 });
    const apiB = inMemoryApi(coreB);

    const contacts = await a.addContacts(60);
    const campaign = await a.createCampaign({ maxConcurrentCalls: 3, retryDelayMinutesNoAnswer: 2, retryDelayMinutesBusy: 3 });
    // A starts with one contact (one line); B enrols the rest and fills the other lines; from then on
    // each instance refills the lines its own calls free, and both safety ticks compete for the rest
    await a.enrol(campaign.id, [contacts[0].id]);
    await a.run(campaign.id, 'start');
    await apiB.invoke('campaigns.enrol', { id: campaign.id, contactIds: contacts.slice(1).map((c) => c.id) });
    expect([a.tracker.live, trackerB.live]).toEqual([1, 2]);

    const statusOf = a.sqlite.prepare('SELECT status FROM campaigns WHERE id = ?').pluck();
    const openRows = a.sqlite.prepare(`SELECT count(*) FROM calls WHERE campaign_id = ? AND status <> 'ended'`).pluck();
    let maxOpenRows = 0;
    await lockstep(a.clock, clockB, 3 * DAY, () => {
      maxOpenRows = Math.max(maxOpenRows, openRows.get(campaign.id) as number);
      return statusOf.get(campaign.id) === 'completed' && a.tracker.live === 0 && trackerB.live === 0;
    });
    expect(statusOf.get(campaign.id)).toBe('completed');
    // both instances really dialed
    expect(a.tracker.calls.size).toBeGreaterThan(10);
    expect(trackerB.calls.size).toBeGreaterThan(10);

    const rows = callRows(a.sqlite, campaign.id);
    expect(rows.length).toBe(a.tracker.calls.size + trackerB.calls.size);
    expect(maxOpenRows).toBeLessThanOrEqual(3);
    const real = [...a.tracker.calls.values(), ...trackerB.calls.values()];
    expectNoDoubleDialAndCap(rows, real, 3);
    // provider-side truth across both instances: never more than 3 lines at once
    expect(maxOverlap(real.map((c) => ({ start: c.start, end: c.end })))).toBeLessThanOrEqual(3);
    // per contact: attempts counted once each, within the budget, retries not before their delay
    for (const e of enrolments(a.sqlite, campaign.id)) {
      const mine = rows.filter((r) => r.contactId === e.contactId);
      expect(mine).toHaveLength(e.attempts);
      expect(mine.map((r) => r.attempt)).toEqual(mine.map((_, i) => i + 1));
      expect(e.attempts).toBeLessThanOrEqual(3);
      for (let i = 1; i < mine.length; i++) {
        const wait = retryDelayMinutes(campaign, mine[i - 1].outcome as CallOutcome, i) * MINUTE;
        expect(mine[i].startedAt).toBeGreaterThanOrEqual(mine[i - 1].endedAt! + wait);
      }
    }
    expect(rows.every((r) => r.status === 'ended')).toBe(true);
  });

  it('a second instance opened while the first has calls in flight keeps the calls table consistent', async () => {
    const a = await openWorld({ seed: 43, core: { safetyTickMs: 10_000 } });
    const contacts = await a.addContacts(12);
    const campaign = await a.createCampaign({ maxConcurrentCalls: 3 });
    await a.enrol(campaign.id, contacts.map((c) => c.id));
    await a.run(campaign.id, 'start');
    await a.advance(10_000);
    expect(a.tracker.live).toBe(3);
    const clockB = new VirtualClock(a.clock.now());
    const simB = new SimulatorProvider({ clock: clockB, seed: 44 });
    const trackerB = trackProvider(simB);
    await openCoreOn(a.dbFile, clockB, simB, { safetyTickMs: 10_000 });
    const statusOf = a.sqlite.prepare('SELECT status FROM campaigns WHERE id = ?').pluck();
    await lockstep(a.clock, clockB, 3 * DAY, () => statusOf.get(campaign.id) === 'completed' && a.tracker.live === 0 && trackerB.live === 0);
    expect(statusOf.get(campaign.id)).toBe('completed');
    const rows = callRows(a.sqlite, campaign.id);
    // the calls table: no contact in two calls at once, never more than the cap, every attempt counted
    expect(maxOverlap(rows.map((r) => ({ start: r.startedAt, end: r.endedAt })))).toBeLessThanOrEqual(3);
    expect(overlappingCalls(rows)).toEqual([]);
    for (const e of enrolments(a.sqlite, campaign.id)) expect(rows.filter((r) => r.contactId === e.contactId)).toHaveLength(e.attempts);
    // A's lease is live: B takes none of its calls, so each call ends as its provider saw it, and the lines hold
    expect(rows.filter((r) => INTERRUPTED.test(r.error ?? ''))).toEqual([]);
    const real = new Map([...a.tracker.calls, ...trackerB.calls]);
    for (const row of rows) expect(row.outcome, row.id).toBe(real.get(row.id)?.outcome);
    expect(maxOverlap([...real.values()].map((c) => ({ start: c.start, end: c.end })))).toBeLessThanOrEqual(3);
  });
});

// ---------------------------------------------------------------------------------------------------

/** JSON over HTTP to the host's REST API. */
async function rest(host: HostProcess, key: string, method: string, path: string, body?: unknown) {
  const response = await fetch(new URL(path, host.url), {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, any>;
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A workspace file for a host process, with an API key and a short dialer lease (its settings.json, beside it). */
function hostWorkspace(): { file: string; key: string } {
  const file = tempDbFile();
  writeFileSync(join(dirname(file), 'settings.json'), JSON.stringify({ version: 1, dialer: { leaseExpirySeconds: LEASE_MS / 1000 } }));
  const output = execFileSync(process.execPath, ['--import', 'tsx', 'main/api/cli.ts', 'create', '--db', file], { encoding: 'utf8' });
  const key = output.trim().split('\n').pop()!.trim();
  expect(key.length).toBeGreaterThan(20);
  return { file, key };
}

/** Starts a campaign of Riley's numbers on the demo's Northwind contacts (all eligible with a phone), 5 lines. */
async function startDemoCampaign(host: HostProcess, key: string, extra: Record<string, unknown> = {}): Promise<{ id: string }> {
  const companies = await rest(host, key, 'GET', '/api/crm/companies?search=Northwind');
  const company = companies.companies[0];
  const assistants = (await rest(host, key, 'GET', '/api/assistants')).assistants as { id: string; name: string }[];
  const riley = assistants.find((x) => x.name.startsWith('Riley'))!;
  const numbers = (await rest(host, key, 'GET', `/api/phone-numbers?assistantId=${riley.id}`)).phoneNumbers as { id: string }[];
  const { campaign } = await rest(host, key, 'POST', '/api/crm/campaigns', {
    name: 'Kill -9',
    assistantId: riley.id,
    companyId: company.id,
    fromNumberIds: numbers.map((n) => n.id),
    callWindowStart: '00:00',
    callWindowEnd: '23:59:59',
    maxConcurrentCalls: 5,
    // real time: the crash is under test, not the law, which holds the demo's US contacts half of every day
    legalHoursGuard: false,
    ...extra,
  });
  const enrolled = await rest(host, key, 'POST', `/api/crm/campaigns/${campaign.id}/contacts`, {
    audience: { mode: 'all_eligible', companyId: company.id, hasPhoneOnly: true, excludeDnc: true },
  });
  expect(enrolled.enrolled).toBeGreaterThan(100);
  await rest(host, key, 'POST', `/api/crm/campaigns/${campaign.id}/run`, { action: 'start' });
  return campaign;
}

/** kill -9: the host records nothing more. Returns when it is gone. */
async function killHard(host: HostProcess): Promise<number> {
  const exited = new Promise((resolve) => host.child.once('exit', resolve));
  host.child.kill('SIGKILL');
  await exited;
  return Date.now();
}

/** The rows of the file, read while a host may be writing it. */
function readFile<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

interface Identity {
  host: string;
  pid: number;
}

/**
 * Rewrites what a killed host stored about itself, as if its machine had been renamed, or its process id given to
 * another process, before the restart: call owners in the form versions before leases wrote (host/pid/instance),
 * and lease holders (host/pid).
 */
function rewriteIdentity(file: string, from: Identity, to: Identity): void {
  const [before, after] = [`${from.host}/${from.pid}`, `${to.host}/${to.pid}`];
  const db = new Database(file);
  db.prepare(`UPDATE calls SET owner = ? || substr(owner, ?) WHERE status <> 'ended' AND substr(owner, 1, ?) = ?`).run(`${after}/`, before.length + 2, before.length + 1, `${before}/`);
  db.prepare(`UPDATE dialer_leases SET holder = ? WHERE holder = ?`).run(after, before);
  db.close();
}

/** The lease the hosts in these tests hold: a killed host's calls are settled this long after the kill. */
const LEASE_MS = 3000;
/** How late a host's timer may fire on a busy test machine. */
const TIMER_SLACK_MS = 2000;

describe('crash safety: kill -9 of the headless host', () => {
  it('mid-campaign, restarted on the same file: no double dial, no lost attempt, interrupted calls settled', { timeout: 120_000 }, async () => {
    const { file, key } = hostWorkspace();
    const args = ['--db', file, '--port', '0', '--time-scale', '200'];
    const first = await startHostProcess([...args, '--demo']);
    let second: HostProcess | undefined;
    try {
      const campaign = await startDemoCampaign(first, key);

      // some calls done and some in progress
      await waitFor('calls in progress after some finished', async () => {
        const { dashboard } = await rest(first, key, 'GET', `/api/crm/campaigns/${campaign.id}/dashboard`);
        return dashboard.callsInProgress.length >= 3 && dashboard.recentCalls.length >= 5 ? dashboard : undefined;
      });
      const killedAt = await killHard(first);

      // what the crash left behind
      const atCrash = new Database(file);
      const leftOpen = callRows(atCrash, campaign.id).filter((r) => r.status !== 'ended');
      const callsAtCrash = callRows(atCrash, campaign.id).length;
      atCrash.close();
      expect(leftOpen.length).toBeGreaterThan(0);
      expect(leftOpen.length).toBeLessThanOrEqual(5);

      second = await startHostProcess(args);
      const restartedAt = Date.now();
      const s = second;
      // dialing resumes by itself after the restart
      await waitFor('new calls after the restart', async () => {
        const { dashboard } = await rest(s, key, 'GET', `/api/crm/campaigns/${campaign.id}/dashboard`);
        return dashboard.recentCalls.some((c: { startedAt: string }) => Date.parse(c.startedAt) >= restartedAt) ? true : undefined;
      });
      await new Promise((r) => setTimeout(r, 1500));
      // let the calls in progress finish before a clean stop (a stop does not settle them itself; see report)
      await rest(second, key, 'POST', `/api/crm/campaigns/${campaign.id}/run`, { action: 'pause' });
      await waitFor('calls in progress to finish after pause', async () => {
        const { dashboard } = await rest(s, key, 'GET', `/api/crm/campaigns/${campaign.id}/dashboard`);
        return dashboard.callsInProgress.length === 0 ? true : undefined;
      });
      await second.stop();
      second = undefined;

      const db = new Database(file, { readonly: true });
      try {
        const rows = callRows(db, campaign.id);
        const enrols = enrolments(db, campaign.id);
        expect(rows.length).toBeGreaterThan(callsAtCrash);
        // every call row is ended
        expect(rows.filter((r) => r.status !== 'ended' || r.endedAt === null || r.outcome === null)).toEqual([]);
        // no contact has two calls overlapping in time
        expect(overlappingCalls(rows)).toEqual([]);
        // never more than the cap at once, the crash gap included
        expect(maxOverlap(rows.map((r) => ({ start: r.startedAt, end: r.endedAt })))).toBeLessThanOrEqual(5);
        // no lost attempt: per contact, call rows = attempts, numbered 1..n
        for (const e of enrols) {
          const mine = rows.filter((r: CallRow) => r.contactId === e.contactId);
          expect(mine, e.contactId).toHaveLength(e.attempts);
          expect(mine.map((r) => r.attempt)).toEqual(mine.map((_, i) => i + 1));
        }
        expect(enrols.filter((e) => e.status === 'calling')).toEqual([]);
        // the calls in flight at the kill were settled as interrupted attempts by the restarted host
        const byId = new Map(rows.map((r) => [r.id, r]));
        for (const open of leftOpen) {
          const settled = byId.get(open.id)!;
          expect(settled.outcome).toBe('failed');
          expect(settled.error).toMatch(INTERRUPTED);
          expect(settled.endedAt!).toBeGreaterThanOrEqual(killedAt);
          expect(settled.endedAt!).toBeLessThanOrEqual(restartedAt + 10_000);
          const enrolment = enrols.find((e) => e.contactId === open.contactId)!;
          expect(enrolment.errorAttempts).toBeGreaterThanOrEqual(1);
        }
        // nothing else was marked interrupted
        expect(rows.filter((r) => INTERRUPTED.test(r.error ?? '')).map((r) => r.id).sort()).toEqual(leftOpen.map((r) => r.id).sort());
      } finally {
        db.close();
      }
    } finally {
      if (first.child.exitCode === null && first.child.signalCode === null) first.child.kill('SIGKILL');
      await second?.stop();
    }
  });
});

describe('crash safety: kill -9, then a restart that shares nothing with the killed host but the file', () => {
  it('restarted under another host name, then with its old process id held by a live process: each time the calls in progress are settled within the lease expiry, and the campaign finishes', { timeout: 120_000 }, async () => {
    const { file, key } = hostWorkspace();
    const args = ['--db', file, '--port', '0', '--time-scale', '200'];
    let host = await startHostProcess([...args, '--demo']);
    // a live process, as after a reboot one may be given the killed host's process id
    const sleeper = spawn('sleep', ['600'], { stdio: 'ignore' });
    const restarts: [string, (killed: Identity) => Identity][] = [
      // macOS renames the machine with the network; a container gets a new name on each start
      ['renamed', (killed) => ({ host: `renamed-${killed.host}`, pid: killed.pid })],
      ['pid reused', (killed) => ({ host: killed.host, pid: sleeper.pid! })],
    ];
    try {
      const campaign = await startDemoCampaign(host, key, { maxAttemptsPerContact: 1 });
      const openCalls = () => readFile(file, (db) => callRows(db, campaign.id).filter((r) => r.status !== 'ended').map((r) => r.id));
      const interrupted: string[] = [];
      for (const [label, identityAfter] of restarts) {
        await waitFor(`${label}: calls in progress`, async () => (openCalls().length >= 2 ? true : undefined));
        const killed = { host: hostname(), pid: host.child.pid! };
        const killedAt = await killHard(host);
        const leftOpen = openCalls();
        expect(leftOpen.length, label).toBeGreaterThan(0);
        rewriteIdentity(file, killed, identityAfter(killed));

        host = await startHostProcess(args);
        const restartedAt = Date.now();
        const settled = await waitFor(`${label}: the killed host's calls settled`, async () => {
          const rows = readFile(file, (db) => callRows(db, campaign.id)).filter((r) => leftOpen.includes(r.id));
          return rows.every((r) => r.status === 'ended') ? rows : undefined;
        });
        for (const row of settled) {
          expect(row.outcome, label).toBe('failed');
          expect(row.error, label).toMatch(INTERRUPTED);
          expect(row.endedAt!, label).toBeGreaterThanOrEqual(killedAt);
          // its lease was last renewed before the kill: expired LEASE_MS later at the latest (or settled on start, if later)
          expect(row.endedAt!, label).toBeLessThanOrEqual(Math.max(killedAt + LEASE_MS, restartedAt) + TIMER_SLACK_MS);
        }
        interrupted.push(...leftOpen);
      }

      const statusOf = () => readFile(file, (db) => db.prepare('SELECT status FROM campaigns WHERE id = ?').pluck().get(campaign.id));
      await waitFor('the campaign to finish', async () => (statusOf() === 'completed' ? true : undefined), 60_000);
      await host.stop();
      readFile(file, (db) => {
        const rows = callRows(db, campaign.id);
        expect(rows.filter((r) => r.status !== 'ended' || r.outcome === null)).toEqual([]);
        expect(overlappingCalls(rows)).toEqual([]);
        expect(maxOverlap(rows.map((r) => ({ start: r.startedAt, end: r.endedAt })))).toBeLessThanOrEqual(5);
        for (const e of enrolments(db, campaign.id)) {
          expect(e.status, e.contactId).not.toMatch(/^(pending|calling)$/);
          expect(rows.filter((r) => r.contactId === e.contactId), e.contactId).toHaveLength(e.attempts);
        }
        expect(rows.filter((r) => INTERRUPTED.test(r.error ?? '')).map((r) => r.id).sort()).toEqual([...interrupted].sort());
      });
    } finally {
      if (host.child.exitCode === null && host.child.signalCode === null) host.child.kill('SIGKILL');
      sleeper.kill();
    }
  });
});
