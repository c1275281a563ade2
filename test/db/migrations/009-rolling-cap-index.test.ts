import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../../main/db/migrations';
import { openStore, schemaVersion, type Store } from '../../../main/db/open';
import { tempDbFile } from '../../support/tempDb';

let store: Store | undefined;
afterEach(async () => {
  await store?.close();
});

/** The rolling-cap query of main/compliance/complianceStore.ts. */
const CAP_QUERY = `SELECT started_at AS startedAt FROM calls WHERE to_number = ? AND team_id = ? AND started_at > ? ORDER BY started_at DESC LIMIT ?`;

describe('migration 009 (rolling-cap index)', () => {
  it('is version 9 and replaces the number index with one that holds the team too', async () => {
    store = await openStore(tempDbFile(), { migrations: migrations.slice(0, 9) });
    expect(migrations[8]).toMatchObject({ version: 9, name: 'rolling-cap-index' });
    expect(schemaVersion(store.sqlite)).toBe(9);
    const indexes = store.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'calls' ORDER BY name").pluck().all();
    expect(indexes).toContain('calls_to_number_team_started');
    expect(indexes).not.toContain('calls_to_number_started');
  });

  it('lets the rolling-cap count read the index alone, where 008 needed the table', async () => {
    const plan = async (upTo: number) => {
      store = await openStore(tempDbFile(), { migrations: migrations.slice(0, upTo) });
      const detail = (store.sqlite.prepare(`EXPLAIN QUERY PLAN ${CAP_QUERY}`).all('+12025550100', 'team_default', 0, 3) as { detail: string }[]).map((r) => r.detail);
      await store.close();
      store = undefined;
      return detail.join(' | ');
    };
    expect(await plan(8)).not.toMatch(/COVERING INDEX/);
    expect(await plan(9)).toMatch(/SEARCH calls USING COVERING INDEX calls_to_number_team_started \(to_number=\? AND team_id=\? AND started_at>\?\)/);
  });
});
