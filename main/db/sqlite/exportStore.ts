import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { ExportStore } from '../../exports/exportStore';
import type { Database } from '../schema';
import { callPages } from './callPages';
import { resultPages } from './resultPages';

/** Exports read off the workspace's connection: `db` builds each page's query, `sqlite` steps through its rows. */
export function createSqliteExportStore(db: Kysely<Database>, sqlite: BetterSqlite3.Database): ExportStore {
  return {
    calls: (teamId, filter) => callPages(db, sqlite, teamId, filter),
    results: (campaignId) => resultPages(db, sqlite, campaignId),
  };
}
