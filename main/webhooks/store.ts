import type BetterSqlite3 from 'better-sqlite3';
import type { DeliveryStatus, WebhookDelivery, WebhookEndpoint, WebhookEventType } from '../../shared/webhooks/types';

interface EndpointRow {
  id: string;
  url: string;
  events: string;
  enabled: number;
  disabledReason: string | null;
  createdAt: number;
  updatedAt: number;
}

const ENDPOINT = `id, url, events, enabled, disabled_reason AS disabledReason, created_at AS createdAt, updated_at AS updatedAt`;
const DELIVERY = `d.id, ev.id AS eventId, ev.type, d.status, d.attempts, d.next_attempt_at AS nextAttemptAt, d.last_status_code AS lastStatusCode,
  d.last_duration_ms AS lastDurationMs, d.last_error AS lastError, d.created_at AS createdAt, d.updated_at AS updatedAt`;

const endpointOf = (row: EndpointRow): WebhookEndpoint => ({ ...row, events: JSON.parse(row.events) as WebhookEventType[], enabled: row.enabled === 1 });
const deliveryOf = (row: WebhookDelivery): WebhookDelivery => ({ ...row, nextAttemptAt: row.status === 'pending' ? row.nextAttemptAt : null });

/** A delivery the worker may send: its event's exact body and id, and where to. */
export interface DueDelivery {
  seq: number;
  endpointId: string;
  attempts: number;
  nextAttemptAt: number;
  /** When this delivery was queued (a resend is queued anew): retries stop 24 h after. */
  queuedAt: number;
  messageId: string;
  body: string;
  url: string;
  /** Sealed. */
  secret: string;
  /** Changes with the secret: a cached signer is rebuilt. */
  endpointUpdatedAt: number;
}

/** What one attempt came to. */
export interface AttemptRecord {
  seq: number;
  status: DeliveryStatus;
  nextAttemptAt: number;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  at: number;
}

/** The webhook tables' statements, each prepared once. */
export function createWebhookStore(sqlite: BetterSqlite3.Database) {
  const q = {
    list: sqlite.prepare<[string], EndpointRow>(`SELECT ${ENDPOINT} FROM webhook_endpoints WHERE team_id = ? ORDER BY created_at, id`),
    get: sqlite.prepare<[string, string], EndpointRow>(`SELECT ${ENDPOINT} FROM webhook_endpoints WHERE team_id = ? AND id = ?`),
    insert: sqlite.prepare(
      `INSERT INTO webhook_endpoints (id, team_id, url, events, secret, created_at, updated_at) VALUES (@id, @teamId, @url, @events, @secret, @at, @at)`,
    ),
    update: sqlite.prepare(
      `UPDATE webhook_endpoints SET url = coalesce(@url, url), events = coalesce(@events, events), enabled = coalesce(@enabled, enabled),
              disabled_reason = CASE WHEN @enabled IS NULL THEN disabled_reason ELSE NULL END, updated_at = @at
       WHERE team_id = @teamId AND id = @id`,
    ),
    setSecret: sqlite.prepare(`UPDATE webhook_endpoints SET secret = @secret, updated_at = @at WHERE team_id = @teamId AND id = @id`),
    remove: sqlite.prepare<[string, string]>(`DELETE FROM webhook_endpoints WHERE team_id = ? AND id = ?`),
    disable: sqlite.prepare<[string, number, string]>(`UPDATE webhook_endpoints SET enabled = 0, disabled_reason = ?, updated_at = ? WHERE id = ? AND enabled = 1`),
    deliveries: sqlite.prepare<[string, number], WebhookDelivery>(
      `SELECT ${DELIVERY} FROM webhook_deliveries d JOIN webhook_events ev ON ev.seq = d.event_seq WHERE d.endpoint_id = ? ORDER BY d.seq DESC LIMIT ?`,
    ),
    // a resend is a new delivery of the same event (same id, same body), after what is queued: the log keeps the first
    resend: sqlite.prepare<[{ endpointId: string; deliveryId: string; at: number }], { id: string }>(
      `INSERT INTO webhook_deliveries (id, event_seq, endpoint_id, next_attempt_at, created_at, updated_at)
       SELECT 'whd_' || lower(hex(randomblob(9))), event_seq, endpoint_id, @at, @at, @at FROM webhook_deliveries WHERE id = @deliveryId AND endpoint_id = @endpointId
       RETURNING id`,
    ),
    deliveryById: sqlite.prepare<[string], WebhookDelivery>(`SELECT ${DELIVERY} FROM webhook_deliveries d JOIN webhook_events ev ON ev.seq = d.event_seq WHERE d.id = ?`),
    // the events not fanned out yet: one delivery per endpoint each named when it was written (and that still exists)
    unfanned: sqlite.prepare<[], { newest: number | null; done: number }>(
      `SELECT (SELECT max(seq) FROM webhook_events) AS newest, last_event_seq AS done FROM webhook_fan_out`,
    ),
    fanOut: sqlite.prepare<[number]>(
      `INSERT INTO webhook_deliveries (id, event_seq, endpoint_id, next_attempt_at, created_at, updated_at)
       SELECT 'whd_' || lower(hex(randomblob(9))), ev.seq, e.id, ev.created_at, ev.created_at, ev.created_at
       FROM webhook_events ev, json_each(ev.endpoints) j JOIN webhook_endpoints e ON e.id = j.value
       WHERE ev.seq > ? ORDER BY ev.seq, j.key`,
    ),
    fannedOut: sqlite.prepare<[number]>(`UPDATE webhook_fan_out SET last_event_seq = ?`),
    sending: sqlite.prepare<[], { id: string }>(
      `SELECT id FROM webhook_endpoints e WHERE enabled = 1 AND EXISTS (SELECT 1 FROM webhook_deliveries WHERE endpoint_id = e.id AND status = 'pending')`,
    ),
    // an endpoint's first `window` undelivered deliveries in event order: later ones wait behind them
    window: sqlite.prepare<[string, number], DueDelivery>(
      `SELECT d.seq, d.endpoint_id AS endpointId, d.attempts, d.next_attempt_at AS nextAttemptAt, d.created_at AS queuedAt,
              ev.id AS messageId, ev.body, e.url, e.secret, e.updated_at AS endpointUpdatedAt
       FROM webhook_deliveries d JOIN webhook_events ev ON ev.seq = d.event_seq JOIN webhook_endpoints e ON e.id = d.endpoint_id
       WHERE d.endpoint_id = ? AND d.status = 'pending'
       ORDER BY d.seq LIMIT ?`,
    ),
    record: sqlite.prepare<[AttemptRecord]>(
      `UPDATE webhook_deliveries SET status = @status, attempts = attempts + 1, next_attempt_at = @nextAttemptAt, last_status_code = @statusCode,
              last_duration_ms = @durationMs, last_error = @error, updated_at = @at
       WHERE seq = @seq`,
    ),
  };

  const fanOutTx = sqlite.transaction(() => {
    const { newest, done } = q.unfanned.get()!;
    if (newest === null || newest <= done) return;
    q.fanOut.run(done);
    q.fannedOut.run(newest);
  }).immediate;

  return {
    list: (teamId: string) => q.list.all(teamId).map(endpointOf),
    get: (teamId: string, id: string) => {
      const row = q.get.get(teamId, id);
      return row && endpointOf(row);
    },
    insert: (row: { id: string; teamId: string; url: string; events: WebhookEventType[]; secret: string; at: number }) =>
      void q.insert.run({ ...row, events: JSON.stringify(row.events) }),
    update: (row: { teamId: string; id: string; url?: string; events?: WebhookEventType[]; enabled?: boolean; at: number }) =>
      void q.update.run({
        teamId: row.teamId,
        id: row.id,
        at: row.at,
        url: row.url ?? null,
        events: row.events ? JSON.stringify(row.events) : null,
        enabled: row.enabled === undefined ? null : Number(row.enabled),
      }),
    setSecret: (row: { teamId: string; id: string; secret: string; at: number }) => void q.setSecret.run(row),
    remove: (teamId: string, id: string) => q.remove.run(teamId, id).changes > 0,
    /** Turns an endpoint off by the app's own decision; false when it was off already. */
    disable: (id: string, reason: string, at: number) => q.disable.run(reason, at, id).changes > 0,
    deliveries: (endpointId: string, limit: number) => q.deliveries.all(endpointId, limit).map(deliveryOf),
    resend(endpointId: string, deliveryId: string, at: number): WebhookDelivery | undefined {
      const made = q.resend.get({ endpointId, deliveryId, at });
      return made && deliveryOf(q.deliveryById.get(made.id)!);
    },
    /**
     * Makes the deliveries of the events written since the last call (in an IMMEDIATE transaction, so two
     * processes never fan one event out twice); cheap when there are none.
     */
    fanOut(): void {
      const { newest, done } = q.unfanned.get()!;
      if (newest === null || newest <= done) return;
      fanOutTx();
    },
    /** Each enabled endpoint's first `perEndpoint` undelivered deliveries, in event order. */
    windows: (perEndpoint: number) => q.sending.all().flatMap(({ id }) => q.window.all(id, perEndpoint)),
    record: (attempt: AttemptRecord) => void q.record.run(attempt),
  };
}

export type WebhookStore = ReturnType<typeof createWebhookStore>;
