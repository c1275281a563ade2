import type BetterSqlite3 from 'better-sqlite3';
import type { WebhookEventType } from '../../shared/webhooks/types';

/** An instant (UTC ms) as ISO-8601 in SQL; NULL stays NULL. */
const iso = (ms: string) => `strftime('%Y-%m-%dT%H:%M:%fZ', ${ms} / 1000.0, 'unixepoch')`;

/** A call and its contact as every call.* event reports them. */
const CALL_DATA = `json_object(
  'callId', c.id, 'campaignId', c.campaign_id, 'attempt', c.attempt, 'status', c.status, 'outcome', c.outcome,
  'from', c.from_number, 'to', c.to_number, 'durationSeconds', c.duration_seconds,
  'startedAt', ${iso('c.started_at')}, 'answeredAt', ${iso('c.answered_at')}, 'endedAt', ${iso('c.ended_at')},
  'contact', json_object('id', ct.id, 'firstName', ct.first_name, 'lastName', ct.last_name, 'phone', ct.phone, 'email', ct.email))`;
const CALL_FROM = `calls c LEFT JOIN contacts ct ON ct.id = c.contact_id`;

/**
 * One statement that writes an event, its body built in SQL from the rows it reports, with the ids of the
 * team's enabled endpoints that want it; with none, the join finds no row and nothing is written. The
 * endpoints are joined once, both to decide and to list them: a probe and then a subquery cost a second
 * index lookup on the dialer's hot path. A type is found in an endpoint's JSON list as its quoted name, which
 * is no part of another's; searching the text costs a fifth of json_each.
 */
function enqueueStatement(sqlite: BetterSqlite3.Database, type: WebhookEventType, teamSql: string, dataSql: string, from: string, where: string) {
  return sqlite.prepare(
    `INSERT INTO webhook_events (id, team_id, type, body, endpoints, created_at)
     SELECT 'msg_' || lower(hex(randomblob(12))), ${teamSql}, '${type}',
            json_object('type', '${type}', 'timestamp', ${iso('@at')}, 'data', ${dataSql}),
            json_group_array(e.id), @at
     FROM ${from} JOIN webhook_endpoints e ON e.team_id = ${teamSql} AND e.enabled = 1 AND instr(e.events, '"${type}"') > 0
     WHERE ${where}
     HAVING count(*) > 0`,
  );
}

/** Who wants to know an event was written on a connection (its worker, to send it without waiting for its poll). */
const listeners = new WeakMap<BetterSqlite3.Database, Set<() => void>>();

/** Calls `listener` after each event written on this connection (inside the writing transaction: act on it later). */
export function onWebhookEvent(sqlite: BetterSqlite3.Database, listener: () => void): () => void {
  const set = listeners.get(sqlite) ?? new Set();
  listeners.set(sqlite, set.add(listener));
  return () => set.delete(listener);
}

/** Tells the connection's listeners something was queued to send (an event, a resend, an endpoint turned on). */
export function notifyWebhookEvent(sqlite: BetterSqlite3.Database): void {
  for (const listener of listeners.get(sqlite) ?? []) listener();
}

/**
 * What writes webhook events: each function is called inside the transaction that makes the change it
 * reports, so the event commits (or rolls back) with it and a crash in between cannot lose one.
 */
function createWebhookOutbox(sqlite: BetterSqlite3.Database) {
  const callEvent = (type: WebhookEventType) => enqueueStatement(sqlite, type, 'c.team_id', CALL_DATA, CALL_FROM, 'c.id = @callId');
  const q = {
    'call.started': callEvent('call.started'),
    'call.answered': callEvent('call.answered'),
    'call.ended': callEvent('call.ended'),
    analyzed: enqueueStatement(
      sqlite,
      'call.analyzed',
      'c.team_id',
      `json_object('callId', c.id, 'campaignId', c.campaign_id, 'contactId', c.contact_id,
         'summary', a.summary, 'success', CASE a.success WHEN 1 THEN json('true') WHEN 0 THEN json('false') END, 'fields', json(a.fields),
         'transcript', json((SELECT json_group_array(json_object('speaker', t.speaker, 'text', t.text, 'offsetMs', t.offset_ms,
                                                                 'interrupted', CASE t.interrupted WHEN 1 THEN json('true') ELSE json('false') END))
                             FROM (SELECT * FROM call_turns WHERE call_id = c.id ORDER BY seq) t)))`,
      'calls c JOIN call_analyses a ON a.call_id = c.id',
      'c.id = @callId',
    ),
    optedOut: enqueueStatement(
      sqlite,
      'contact.opted_out',
      'ct.team_id',
      `json_object('contactId', ct.id, 'campaignId', @campaignId, 'firstName', ct.first_name, 'lastName', ct.last_name, 'phone', ct.phone, 'email', ct.email)`,
      'contacts ct',
      'ct.id = @contactId',
    ),
  };
  const run = (statement: BetterSqlite3.Statement, params: Record<string, unknown>) => {
    if (statement.run(params).changes) notifyWebhookEvent(sqlite);
  };
  return {
    /** A call started, was answered or ended (its row as it is now). */
    call: (type: 'call.started' | 'call.answered' | 'call.ended', callId: string, at: number) => run(q[type], { callId, at }),
    /** A call's post-call analysis was stored (its summary, success, fields and transcript). */
    callAnalyzed: (callId: string, at: number) => run(q.analyzed, { callId, at }),
    /** A contact asked on a call of `campaignId` not to be called again. */
    contactOptedOut: (contactId: string, campaignId: string, at: number) => run(q.optedOut, { contactId, campaignId, at }),
  };
}

export type WebhookOutbox = ReturnType<typeof createWebhookOutbox>;

const outboxes = new WeakMap<BetterSqlite3.Database, WebhookOutbox>();

/** The outbox of a connection, its statements prepared once however many writers use it. */
export function webhookOutbox(sqlite: BetterSqlite3.Database): WebhookOutbox {
  let outbox = outboxes.get(sqlite);
  if (!outbox) outboxes.set(sqlite, (outbox = createWebhookOutbox(sqlite)));
  return outbox;
}
