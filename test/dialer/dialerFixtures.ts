import type BetterSqlite3 from 'better-sqlite3';
import { afterEach } from 'vitest';
import { openCore, type Core, type CoreOptions } from '../../main/core';
import { seedDemo } from '../../main/demo/seedDemo';
import { VirtualClock } from '../../main/platform/clock';
import type { CallEvent } from '../../main/telephony/port';
import { SimulatorProvider, type SimulatorOptions } from '../../main/telephony/simulator';
import { silentLogger } from '../../main/platform/log';
import type { Campaign, CallOutcome } from '../../shared/campaigns/types';
import type { Contact } from '../../shared/crm/types';
import type { Api } from '../../shared/contract/createApi';
import { inMemoryApi } from '../support/inMemoryTransport';
import { tempDbFile } from '../support/tempDb';

/** Monday 2026-01-12 09:00 in New York (EST). */
export const MONDAY_9_NY = Date.parse('2026-01-12T14:00:00Z');
export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

const open: Core[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

export interface CallRow {
  id: string;
  campaignId: string;
  contactId: string;
  attempt: number;
  status: string;
  outcome: CallOutcome | null;
  error: string | null;
  fromNumber: string;
  fromNumberId: string | null;
  toNumber: string;
  provider: string;
  startedAt: number;
  answeredAt: number | null;
  endedAt: number | null;
}

export interface EnrolmentRow {
  seq: number;
  contactId: string;
  status: string;
  skipReason: string | null;
  attempts: number;
  noAnswerAttempts: number;
  busyAttempts: number;
  errorAttempts: number;
  nextAttemptAt: number;
  lastOutcome: string | null;
  fromNumberId: string | null;
}

export function callRows(sqlite: BetterSqlite3.Database, campaignId?: string): CallRow[] {
  return sqlite
    .prepare(
      `SELECT id, campaign_id AS campaignId, contact_id AS contactId, attempt, status, outcome, error, from_number AS fromNumber,
              from_number_id AS fromNumberId, to_number AS toNumber, provider, started_at AS startedAt, answered_at AS answeredAt, ended_at AS endedAt
       FROM calls ${campaignId ? 'WHERE campaign_id = ?' : ''} ORDER BY started_at, seq`,
    )
    .all(...(campaignId ? [campaignId] : [])) as CallRow[];
}

export function enrolments(sqlite: BetterSqlite3.Database, campaignId: string): EnrolmentRow[] {
  return sqlite
    .prepare(
      `SELECT seq, contact_id AS contactId, status, skip_reason AS skipReason, attempts, no_answer_attempts AS noAnswerAttempts,
              busy_attempts AS busyAttempts, error_attempts AS errorAttempts, next_attempt_at AS nextAttemptAt,
              last_outcome AS lastOutcome, from_number_id AS fromNumberId
       FROM campaign_contacts WHERE campaign_id = ? ORDER BY seq`,
    )
    .all(campaignId) as EnrolmentRow[];
}

/** The most intervals [start, end) open at once (end null = still open). */
export function maxOverlap(intervals: { start: number; end: number | null }[]): number {
  const points: [number, number][] = [];
  for (const { start, end } of intervals) {
    points.push([start, 1]);
    if (end !== null) points.push([end, -1]);
  }
  // an end and a start at the same instant: the end frees the slot first
  points.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let open = 0;
  let most = 0;
  for (const [, delta] of points) {
    open += delta;
    most = Math.max(most, open);
  }
  return most;
}

/** Descriptions of every pair of calls to the same contact that overlap in time. */
export function overlappingCalls(rows: CallRow[]): string[] {
  const byContact = new Map<string, CallRow[]>();
  for (const row of rows) byContact.set(`${row.campaignId}/${row.contactId}`, [...(byContact.get(`${row.campaignId}/${row.contactId}`) ?? []), row]);
  const problems: string[] = [];
  for (const [key, calls] of byContact) {
    const sorted = [...calls].sort((a, b) => a.startedAt - b.startedAt);
    for (let i = 1; i < sorted.length; i++) {
      const previousEnd = sorted[i - 1].endedAt ?? Infinity;
      if (sorted[i].startedAt < previousEnd) problems.push(`${key}: ${sorted[i - 1].id} [${sorted[i - 1].startedAt}, ${sorted[i - 1].endedAt}) and ${sorted[i].id} from ${sorted[i].startedAt}`);
    }
  }
  return problems;
}

/** Provider-side truth: every call the simulator placed, from its dialing to its ended event. */
export function trackProvider(sim: SimulatorProvider) {
  const calls = new Map<string, { to: string; start: number; end: number | null; outcome: CallOutcome | null }>();
  const toOf = new Map<string, string>();
  let live = 0;
  let maxLive = 0;
  const events: CallEvent[] = [];
  const original = sim.placeCall.bind(sim);
  sim.placeCall = (request) => {
    toOf.set(request.callId, request.to);
    return original(request);
  };
  sim.onEvent((e) => {
    events.push(e);
    if (e.type === 'dialing') {
      calls.set(e.callId, { to: toOf.get(e.callId) ?? '?', start: e.at, end: null, outcome: null });
      live++;
      maxLive = Math.max(maxLive, live);
    } else if (e.type === 'ended') {
      const call = calls.get(e.callId);
      if (call) Object.assign(call, { end: e.at, outcome: e.outcome });
      live--;
    }
  });
  return {
    calls,
    events,
    get live() {
      return live;
    },
    get maxLive() {
      return maxLive;
    },
    /** Pairs of real calls to the same number that overlapped. */
    overlaps(): string[] {
      const byTo = new Map<string, { id: string; start: number; end: number | null }[]>();
      for (const [id, c] of calls) byTo.set(c.to, [...(byTo.get(c.to) ?? []), { id, start: c.start, end: c.end }]);
      const out: string[] = [];
      for (const [to, list] of byTo) {
        list.sort((a, b) => a.start - b.start);
        for (let i = 1; i < list.length; i++) if (list[i].start < (list[i - 1].end ?? Infinity)) out.push(`${to}: ${list[i - 1].id} and ${list[i].id}`);
      }
      return out;
    },
  };
}

export interface WorldOptions {
  start?: number;
  seed?: number;
  /** Outcomes per phone number, by attempt (1-based); anything not listed is random. */
  script?: Record<string, CallOutcome[]>;
  outcomeMix?: SimulatorOptions['outcomeMix'];
  durations?: SimulatorOptions['durations'];
  dbFile?: string;
  core?: Partial<CoreOptions>;
  /** Seed the demo workspace (seedDemo) before the world's own fixtures are added. */
  demo?: boolean;
}

export interface World {
  core: Core;
  clock: VirtualClock;
  sim: SimulatorProvider;
  tracker: ReturnType<typeof trackProvider>;
  api: Api;
  sqlite: BetterSqlite3.Database;
  dbFile: string;
  script: Record<string, CallOutcome[]>;
  /** Numbers whose person asks, on an answered call, not to be called again. */
  optOuts: Set<string>;
  assistantId: string;
  numberIds: string[];
  numbers: string[];
  companyId: string;
  addContacts(n: number, make?: (i: number) => Record<string, unknown>): Promise<Contact[]>;
  createCampaign(extra?: Record<string, unknown>): Promise<Campaign>;
  enrol(campaignId: string, contactIds: string[]): Promise<void>;
  run(campaignId: string, action: 'start' | 'pause' | 'resume' | 'cancel'): Promise<Campaign>;
  advance(ms: number): Promise<void>;
  /** Runs until the campaign is completed or cancelled with nothing in flight, or `limit` ms pass. */
  runToEnd(campaignId: string, limit?: number): Promise<void>;
  status(campaignId: string): string;
  calls(campaignId?: string): CallRow[];
  enrolments(campaignId: string): EnrolmentRow[];
}

let phoneSeq = 0;
/** A fresh New York number (area code 212). */
export function nyPhone(): string {
  phoneSeq = (phoneSeq + 1) % 9000;
  return `+1212555${String(1000 + phoneSeq)}`;
}

/** A core with a VirtualClock and a scripted simulator, an outbound assistant with two numbers, and a company. */
export async function openWorld(options: WorldOptions = {}): Promise<World> {
  const clock = new VirtualClock(options.start ?? MONDAY_9_NY);
  const script: Record<string, CallOutcome[]> = { ...options.script };
  const optOuts = new Set<string>();
  const sim = new SimulatorProvider({
    clock,
    seed: options.seed ?? 1,
    outcomeMix: options.outcomeMix,
    durations: options.durations,
    script: (to, attempt) => script[to]?.[attempt - 1],
    optsOut: (to) => optOuts.has(to),
  });
  const tracker = trackProvider(sim);
  const dbFile = options.dbFile ?? tempDbFile();
  const core = await openCore({ dbFile, clock, log: silentLogger, providers: { simulator: sim }, safetyTickMs: 0, ...options.core });
  open.push(core);
  const api = inMemoryApi(core);
  const sqlite = core.services.store.sqlite;
  if (options.demo && !(await seedDemo(core.services, core.localTeam))) throw new Error('seedDemo did nothing');
  const assistant = await api.invoke('assistants.create', { name: 'Caller', outboundEnabled: true });
  const n1 = await api.invoke('phoneNumbers.create', { number: `+1202555${String(7000 + (phoneSeq++ % 1000))}`, assistantId: assistant.id, status: 'active', label: 'one' });
  const n2 = await api.invoke('phoneNumbers.create', { number: `+1202555${String(8000 + (phoneSeq++ % 1000))}`, assistantId: assistant.id, status: 'active', label: 'two' });
  const company = await api.invoke('companies.create', { name: 'Dialed Inc' });
  const statusOf = sqlite.prepare('SELECT status FROM campaigns WHERE id = ?').pluck();

  const world: World = {
    core,
    clock,
    sim,
    tracker,
    api,
    sqlite,
    dbFile,
    script,
    optOuts,
    assistantId: assistant.id,
    numberIds: [n1.id, n2.id],
    numbers: [n1.number, n2.number],
    companyId: company.id,
    async addContacts(n, make = () => ({})) {
      const out: Contact[] = [];
      for (let i = 0; i < n; i++) {
        out.push(await api.invoke('contacts.create', { companyId: company.id, firstName: 'Contact', lastName: String(i + 1), phone: nyPhone(), ...make(i) }));
      }
      return out;
    },
    createCampaign: (extra = {}) =>
      api.invoke('campaigns.create', {
        name: 'Dialer test',
        assistantId: assistant.id,
        companyId: company.id,
        fromNumberIds: [n1.id, n2.id],
        callWindowStart: '00:00',
        callWindowEnd: '23:59',
        ...extra,
      }),
    async enrol(campaignId, contactIds) {
      await api.invoke('campaigns.enrol', { id: campaignId, contactIds });
    },
    run: (campaignId, action) => api.invoke('campaigns.run', { id: campaignId, action }),
    advance: (ms) => clock.runUntil(clock.now() + ms),
    async runToEnd(campaignId, limit = 30 * DAY) {
      const done = () => {
        const status = statusOf.get(campaignId);
        return (status === 'completed' || status === 'cancelled') && tracker.live === 0;
      };
      await clock.runUntil(clock.now() + limit, done);
    },
    status: (campaignId) => statusOf.get(campaignId) as string,
    calls: (campaignId) => callRows(sqlite, campaignId),
    enrolments: (campaignId) => enrolments(sqlite, campaignId),
  };
  return world;
}

/** Opens another core on an existing file, for restarts and second instances. */
export async function openCoreOn(dbFile: string, clock: VirtualClock, sim: SimulatorProvider, extra: Partial<CoreOptions> = {}): Promise<Core> {
  const core = await openCore({ dbFile, clock, log: silentLogger, providers: { simulator: sim }, safetyTickMs: 0, ...extra });
  open.push(core);
  return core;
}

/** What a dialer that went away leaves: the contact claimed for its first attempt, and that call's row open. */
export function leaveCallOpen(
  db: BetterSqlite3.Database,
  w: World,
  campaignId: string,
  contact: Contact,
  call: { id: string; status: 'dialing' | 'ringing' | 'in_progress'; owner: string | null; startedAt: number; answeredAt?: number },
): void {
  db.prepare(`UPDATE campaign_contacts SET status = 'calling', attempts = 1, from_number_id = ? WHERE campaign_id = ? AND contact_id = ?`).run(w.numberIds[0], campaignId, contact.id);
  db.prepare(
    `INSERT INTO calls (id, team_id, campaign_id, contact_id, attempt, from_number_id, from_number, to_number, status, provider, owner, started_at, answered_at)
     VALUES (?, 'team_default', ?, ?, 1, ?, ?, ?, ?, 'simulator', ?, ?, ?)`,
  ).run(call.id, campaignId, contact.id, w.numberIds[0], w.numbers[0], contact.phone, call.status, call.owner, call.startedAt, call.answeredAt ?? null);
}

/** Advances two dialers' clocks in lockstep (1 s steps, alternating who goes first) until `done` or `ms` pass. */
export async function lockstep(a: VirtualClock, b: VirtualClock, ms: number, done: () => boolean = () => false): Promise<void> {
  const end = a.now() + ms;
  for (let t = a.now() + 1000, i = 0; t <= end && !done(); t += 1000, i++) {
    const [first, second] = i % 2 ? [a, b] : [b, a];
    await first.runUntil(t);
    await second.runUntil(t);
  }
}

/** Runs `work` against a core that the fixture will not close (the test closes it itself). */
export function forget(core: Core): void {
  const i = open.indexOf(core);
  if (i >= 0) open.splice(i, 1);
}
