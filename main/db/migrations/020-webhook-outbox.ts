import type { Migration } from './types';

/**
 * The webhook outbox holds what a change reports, and nothing more, so that the transaction making the change
 * (the dialer's settle, above all) writes one short row: a call event names its call and its body is built
 * when the worker takes it, from the call's row (its status fields as they were at the event: a call ended
 * since it started is still reported as dialing) and its contact as they are then; every other event's body is
 * built as it is written. The worker moves outbox rows, in order, into webhook_events: there each gets its
 * webhook-id, its body written once and never rebuilt, and the endpoints that want it at that moment. Events
 * queued before this version are in webhook_events already, and are fanned out as before.
 */
export const webhookOutbox: Migration = {
  version: 20,
  name: 'webhook-outbox',
  up(db) {
    db.exec(`
      CREATE TABLE webhook_outbox (
        seq INTEGER PRIMARY KEY,
        team_id TEXT NOT NULL,
        type TEXT NOT NULL,
        call_id TEXT,
        body TEXT,
        created_at INTEGER NOT NULL,
        CHECK ((call_id IS NULL) <> (body IS NULL))
      );

      DROP TRIGGER campaigns_status_webhook;
      CREATE TRIGGER campaigns_status_webhook AFTER UPDATE OF status ON campaigns
      WHEN old.status IS NOT new.status AND EXISTS (SELECT 1 FROM webhook_endpoints e
                                                    WHERE e.team_id = new.team_id AND e.enabled = 1 AND instr(e.events, '"campaign.status_changed"') > 0)
      BEGIN
        INSERT INTO webhook_outbox (team_id, type, body, created_at)
        VALUES (new.team_id, 'campaign.status_changed',
                json_object('type', 'campaign.status_changed', 'timestamp', strftime('%Y-%m-%dT%H:%M:%fZ', new.updated_at / 1000.0, 'unixepoch'),
                            'data', json_object('campaignId', new.id, 'name', new.name, 'status', new.status, 'previousStatus', old.status)),
                new.updated_at);
      END;
    `);
  },
};
