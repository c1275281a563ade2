import type BetterSqlite3 from 'better-sqlite3';
import type { DncImportStore } from '../../compliance/dncImportStore';

/** The DNC import's writes, prepared once; a batch is one immediate transaction of one prepared insert per number. */
export function createSqliteDncImportStore(sqlite: BetterSqlite3.Database): DncImportStore {
  const q = {
    createList: sqlite.prepare<[string, string, string, number, number]>(`INSERT INTO dnc_lists (id, team_id, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`),
    addNumber: sqlite.prepare<[string, string, string, number]>(`INSERT OR IGNORE INTO dnc_numbers (list_id, team_id, e164, added_at) VALUES (?, ?, ?, ?)`),
    touchList: sqlite.prepare<[number, string, string]>(`UPDATE dnc_lists SET updated_at = ? WHERE team_id = ? AND id = ?`),
  };
  const addNumbers = sqlite.transaction((teamId: string, listId: string, numbers: readonly string[], at: number) =>
    numbers.reduce((added, e164) => added + q.addNumber.run(listId, teamId, e164, at).changes, 0),
  );
  return {
    createList: async (teamId, listId, name, at) => void q.createList.run(listId, teamId, name, at, at),
    addNumbers: async (teamId, listId, numbers, at) => addNumbers.immediate(teamId, listId, numbers, at),
    touchList: async (teamId, listId, at) => void q.touchList.run(at, teamId, listId),
  };
}
