import type { Migration } from './types';

/**
 * Webhooks: the endpoints a team sends its results to, and a durable outbox of what to send them.
 *
 * An event is written by the transaction that makes the change it reports, and only when some enabled
 * endpoint of the team wants its type, with the ids of those endpoints: the subscribers at the time of the
 * change. It is one row appended to a table without secondary indexes, so the dialer's settle transaction
 * writes little more than it did. The worker then fans events out, in order, to one delivery per endpoint
 * named (webhook_fan_out holds the last event it fanned out), in a transaction of its own. The event's body
 * is written once, with its timestamp, and never rebuilt: every retry and every resend sends the same
 * bytes under the same webhook-id. A delivery is the row the worker sends (status, when it is next due,
 * the last attempt's status code, duration and error); deliveries of one endpoint go in event order. Secrets are stored sealed only. A campaign's status change writes its event
 * by trigger: the app changes it from several places (the lifecycle actions, scheduled starts, the dialer
 * completing or pausing it), and each then reports it in its own statement.
 */
export const webhooks: Migration = {
  version: 19,
  name: 'webhooks',
  up(db) {
    db.exec(`
      CREATE TABLE webhook_endpoints (
        id TEXT PRIMARY KEY,
        team_id TEXT NOT NULL REFERENCES teams(id),
        url TEXT NOT NULL CHECK (url LIKE 'http://%' OR url LIKE 'https://%'),
        -- JSON array of event types
        events TEXT NOT NULL CHECK (json_valid(events) AND json_type(events) = 'array'),
        enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
        -- why the app turned it off by itself (it kept failing); NULL when on, or turned off by a person
        disabled_reason TEXT,
        secret TEXT NOT NULL CHECK (substr(secret, 1, 7) = 'sealed:'),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX webhook_endpoints_team ON webhook_endpoints (team_id, enabled);

      CREATE TABLE webhook_events (
        seq INTEGER PRIMARY KEY,
        -- the webhook-id header: stable across the retries and resends of this event (random, 96 bits)
        id TEXT NOT NULL,
        team_id TEXT NOT NULL,
        type TEXT NOT NULL,
        -- the exact JSON sent: { type, timestamp, data }
        body TEXT NOT NULL,
        -- JSON array of the ids of the endpoints that wanted it when it was written
        endpoints TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );

      CREATE TABLE webhook_fan_out (
        only_row INTEGER PRIMARY KEY CHECK (only_row = 1),
        last_event_seq INTEGER NOT NULL
      );
      INSERT INTO webhook_fan_out (only_row, last_event_seq) VALUES (1, 0);

      CREATE TABLE webhook_deliveries (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        event_seq INTEGER NOT NULL REFERENCES webhook_events(seq) ON DELETE CASCADE,
        endpoint_id TEXT NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at INTEGER NOT NULL,
        last_status_code INTEGER,
        last_duration_ms INTEGER,
        last_error TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      -- the worker's read: each endpoint's undelivered deliveries in event order; and the log, newest first
      CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (endpoint_id, seq) WHERE status = 'pending';
      CREATE INDEX webhook_deliveries_log ON webhook_deliveries (endpoint_id, seq DESC);

      CREATE TRIGGER campaigns_status_webhook AFTER UPDATE OF status ON campaigns
      WHEN old.status IS NOT new.status AND EXISTS (SELECT 1 FROM webhook_endpoints e
                                                    WHERE e.team_id = new.team_id AND e.enabled = 1 AND instr(e.events, '"campaign.status_changed"') > 0)
      BEGIN
        INSERT INTO webhook_events (id, team_id, type, body, endpoints, created_at)
        VALUES ('msg_' || lower(hex(randomblob(12))), new.team_id, 'campaign.status_changed',
                json_object('type', 'campaign.status_changed', 'timestamp', strftime('%Y-%m-%dT%H:%M:%fZ', new.updated_at / 1000.0, 'unixepoch'),
                            'data', json_object('campaignId', new.id, 'name', new.name, 'status', new.status, 'previousStatus', old.status)),
                (SELECT json_group_array(e.id) FROM webhook_endpoints e
                 WHERE e.team_id = new.team_id AND e.enabled = 1 AND instr(e.events, '"campaign.status_changed"') > 0),
                new.updated_at);
      END;
    `);
  },
};
