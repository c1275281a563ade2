// SQL for the embedded engine lives in main/db/sqlite. The outbox is written inside the transactions of other
// stores (the dialer's settle, the dial guard's opt-out, an analysis stored), so it stays synchronous, on their connection.
import type BetterSqlite3 from 'better-sqlite3';
import type { WebhookEventType } from '../../../shared/webhooks/types';

/** An instant (UTC ms) as ISO-8601 in SQL; NULL stays NULL. */
const iso = (ms: string) => `strftime('%Y-%m-%dT%H:%M:%fZ', ${ms} / 1000.0, 'unixepoch')`;

/**
 * Endpoint `e` is an enabled one of the team that wants the type (`quotedTypeSql`: the type in double quotes). A type
 * is found in an endpoint's JSON list as its quoted name, which is no part of another's; searching the text costs a
 * fifth of json_each.
 */
const endpointWants = (teamSql: string, quotedTypeSql: string) => `e.team_id = ${teamSql} AND e.enabled = 1 AND instr(e.events, ${quotedTypeSql}) > 0`;

/** Some enabled endpoint of the team wants the event. */
const wanted = (teamSql: string, type: WebhookEventType) => `EXISTS (SELECT 1 FROM webhook_endpoints e WHERE ${endpointWants(teamSql, `'"${type}"'`)})`;

/** The call of outbox row `o` as its call.* event reports it: the status fields as they were at the event, the contact as it is now. */
const CALL_DATA = `json_object(
  'callId', c.id, 'campaignId', c.campaign_id, 'attempt', c.attempt,
  'status', CASE o.type WHEN 'call.started' THEN 'dialing' WHEN 'call.answered' THEN 'in_progress' ELSE c.status END,
  'outcome', CASE o.type WHEN 'call.ended' THEN c.outcome END,
  'from', c.from_number, 'to', c.to_number, 'durationSeconds', CASE o.type WHEN 'call.ended' THEN c.duration_seconds END,
  'startedAt', ${iso('c.started_at')}, 'answeredAt', CASE WHEN o.type <> 'call.started' THEN ${iso('c.answered_at')} END,
  'endedAt', CASE o.type WHEN 'call.ended' THEN ${iso('c.ended_at')} END,
  'contact', json_object('id', ct.id, 'firstName', ct.first_name, 'lastName', ct.last_name, 'phone', ct.phone, 'email', ct.email))`;

/**
 * A call event in the outbox: one short row naming the call, written only when an endpoint wants it; its body is
 * built when the worker takes it (takeOutbox). This is all the dialer's settle writes for its events.
 */
function callEventStatement(sqlite: BetterSqlite3.Database, type: WebhookEventType) {
  return sqlite.prepare(
    `INSERT INTO webhook_outbox (team_id, type, call_id, created_at)
     SELECT c.team_id, '${type}', c.id, @at FROM calls c WHERE c.id = @callId AND ${wanted('c.team_id', type)}`,
  );
}

/** An event in the outbox with its body built now, in SQL from the rows it reports, when an endpoint wants it. */
function eventStatement(sqlite: BetterSqlite3.Database, type: WebhookEventType, teamSql: string, dataSql: string, from: string, where: string) {
  return sqlite.prepare(
    `INSERT INTO webhook_outbox (team_id, type, body, created_at)
     SELECT ${teamSql}, '${type}', json_object('type', '${type}', 'timestamp', ${iso('@at')}, 'data', ${dataSql}), @at
     FROM ${from} WHERE ${where} AND ${wanted(teamSql, type)}`,
  );
}

/**
 * Moves the outbox, in order, into webhook_events: each event gets its webhook-id, its body (a call event's built
 * now) and the ids of the team's enabled endpoints that want it now; one no endpoint wants any more, or whose call
 * is gone, is dropped. Run in the worker's fan-out transaction.
 */
export function takeOutbox(sqlite: BetterSqlite3.Database): () => void {
  const move = sqlite.prepare(
    `INSERT INTO webhook_events (id, team_id, type, body, endpoints, created_at)
     SELECT 'msg_' || lower(hex(randomblob(12))), o.team_id, o.type,
            coalesce(o.body, json_object('type', o.type, 'timestamp', ${iso('o.created_at')}, 'data', ${CALL_DATA})),
            json_group_array(e.id), o.created_at
     FROM webhook_outbox o
       LEFT JOIN calls c ON c.id = o.call_id LEFT JOIN contacts ct ON ct.id = c.contact_id
       JOIN webhook_endpoints e ON ${endpointWants('o.team_id', `'"' || o.type || '"'`)}
     WHERE o.seq <= @upTo AND (o.call_id IS NULL OR c.id IS NOT NULL)
     GROUP BY o.seq ORDER BY o.seq`,
  );
  const newest = sqlite.prepare<[], number | null>(`SELECT max(seq) FROM webhook_outbox`).pluck();
  const clear = sqlite.prepare<[number]>(`DELETE FROM webhook_outbox WHERE seq <= ?`);
  return () => {
    const upTo = newest.get();
    if (upTo == null) return;
    move.run({ upTo });
    clear.run(upTo);
  };
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
  const q = {
    'call.started': callEventStatement(sqlite, 'call.started'),
    'call.answered': callEventStatement(sqlite, 'call.answered'),
    'call.ended': callEventStatement(sqlite, 'call.ended'),
    analyzed: eventStatement(
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
    optedOut: eventStatement(
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
