import type BetterSqlite3 from 'better-sqlite3';
import type { Compilable } from 'kysely';
import type { VoiceEngine } from '../../shared/assistants/engines';
import type { AmdResult } from '../../shared/campaigns/amdSettings';
import type { ReachSettings } from '../../shared/campaigns/reachSettings';
import type { CallOutcome, CampaignStatus, DialingSettings, EnrolmentStatus, SkipReason, Weekday } from '../../shared/campaigns/types';
import type { LeadStatus } from '../../shared/crm/leadStatus';
import { readAmdThresholds } from '../campaigns/campaignRows';
import type { ToolRecord, TurnRecord } from '../calls/callStore';
import { appendTools, appendTurns, enqueueAnalysis } from './sqlite/callConversation';
import type { PlaceCallRequest } from '../telephony/port';
import { newId } from '../platform/ids';
import { queryBuilderOn } from './open';
import { webhookOutbox } from './sqlite/webhookOutbox';

/** A contact due for a call, with what the dial-time checks need. */
export interface DueContact {
  seq: number;
  priority: number;
  nextAttemptAt: number;
  zoneKey: string | null;
  contactId: string;
  attempts: number;
  noAnswerAttempts: number;
  busyAttempts: number;
  errorAttempts: number;
  fromNumberId: string | null;
  phone: string | null;
  doNotCall: boolean;
  leadStatus: LeadStatus;
  /** Where the contact is, for the compliance check (its own zone, its number's zones, address fields). */
  timezone: string | null;
  phoneZones: string | null;
  /** JSON; also what {{custom.<key>}} reads. */
  customFields: string;
  /** What the assistant's templates say of the contact. */
  firstName: string;
  lastName: string;
  email: string | null;
  jobTitle: string | null;
}

/** A campaign as the dialer reads it on every pump: status, limits, window and retry settings, and how it reaches people. */
export type DialCampaign = DialingSettings &
  ReachSettings & {
    id: string;
    teamId: string;
    name: string;
    status: CampaignStatus;
    assistantId: string;
    /** The campaign's company, as {{company}} says it. */
    companyName: string | null;
  };

/** An assistant as the dialer reads it: what a provider is given of it, and the templates and settings of its conversation. */
export type DialAssistant = PlaceCallRequest['assistant'] & {
  prompt: string | null;
  engine: VoiceEngine;
  realtimeModel: string;
  realtimeVoice: string;
  transferNumber: string | null;
  maxCallMinutes: number;
};

export interface CallerNumberRow {
  id: string;
  number: string;
  weight: number;
  provider: string;
}

/** An enrolment's attempt counters as a claim left them (the call in flight counted in `attempts`). */
export interface AttemptCounts {
  seq: number;
  attempts: number;
  noAnswerAttempts: number;
  busyAttempts: number;
  errorAttempts: number;
}

export interface ClaimedCall {
  callId: string;
  attempt: number;
  counts: AttemptCounts;
}

/** A call taken over from a dialer whose lease expired. */
export interface OrphanedCall {
  id: string;
  campaignId: string;
  provider: string;
}

export interface FinishedCall extends AttemptCounts {
  teamId: string;
  campaignId: string;
  contactId: string;
}

/** SQLite's 0/1 as the boolean the domain types say. */
const flag = (value: unknown) => value === 1;

/**
 * Columns read raw, with the keys they go in (and how a value becomes its domain type, where SQLite's differs):
 * building the objects here costs less than better-sqlite3's own.
 */
function rawRows<T>(columns: [sql: string, key: keyof T, convert?: (value: unknown) => unknown][]) {
  return {
    select: columns.map(([sql]) => sql).join(', '),
    read(values: unknown[]): T {
      const row: Record<string, unknown> = {};
      for (let i = 0; i < columns.length; i++) {
        const convert = columns[i][2];
        row[columns[i][1] as string] = convert ? convert(values[i]) : values[i];
      }
      return row as T;
    },
  };
}

/** A due row: the enrolment and what the dial-time checks need of its contact. */
const DUE = rawRows<DueContact>([
  ['cc.seq', 'seq'],
  ['cc.priority', 'priority'],
  ['cc.next_attempt_at', 'nextAttemptAt'],
  ['cc.zone_key', 'zoneKey'],
  ['cc.contact_id', 'contactId'],
  ['cc.attempts', 'attempts'],
  ['cc.no_answer_attempts', 'noAnswerAttempts'],
  ['cc.busy_attempts', 'busyAttempts'],
  ['cc.error_attempts', 'errorAttempts'],
  ['cc.from_number_id', 'fromNumberId'],
  ['c.phone', 'phone'],
  ['c.do_not_call', 'doNotCall', flag],
  ['c.lead_status', 'leadStatus'],
  ['c.timezone', 'timezone'],
  ['c.phone_zones', 'phoneZones'],
  ['c.custom_fields', 'customFields'],
  ['c.first_name', 'firstName'],
  ['c.last_name', 'lastName'],
  ['c.email', 'email'],
  ['c.job_title', 'jobTitle'],
]);

/** An enrolment's counters, as a claim returns them. */
const COUNTS = rawRows<AttemptCounts>([
  ['seq', 'seq'],
  ['attempts', 'attempts'],
  ['no_answer_attempts', 'noAnswerAttempts'],
  ['busy_attempts', 'busyAttempts'],
  ['error_attempts', 'errorAttempts'],
]);

/** One statement per row count (1…max), prepared when first needed: a set of rows is written in one statement. */
function bySize(sqlite: BetterSqlite3.Database, sql: (n: number) => string, raw = false): (n: number) => BetterSqlite3.Statement {
  const prepared = new Map<number, BetterSqlite3.Statement>();
  return (n) => {
    let statement = prepared.get(n);
    if (!statement) prepared.set(n, (statement = raw ? sqlite.prepare(sql(n)).raw() : sqlite.prepare(sql(n))));
    return statement;
  };
}

// what differs per call is bound per row; what a batch shares, once by name
const CALL_VALUES = `(?, @teamId, @campaignId, ?, ?, ?, ?, ?, 'dialing', ?, @owner, @at)`;

/** Queue order: higher priority first, then earlier enrolment. */
export function inQueueOrder(a: DueContact, b: DueContact): number {
  return b.priority - a.priority || a.seq - b.seq;
}

/**
 * The dialer's SQL, synchronous and prepared: it runs for every call, so it skips the query builder.
 * One typed interface; a shared-server store would implement the same methods (claim by leasing rows).
 */
export function createDialerStore(sqlite: BetterSqlite3.Database) {
  const q = {
    runningCampaigns: sqlite.prepare<[], { id: string }>(`SELECT id FROM campaigns WHERE status = 'running' AND deleted_at IS NULL`),
    campaign: sqlite.prepare<[string], Record<string, unknown>>(
      `SELECT id, team_id AS teamId, name, status, assistant_id AS assistantId, max_concurrent_calls AS maxConcurrentCalls,
              (SELECT name FROM companies WHERE companies.id = campaigns.company_id) AS companyName,
              call_window_start AS callWindowStart, call_window_end AS callWindowEnd, call_window_timezone AS callWindowTimezone,
              use_contact_timezone AS useContactTimezone, call_days AS callDays, voicemail_action AS voicemailAction,
              max_attempts_per_contact AS maxAttemptsPerContact, retry_delay_minutes AS retryDelayMinutes,
              retry_delay_minutes_no_answer AS retryDelayMinutesNoAnswer, retry_delay_minutes_busy AS retryDelayMinutesBusy,
              retry_delay_minutes_error AS retryDelayMinutesError, retry_backoff AS retryBackoff,
              retry_backoff_multiplier AS retryBackoffMultiplier, retry_backoff_cap_minutes AS retryBackoffCapMinutes,
              retry_on_error AS retryOnError, retry_on_voicemail AS retryOnVoicemail,
              max_attempts_no_answer AS maxAttemptsNoAnswer, max_attempts_busy AS maxAttemptsBusy, max_attempts_error AS maxAttemptsError,
              legal_hours_guard AS legalHoursGuard, rolling_cap_per24h AS rollingCapPer24h,
              voicemail_detection AS voicemailDetection, amd_max_ms AS amdMaxMs, amd_thresholds AS amdThresholds, local_presence AS localPresence
       FROM campaigns WHERE id = ? AND deleted_at IS NULL`,
    ),
    callerNumbers: sqlite.prepare<[string]>(
      `SELECT p.id, p.number, n.weight, p.provider FROM campaign_numbers n JOIN phone_numbers p ON p.id = n.phone_number_id
       WHERE n.campaign_id = ? AND p.status = 'active' ORDER BY n.position`,
    ),
    // loose index scans over the few distinct zone keys and priorities of a campaign's pending contacts
    zoneAfter: sqlite.prepare<[string, string], { zoneKey: string }>(
      `SELECT zone_key AS zoneKey FROM campaign_contacts WHERE campaign_id = ? AND status = 'pending' AND zone_key > ?
       ORDER BY zone_key LIMIT 1`,
    ),
    hasNullZone: sqlite.prepare<[string]>(`SELECT 1 FROM campaign_contacts WHERE campaign_id = ? AND status = 'pending' AND zone_key IS NULL LIMIT 1`),
    priorityBelow: sqlite.prepare<[string, string | null, number], { priority: number }>(
      `SELECT priority FROM campaign_contacts WHERE campaign_id = ? AND status = 'pending' AND zone_key IS ? AND priority < ?
       ORDER BY priority DESC LIMIT 1`,
    ),
    // two streams of one zone key and priority, each straight off the index: contacts not yet dialed (next_attempt_at
    // 0) in enrolment order, and due retries longest-waiting first; the dialer takes from both in enrolment order.
    // `LIMIT ? + 0`, not `LIMIT ?`: SQLite plans a bare bound limit with its value, so the statement is prepared
    // again on every run (measured: +5 µs a query, more than reading the rows)
    dueNew: sqlite.prepare<[string, string | null, number, number]>(
      `SELECT ${DUE.select} FROM campaign_contacts cc INDEXED BY campaign_contacts_dial JOIN contacts c ON c.seq = cc.contact_seq
       WHERE cc.campaign_id = ? AND cc.status = 'pending' AND cc.zone_key IS ? AND cc.priority = ? AND cc.next_attempt_at = 0
       ORDER BY cc.seq LIMIT ? + 0`,
    ).raw(),
    dueRetries: sqlite.prepare<[string, string | null, number, number, number, number]>(
      `SELECT ${DUE.select} FROM campaign_contacts cc INDEXED BY campaign_contacts_dial JOIN contacts c ON c.seq = cc.contact_seq
       WHERE cc.campaign_id = ? AND cc.status = 'pending' AND cc.zone_key IS ? AND cc.priority = ? AND cc.next_attempt_at BETWEEN ? AND ?
       ORDER BY cc.next_attempt_at, cc.seq LIMIT ? + 0`,
    ).raw(),
    finishExhausted: sqlite.prepare<[number, number]>(`UPDATE campaign_contacts SET status = 'completed', updated_at = ? WHERE seq = ? AND status = 'pending'`),
    recheck: sqlite.prepare<[number]>(
      `SELECT cc.status, cc.attempts, c.phone, c.do_not_call AS doNotCall, c.lead_status AS leadStatus
       FROM campaign_contacts cc JOIN contacts c ON c.seq = cc.contact_seq WHERE cc.seq = ?`,
    ),
    calling: sqlite.prepare<[string], { n: number }>(`SELECT count(*) AS n FROM campaign_contacts WHERE campaign_id = ? AND status = 'calling'`),
    defer: sqlite.prepare<[number, number, number]>(`UPDATE campaign_contacts SET next_attempt_at = ?, updated_at = ? WHERE seq = ? AND status = 'pending'`),
    skipZone: sqlite.prepare<[SkipReason, number, string, string | null]>(
      `UPDATE campaign_contacts SET status = 'skipped', skip_reason = ?, updated_at = ? WHERE campaign_id = ? AND status = 'pending' AND zone_key IS ?`,
    ),
    skip: sqlite.prepare<[SkipReason, number, number]>(`UPDATE campaign_contacts SET status = 'skipped', skip_reason = ?, updated_at = ? WHERE seq = ? AND status = 'pending'`),
    // what a pump checks once, inside its write transaction: whether the campaign still runs, and its calls in flight
    // (across every process sharing the file: the transaction is IMMEDIATE, so both hold until it commits)
    dialState: sqlite.prepare<[string, string], { status: CampaignStatus | null; calling: number }>(
      `SELECT (SELECT status FROM campaigns WHERE id = ? AND deleted_at IS NULL) AS status,
              (SELECT count(*) FROM campaign_contacts WHERE campaign_id = ? AND status = 'calling') AS calling`,
    ),
    // the claim: one conditional update of the rows read ahead, re-checking each, and that its contact is callable now
    // at the number it was read with (another process may have changed it since)
    claim: bySize(
      sqlite,
      (n) => `UPDATE campaign_contacts SET status = 'calling', attempts = attempts + 1, updated_at = ?
       FROM (VALUES ${Array(n).fill('(?, ?)').join(', ')}) AS due
       WHERE campaign_contacts.seq = due.column1 AND status = 'pending' AND next_attempt_at <= ? AND attempts < ?
         AND EXISTS (SELECT 1 FROM contacts c WHERE c.seq = campaign_contacts.contact_seq
                     AND c.phone = due.column2 AND c.do_not_call = 0 AND c.lead_status <> 'do_not_contact')
       RETURNING ${COUNTS.select}`,
      true,
    ),
    insertCalls: bySize(
      sqlite,
      (n) => `INSERT INTO calls (id, team_id, campaign_id, contact_id, attempt, from_number_id, from_number, to_number, status, provider, owner, started_at)
       VALUES ${Array(n).fill(CALL_VALUES).join(', ')}`,
    ),
    callProgress: sqlite.prepare<[string, number | null, string]>(
      `UPDATE calls SET status = ?, answered_at = coalesce(answered_at, ?) WHERE id = ? AND status <> 'ended'`,
    ),
    endCall: sqlite.prepare<[CallOutcome, number, string | null, string | null, number | null, number | null, number, string]>(
      `UPDATE calls SET status = 'ended', outcome = ?, ended_at = ?, error = ?, amd_decision = ?, amd_ms = ?, amd_beep = ?,
              duration_seconds = CASE WHEN answered_at IS NULL THEN 0 ELSE (? - answered_at) / 1000.0 END
       WHERE id = ? AND status <> 'ended'
       RETURNING team_id AS teamId, campaign_id AS campaignId, contact_id AS contactId, from_number_id AS fromNumberId`,
    ),
    enrolmentOf: sqlite.prepare<[string, string]>(
      `SELECT seq, attempts, no_answer_attempts AS noAnswerAttempts, busy_attempts AS busyAttempts, error_attempts AS errorAttempts
       FROM campaign_contacts WHERE campaign_id = ? AND contact_id = ?`,
    ),
    settle: sqlite.prepare(
      `UPDATE campaign_contacts SET status = @status, next_attempt_at = @nextAttemptAt, last_outcome = @outcome,
              from_number_id = coalesce(@fromNumberId, from_number_id),
              no_answer_attempts = no_answer_attempts + @noAnswer, busy_attempts = busy_attempts + @busy,
              error_attempts = error_attempts + @error, updated_at = @at
       WHERE seq = @seq AND status = 'calling'`,
    ),
    // leases, and the calls in progress they own (every statement here reads open calls through calls_in_flight)
    renewLease: sqlite.prepare<[{ id: string; holder: string; at: number; expiresAt: number }]>(
      `INSERT INTO dialer_leases (id, holder, acquired_at, renewed_at, expires_at) VALUES (@id, @holder, @at, @at, @expiresAt)
       ON CONFLICT (id) DO UPDATE SET renewed_at = excluded.renewed_at, expires_at = excluded.expires_at`,
    ),
    releaseLease: sqlite.prepare<[string]>(`DELETE FROM dialer_leases WHERE id = ?`),
    cancelledCalls: sqlite.prepare<[string], { id: string; provider: string }>(
      `SELECT calls.id, calls.provider FROM calls JOIN campaigns ON campaigns.id = calls.campaign_id
       WHERE calls.status <> 'ended' AND calls.owner = ? AND campaigns.status = 'cancelled'`,
    ),
    // an owner that names no unexpired lease: its dialer is gone, or the call predates leases, or was left by hand
    takeOver: sqlite.prepare<[{ lease: string; at: number }], OrphanedCall>(
      `UPDATE calls SET owner = @lease
       WHERE status <> 'ended' AND owner IS NOT @lease
         AND NOT EXISTS (SELECT 1 FROM dialer_leases l WHERE l.id = calls.owner AND l.expires_at > @at)
       RETURNING id, campaign_id AS campaignId, provider`,
    ),
    dropLapsed: sqlite.prepare<[{ lease: string; at: number }]>(`DELETE FROM dialer_leases WHERE expires_at <= @at AND id <> @lease`),
    nextLeaseExpiry: sqlite.prepare<[string], { at: number | null }>(
      `SELECT min(l.expires_at) AS at FROM calls JOIN dialer_leases l ON l.id = calls.owner WHERE calls.status <> 'ended' AND calls.owner <> ?`,
    ),
    nextDueAfter: sqlite.prepare<[string, number], { at: number | null }>(
      `SELECT min(next_attempt_at) AS at FROM campaign_contacts WHERE campaign_id = ? AND status = 'pending' AND next_attempt_at > ?`,
    ),
    complete: sqlite.prepare<[number, number, string]>(
      `UPDATE campaigns SET status = 'completed', completed_at = ?, updated_at = ?
       WHERE id = ? AND status = 'running' AND keep_open = 0
         AND NOT EXISTS (SELECT 1 FROM campaign_contacts WHERE campaign_id = campaigns.id AND status IN ('pending', 'calling'))`,
    ),
    pause: sqlite.prepare<[number, string]>(`UPDATE campaigns SET status = 'paused', updated_at = ? WHERE id = ? AND status = 'running'`),
    assistant: sqlite.prepare<[string]>(
      `SELECT id, name, greeting, voicemail_message AS voicemailMessage, agent_url AS agentUrl, greeting_media_id AS greetingMediaId,
              voicemail_media_id AS voicemailMediaId, record_calls AS recordCalls, prompt, engine, realtime_model AS realtimeModel,
              realtime_voice AS realtimeVoice, transfer_number AS transferNumber, max_call_minutes AS maxCallMinutes
       FROM assistants WHERE id = ?`,
    ),
    zoneKey: sqlite.prepare<[number], { zoneKey: string | null }>(`SELECT zone_key AS zoneKey FROM campaign_contacts WHERE seq = ?`),
  };

  // a call's transcript and tools are written by the calls' own statements (the query builder's), compiled and run
  // here, inside the transaction that records the end of the call; each shape (row count) is prepared once
  const builder = queryBuilderOn(sqlite);
  const prepared = new Map<string, BetterSqlite3.Statement>();
  const runCompiled = (query: Compilable) => {
    const { sql, parameters } = query.compile();
    let statement = prepared.get(sql);
    if (!statement) prepared.set(sql, (statement = sqlite.prepare(sql)));
    statement.run(...parameters);
  };

  /** Up to `limit` rows of one zone key's stream, priority by priority (highest first): each priority is one index range. */
  const byPriority = (campaignId: string, zoneKey: string | null, limit: number, read: (priority: number, n: number) => unknown[]): DueContact[] => {
    const out: DueContact[] = [];
    for (let below = Number.MAX_SAFE_INTEGER; out.length < limit; ) {
      const next = q.priorityBelow.get(campaignId, zoneKey, below);
      if (!next) break;
      for (const values of read(next.priority, limit - out.length) as unknown[][]) out.push(DUE.read(values));
      below = next.priority;
    }
    return out;
  };

  // one wrapper for every batch: making a transaction function per call costs more than a claim
  const immediate = sqlite.transaction((work: () => unknown) => work()).immediate;

  // webhook events are written in the transaction that makes the change they report, so they commit with it
  const outbox = webhookOutbox(sqlite);

  // the claims and their call rows are written together; callers run this inside batch(), so all commit as one
  const claimTx = (args: { campaign: DialCampaign; calls: { due: DueContact; from: CallerNumberRow }[]; at: number; owner: string }): Map<number, ClaimedCall> => {
    const { campaign, at, owner } = args;
    // an enrolment given twice counts once, as its last row (the latest read)
    const calls = [...new Map(args.calls.map((call) => [call.due.seq, call])).values()];
    const claimed = new Map<number, ClaimedCall>();
    if (!calls.length) return claimed;
    const bound: unknown[] = [at];
    for (const { due } of calls) bound.push(due.seq, due.phone);
    bound.push(at, campaign.maxAttemptsPerContact);
    for (const values of q.claim(calls.length).all(bound) as unknown[][]) {
      const counts = COUNTS.read(values);
      claimed.set(counts.seq, { callId: newId('call'), attempt: counts.attempts, counts });
    }
    const values: unknown[] = [];
    for (const { due, from } of calls) {
      const call = claimed.get(due.seq);
      if (call) values.push(call.callId, due.contactId, call.attempt, from.id, from.number, due.phone, from.provider);
    }
    if (claimed.size) q.insertCalls(claimed.size).run(values, { teamId: campaign.teamId, campaignId: campaign.id, owner, at });
    for (const { callId } of claimed.values()) outbox.call('call.started', callId, at);
    return claimed;
  };

  // like the claim, run inside batch(): the end, the retry decision and the freed slot's next claim commit as one
  const finishTx = (args: {
    callId: string;
    outcome: CallOutcome;
    at: number;
    error: string | null;
    /** What answering-machine detection found on the call, when it ran. */
    amd?: AmdResult;
    /** The counters the claim returned, when this process made it (saves reading them back). */
    counts?: AttemptCounts;
    decide: (enrolment: FinishedCall) => { status: EnrolmentStatus; nextAttemptAt: number | null };
  }): FinishedCall | null => {
    const { amd } = args;
    const beep = amd?.beep == null ? null : Number(amd.beep);
    const ended = q.endCall.get(args.outcome, args.at, args.error, amd?.decision ?? null, amd?.ms ?? null, beep, args.at, args.callId) as
      | { teamId: string; campaignId: string; contactId: string; fromNumberId: string | null }
      | undefined;
    if (!ended) return null;
    outbox.call('call.ended', args.callId, args.at);
    const row = args.counts ?? (q.enrolmentOf.get(ended.campaignId, ended.contactId) as AttemptCounts | undefined);
    if (!row) return null;
    const { fromNumberId, ...call } = ended;
    const counted = {
      ...call,
      ...row,
      noAnswerAttempts: row.noAnswerAttempts + (args.outcome === 'no_answer' ? 1 : 0),
      busyAttempts: row.busyAttempts + (args.outcome === 'busy' ? 1 : 0),
      errorAttempts: row.errorAttempts + (args.outcome === 'failed' ? 1 : 0),
    };
    const decision = args.decide(counted);
    q.settle.run({
      status: decision.status,
      nextAttemptAt: decision.nextAttemptAt ?? 0,
      outcome: args.outcome,
      noAnswer: args.outcome === 'no_answer' ? 1 : 0,
      busy: args.outcome === 'busy' ? 1 : 0,
      error: args.outcome === 'failed' ? 1 : 0,
      at: args.at,
      seq: row.seq,
      fromNumberId,
    });
    return counted;
  };

  return {
    runningCampaignIds: () => q.runningCampaigns.all().map((r) => r.id),
    campaign: (id: string): DialCampaign | undefined => {
      const row = q.campaign.get(id);
      if (!row) return undefined;
      return {
        ...(row as unknown as DialCampaign),
        useContactTimezone: row.useContactTimezone === 1,
        retryOnError: row.retryOnError === 1,
        retryOnVoicemail: row.retryOnVoicemail === 1,
        legalHoursGuard: row.legalHoursGuard === 1,
        voicemailDetection: row.voicemailDetection === 1,
        amdThresholds: readAmdThresholds(row.amdThresholds as string),
        localPresence: row.localPresence === 1,
        callDays: row.callDays ? (JSON.parse(row.callDays as string) as Weekday[]) : null,
      };
    },
    callerNumbers: (campaignId: string) => q.callerNumbers.all(campaignId) as CallerNumberRow[],
    /** The distinct zone keys among pending contacts (null: the campaign's zone). */
    zoneKeys(campaignId: string): (string | null)[] {
      const keys: (string | null)[] = q.hasNullZone.get(campaignId) ? [null] : [];
      for (let after = ''; ; ) {
        const next = q.zoneAfter.get(campaignId, after);
        if (!next) return keys;
        keys.push(next.zoneKey);
        after = next.zoneKey;
      }
    },
    /** Whether any contact of one zone key is due by `at` (a closed group's opening matters only then). */
    hasDue: (campaignId: string, zoneKey: string | null, at: number) =>
      byPriority(campaignId, zoneKey, 1, (p, n) => q.dueNew.all(campaignId, zoneKey, p, n)).length > 0 ||
      byPriority(campaignId, zoneKey, 1, (p, n) => q.dueRetries.all(campaignId, zoneKey, p, 1, at, n)).length > 0,
    /** Up to `limit` contacts of one zone key not yet dialed (due at once), highest priority first, then enrolment order. */
    dueFresh: (campaignId: string, zoneKey: string | null, limit: number) => byPriority(campaignId, zoneKey, limit, (p, n) => q.dueNew.all(campaignId, zoneKey, p, n)),
    /**
     * Up to `limit` contacts of one zone key whose retry (or hold) came due in [from, at], highest priority
     * first, then longest-waiting (from 1: every due one).
     */
    dueRetries: (campaignId: string, zoneKey: string | null, from: number, at: number, limit: number) =>
      byPriority(campaignId, zoneKey, limit, (p, n) => q.dueRetries.all(campaignId, zoneKey, p, from, at, n)),
    callingCount: (campaignId: string) => q.calling.get(campaignId)!.n,
    /** The campaign's status (null: gone) and its calls in flight, as every process sees them; call inside batch(). */
    dialState: (campaignId: string) => q.dialState.get(campaignId, campaignId)!,
    /** An enrolment as it is now (after a claim was refused). */
    recheck(seq: number): { status: EnrolmentStatus; attempts: number; phone: string | null; doNotCall: boolean; leadStatus: LeadStatus } | undefined {
      const row = q.recheck.get(seq) as { status: EnrolmentStatus; attempts: number; phone: string | null; doNotCall: number; leadStatus: LeadStatus } | undefined;
      return row && { ...row, doNotCall: flag(row.doNotCall) };
    },
    /** A pending contact with no attempts left (the cap was lowered while paused): finished, its last outcome kept. */
    finishExhausted: (seq: number, at: number) => q.finishExhausted.run(at, seq),
    defer: (seq: number, until: number, at: number) => q.defer.run(until, at, seq),
    skip: (seq: number, reason: SkipReason, at: number) => q.skip.run(reason, at, seq),
    /** Skips every pending contact of one zone key (null: those in the campaign's zone). */
    skipZone: (campaignId: string, zoneKey: string | null, reason: SkipReason, at: number) => q.skipZone.run(reason, at, campaignId, zoneKey),
    /**
     * Claims the contacts and records their attempts (inside batch(), after dialState() allowed it, so all
     * commit together), by seq; a contact missing from the result was refused: its row changed since it was
     * read, or the contact is no longer callable at the number read. Its caller number is kept on the call row
     * until it ends.
     */
    claim: (args: Parameters<typeof claimTx>[0]) => claimTx(args),
    /** A call rings, or is answered (with its call.answered event, in one transaction). */
    callProgress: (callId: string, status: 'ringing' | 'in_progress', answeredAt: number | null) =>
      answeredAt === null
        ? void q.callProgress.run(status, null, callId)
        : immediate(() => q.callProgress.run(status, answeredAt, callId).changes && outbox.call('call.answered', callId, answeredAt)),
    /**
     * Several reads and writes as one IMMEDIATE transaction: it takes the write lock up front, so what it
     * reads (campaign state, calls in flight) stays true until it commits, in every process on the file.
     */
    batch: <T>(work: () => T): T => immediate(work) as T,
    /** Ends the call and applies the retry decision to its contact (inside batch()); null if it had ended already. */
    finish: (args: Parameters<typeof finishTx>[0]) => finishTx(args),
    /** Creates the lease, or renews it until `expiresAt`. */
    renewLease: (lease: { id: string; holder: string; at: number; expiresAt: number }) => q.renewLease.run(lease),
    releaseLease: (id: string) => q.releaseLease.run(id),
    /** The calls in progress a lease owns whose campaign was cancelled (by this process or another). */
    cancelledCalls: (lease: string) => q.cancelledCalls.all(lease),
    /**
     * Makes `lease` the owner of every call in progress whose owner holds no lease unexpired at `at` (inside batch()),
     * and drops the expired leases, which own nothing now. Conditional, so two dialers never take the same call.
     */
    takeOverOrphans(lease: string, at: number): OrphanedCall[] {
      const taken = q.takeOver.all({ lease, at });
      q.dropLapsed.run({ lease, at });
      return taken;
    },
    /** When the first unexpired lease of another dialer that owns a call in progress expires (null: none does). */
    nextLeaseExpiry: (lease: string) => q.nextLeaseExpiry.get(lease)?.at ?? null,
    /** The earliest retry or deferral still ahead of `at`. */
    nextDueAfter: (campaignId: string, at: number) => q.nextDueAfter.get(campaignId, at)?.at ?? null,
    completeIfFinished: (campaignId: string, at: number) => q.complete.run(at, at, campaignId).changes > 0,
    pauseIfRunning: (campaignId: string, at: number) => q.pause.run(at, campaignId).changes > 0,
    /** An enrolment's zone key (its own zone, else its number's zones). */
    zoneKeyOf: (seq: number) => q.zoneKey.get(seq)?.zoneKey ?? null,
    /** Writes what was said and done on an ended call, and queues its analysis when it has a transcript (inside batch(), with its end). */
    recordConversation(callId: string, turns: readonly TurnRecord[], tools: readonly ToolRecord[]): void {
      if (turns.length) runCompiled(appendTurns(builder, callId, turns));
      if (tools.length) runCompiled(appendTools(builder, callId, tools));
      runCompiled(enqueueAnalysis(builder, callId));
    },
    assistant: (id: string): DialAssistant => {
      const row = q.assistant.get(id) as Omit<DialAssistant, 'recordCalls'> & { recordCalls: number };
      return { ...row, recordCalls: row.recordCalls === 1 };
    },
  };
}

export type DialerStore = ReturnType<typeof createDialerStore>;
