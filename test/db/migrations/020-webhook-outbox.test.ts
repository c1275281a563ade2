import { describe, expect, it } from 'vitest';
import { DEFAULT_TEAM_ID } from '../../../main/db/migrations/001-crm';
import { schemaVersion, type Store } from '../../../main/db/open';
import { tempDbFile } from '../../support/tempDb';
import { migrationUnderTest } from './migrationUnderTest';
import { insertCampaign, insertCampaignOwners, insertRow } from './rows';

const under = migrationUnderTest('webhook-outbox');
const VERSION = under.version;

const endpoint = (db: Store['sqlite'], id: string, events: string[]) =>
  insertRow(db, 'webhook_endpoints', { id, team_id: DEFAULT_TEAM_ID, url: `https://example.com/${id}`, events: JSON.stringify(events), secret: 'sealed:x:abc', created_at: 1, updated_at: 1 });
const outbox = (db: Store['sqlite']) => db.prepare('SELECT team_id AS teamId, type, call_id AS callId, body FROM webhook_outbox ORDER BY seq').all();

describe('migration 020 (webhook outbox)', () => {
  it('keeps the events queued before it, and from then on writes a campaign’s status change to the outbox with its body', async () => {
    expect(under.migration).toMatchObject({ version: 20, name: 'webhook-outbox' });
    const file = tempDbFile();
    const before = (await under.openAt(VERSION - 1, file)).sqlite;
    insertCampaignOwners(before);
    insertCampaign(before, 'cmp1', { status: 'draft' });
    endpoint(before, 'campaigns', ['campaign.status_changed']);
    before.prepare(`UPDATE campaigns SET status = 'scheduled', updated_at = 1772445600000 WHERE id = 'cmp1'`).run();
    const db = (await under.openAt(VERSION, file)).sqlite;
    expect(schemaVersion(db)).toBe(VERSION);
    expect(db.prepare('SELECT type FROM webhook_events').pluck().all()).toEqual(['campaign.status_changed']);

    db.prepare(`UPDATE campaigns SET status = 'running', updated_at = 1772445660000 WHERE id = 'cmp1'`).run();
    db.prepare(`UPDATE campaigns SET name = 'renamed' WHERE id = 'cmp1'`).run();
    expect(db.prepare('SELECT count(*) FROM webhook_events').pluck().get()).toBe(1);
    const queued = outbox(db) as { body: string }[];
    expect(queued).toEqual([{ teamId: DEFAULT_TEAM_ID, type: 'campaign.status_changed', callId: null, body: expect.any(String) }]);
    expect(JSON.parse(queued[0].body)).toEqual({
      type: 'campaign.status_changed',
      timestamp: '2026-03-02T10:01:00.000Z',
      data: { campaignId: 'cmp1', name: 'cmp1', status: 'running', previousStatus: 'scheduled' },
    });
  });

  it('holds either a call to build the body from or a body, never both or neither', async () => {
    const db = (await under.openAt(VERSION)).sqlite;
    const row = (values: Record<string, unknown>) => insertRow(db, 'webhook_outbox', { team_id: DEFAULT_TEAM_ID, type: 'call.ended', created_at: 1, ...values });
    expect(() => row({})).toThrow(/CHECK/);
    expect(() => row({ call_id: 'call1', body: '{}' })).toThrow(/CHECK/);
    row({ call_id: 'call1' });
    row({ body: '{}' });
    expect(outbox(db)).toHaveLength(2);
  });
});
