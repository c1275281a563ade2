// SQL for the embedded engine lives in main/db/sqlite, implementing the interfaces the features declare.
import type BetterSqlite3 from 'better-sqlite3';
import type { WebhookDelivery, WebhookEndpoint, WebhookEventType } from '../../../shared/webhooks/types';
import { notifyWebhookEvent, takeOutbox } from './webhookOutbox';
import type { AttemptRecord, DueDelivery, WebhookStore } from '../../webhooks/store';

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

/**
 * The webhook tables' statements, each prepared once (the worker's run per delivery sent). Each method does its
 * work when called, so a caller inside a transaction has it done in that transaction.
 */
export function createSqliteWebhookStore(sqlite: BetterSqlite3.Database): WebhookStore {
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
    setSecret: sqlite.prepare<[string, number, string, string]>(`UPDATE webhook_endpoints SET secret = ?, updated_at = ? WHERE team_id = ? AND id = ?`),
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
    // the events not fanned out yet: one delivery per endpoint each named when it was taken from the outbox (and that still exists)
    unfanned: sqlite.prepare<[], { newest: number | null; done: number; queued: number }>(
      `SELECT (SELECT max(seq) FROM webhook_events) AS newest, last_event_seq AS done, EXISTS (SELECT 1 FROM webhook_outbox) AS queued FROM webhook_fan_out`,
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

  const takeQueued = takeOutbox(sqlite);
  const anythingNew = ({ newest, done, queued }: { newest: number | null; done: number; queued: number }) => queued === 1 || (newest !== null && newest > done);

  // IMMEDIATE, so two processes on the file never take or fan one event out twice
  const fanOutTx = sqlite.transaction(() => {
    takeQueued();
    const { newest, done } = q.unfanned.get()!;
    if (newest === null || newest <= done) return;
    q.fanOut.run(done);
    q.fannedOut.run(newest);
  }).immediate;

  const get = (teamId: string, id: string) => {
    const row = q.get.get(teamId, id);
    return row && endpointOf(row);
  };

  return {
    list: async (teamId) => q.list.all(teamId).map(endpointOf),
    get: async (teamId, id) => get(teamId, id),
    insert: async (endpoint) => void q.insert.run({ ...endpoint, events: JSON.stringify(endpoint.events) }),
    async update({ teamId, id, url, events, enabled, at }) {
      const changed = q.update.run({ teamId, id, at, url: url ?? null, events: events ? JSON.stringify(events) : null, enabled: enabled === undefined ? null : Number(enabled) }).changes > 0;
      if (changed && enabled) notifyWebhookEvent(sqlite);
      return changed ? get(teamId, id) : undefined;
    },
    setSecret: async (teamId, id, secret, at) => (q.setSecret.run(secret, at, teamId, id).changes > 0 ? get(teamId, id) : undefined),
    remove: async (teamId, id) => q.remove.run(teamId, id).changes > 0,
    disable: async (id, reason, at) => q.disable.run(reason, at, id).changes > 0,
    deliveries: async (endpointId, limit) => q.deliveries.all(endpointId, limit).map(deliveryOf),
    async resend(endpointId, deliveryId, at) {
      const made = q.resend.get({ endpointId, deliveryId, at });
      if (!made) return undefined;
      notifyWebhookEvent(sqlite);
      return deliveryOf(q.deliveryById.get(made.id)!);
    },
    async fanOut() {
      // the common case, nothing new, is answered without the transaction's write lock
      if (anythingNew(q.unfanned.get()!)) fanOutTx();
    },
    windows: async (perEndpoint) => q.sending.all().flatMap(({ id }) => q.window.all(id, perEndpoint)),
    record: async (attempt) => void q.record.run(attempt),
  };
}
