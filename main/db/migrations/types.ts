import type BetterSqlite3 from 'better-sqlite3';

export interface Migration {
  /** Equals its 1-based position in the list; stored in PRAGMA user_version once applied. */
  version: number;
  name: string;
  up(db: BetterSqlite3.Database): void;
}
