import type BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TEAM_ID } from '../../../main/db/migrations/001-crm';
import { schemaVersion } from '../../../main/db/open';
import { REACH_DEFAULTS } from '../../../shared/campaigns/reachSettings';
import { tempDbFile } from '../../support/tempDb';
import { migrationUnderTest } from './migrationUnderTest';
import { insertCampaign, insertCampaignOwners, insertRow } from './rows';

const under = migrationUnderTest('voicemail-detection');

let callSeq = 0;
const call = (db: BetterSqlite3.Database, values: Record<string, unknown> = {}) =>
  insertRow(db, 'calls', {
    id: `call${++callSeq}`,
    team_id: DEFAULT_TEAM_ID,
    campaign_id: 'old',
    contact_id: 'p1',
    attempt: 1,
    from_number: '+12025550100',
    to_number: '+12125550100',
    status: 'dialing',
    provider: 'simulator',
    started_at: 1,
    ...values,
  });

const stat = (db: BetterSqlite3.Database, key: string) => db.prepare(`SELECT n FROM campaign_stats WHERE campaign_id = 'old' AND key = ?`).pluck().get(key);

describe('migration 015 (voicemail detection)', () => {
  it('gives the campaigns already there detection on with the default thresholds, and local presence off', async () => {
    const file = tempDbFile();
    const v14 = (await under.openAt(14, file)).sqlite;
    insertCampaignOwners(v14);
    insertCampaign(v14, 'old');

    const db = (await under.openAt(15, file)).sqlite;
    expect(under.migration).toMatchObject({ version: 15, name: 'voicemail-detection' });
    expect(schemaVersion(db)).toBe(15);
    const row = db.prepare(`SELECT voicemail_detection, amd_max_ms, amd_thresholds, local_presence FROM campaigns WHERE id = 'old'`).get() as Record<string, unknown>;
    expect({ ...row, amd_thresholds: JSON.parse(row.amd_thresholds as string) }).toEqual({
      voicemail_detection: 1,
      amd_max_ms: REACH_DEFAULTS.amdMaxMs,
      amd_thresholds: REACH_DEFAULTS.amdThresholds,
      local_presence: 0,
    });
    expect(db.prepare(`SELECT amd_decision, amd_ms, amd_beep FROM calls`).all()).toEqual([]);
  });

  it('checks the new columns', async () => {
    const db = (await under.openAt(15)).sqlite;
    insertCampaignOwners(db);
    insertCampaign(db, 'old');
    expect(() => insertCampaign(db, 'c2', { voicemail_detection: 2 })).toThrow(/CHECK constraint failed/);
    expect(() => insertCampaign(db, 'c3', { local_presence: -1 })).toThrow(/CHECK constraint failed/);
    expect(() => insertCampaign(db, 'c4', { amd_thresholds: '{not json' })).toThrow(/CHECK constraint failed/);
    expect(() => call(db, { amd_decision: 'fax' })).toThrow(/CHECK constraint failed/);
    expect(() => call(db, { amd_decision: 'machine', amd_beep: 2 })).toThrow(/CHECK constraint failed/);
  });

  it('counts each call by its decision once, when the decision is written with the end or on insert', async () => {
    const db = (await under.openAt(15)).sqlite;
    insertCampaignOwners(db);
    insertCampaign(db, 'old');
    call(db, { id: 'm1' });
    call(db, { id: 'h1' });
    call(db, { id: 'n1' });
    const end = db.prepare(`UPDATE calls SET status = 'ended', outcome = ?, amd_decision = ?, amd_ms = 1200, amd_beep = ? WHERE id = ?`);
    end.run('voicemail', 'machine', 1, 'm1');
    end.run('answered', 'human', null, 'h1');
    end.run('no_answer', null, null, 'n1');
    // a decision written again is not counted again
    db.prepare(`UPDATE calls SET amd_decision = 'machine' WHERE id = 'm1'`).run();
    call(db, { status: 'ended', outcome: 'answered', amd_decision: 'unknown', amd_ms: 3500 });
    expect([stat(db, 'amd:machine'), stat(db, 'amd:human'), stat(db, 'amd:unknown')]).toEqual([1, 1, 1]);
    expect(stat(db, 'outcome:voicemail')).toBe(1);
  });
});
