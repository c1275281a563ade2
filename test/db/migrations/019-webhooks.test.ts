import { describe, expect, it } from 'vitest';
import { DEFAULT_TEAM_ID } from '../../../main/db/migrations/001-crm';
import { schemaVersion, type Store } from '../../../main/db/open';
import { tempDbFile } from '../../support/tempDb';
import { migrationUnderTest } from './migrationUnderTest';
import { insertCampaign, insertCampaignOwners, insertRow } from './rows';

const under = migrationUnderTest('webhooks');
const VERSION = under.version;

const endpoint = (db: Store['sqlite'], id: string, events: string[], values: Record<string, unknown> = {}) =>
  insertRow(db, 'webhook_endpoints', { id, team_id: DEFAULT_TEAM_ID, url: `https://example.com/${id}`, events: JSON.stringify(events), secret: 'sealed:x:abc', created_at: 1, updated_at: 1, ...values });
const event = (db: Store['sqlite'], id: string, endpoints: string[]) =>
  insertRow(db, 'webhook_events', { id, team_id: DEFAULT_TEAM_ID, type: 'call.ended', body: '{}', endpoints: JSON.stringify(endpoints), created_at: 5 });
const deliveries = (db: Store['sqlite']) => db.prepare(`SELECT endpoint_id AS endpoint, status FROM webhook_deliveries ORDER BY seq`).all();

describe('migration 019 (webhooks)', () => {
  it('adds the webhook tables to a workspace, with nothing fanned out yet', async () => {
    expect(under.migration).toMatchObject({ version: 19, name: 'webhooks' });
    const file = tempDbFile();
    await under.openAt(VERSION - 1, file);
    const db = (await under.openAt(VERSION, file)).sqlite;
    expect(schemaVersion(db)).toBe(VERSION);
    expect(db.prepare('SELECT last_event_seq FROM webhook_fan_out').pluck().all()).toEqual([0]);
    expect(() => insertRow(db, 'webhook_fan_out', { only_row: 2, last_event_seq: 0 })).toThrow(/CHECK/);
  });

  it('writes a campaign.status_changed event when a campaign’s status changes, only if an endpoint wants it', async () => {
    const db = (await under.openAt(VERSION)).sqlite;
    insertCampaignOwners(db);
    insertCampaign(db, 'cmp1', { status: 'draft' });
    db.prepare(`UPDATE campaigns SET status = 'running', updated_at = 1772445600000 WHERE id = 'cmp1'`).run();
    expect(db.prepare('SELECT count(*) FROM webhook_events').pluck().get()).toBe(0);
    endpoint(db, 'campaigns', ['campaign.status_changed']);
    endpoint(db, 'calls', ['call.ended']);
    endpoint(db, 'off', ['campaign.status_changed'], { enabled: 0 });
    db.prepare(`UPDATE campaigns SET status = 'paused', updated_at = 1772445600000 WHERE id = 'cmp1'`).run();
    db.prepare(`UPDATE campaigns SET name = 'renamed' WHERE id = 'cmp1'`).run();
    const events = db.prepare('SELECT body, endpoints FROM webhook_events').all() as { body: string; endpoints: string }[];
    expect(events.map((e) => [JSON.parse(e.body), JSON.parse(e.endpoints)])).toEqual([
      [{ type: 'campaign.status_changed', timestamp: '2026-03-02T10:00:00.000Z', data: { campaignId: 'cmp1', name: 'cmp1', status: 'paused', previousStatus: 'running' } }, ['campaigns']],
    ]);
  });

  it('stores only sealed secrets, http(s) URLs and a JSON list of events; deleting an endpoint deletes its deliveries', async () => {
    const db = (await under.openAt(VERSION)).sqlite;
    expect(() => endpoint(db, 'plain', ['call.ended'], { secret: 'whsec_abc' })).toThrow(/CHECK/);
    expect(() => endpoint(db, 'ftp', ['call.ended'], { url: 'ftp://example.com' })).toThrow(/CHECK/);
    expect(() => endpoint(db, 'obj', ['call.ended'], { events: '{}' })).toThrow(/CHECK/);
    endpoint(db, 'e1', ['call.ended']);
    event(db, 'msg_1', ['e1']);
    const seq = db.prepare('SELECT seq FROM webhook_events').pluck().get();
    insertRow(db, 'webhook_deliveries', { id: 'whd_1', event_seq: seq, endpoint_id: 'e1', next_attempt_at: 5, created_at: 5, updated_at: 5 });
    expect(deliveries(db)).toEqual([{ endpoint: 'e1', status: 'pending' }]);
    expect(() => db.prepare(`UPDATE webhook_deliveries SET status = 'lost'`).run()).toThrow(/CHECK/);
    db.prepare(`DELETE FROM webhook_endpoints WHERE id = 'e1'`).run();
    expect(deliveries(db)).toEqual([]);
  });
});
