// SQL for the embedded engine lives in main/db/sqlite, implementing the interfaces the features declare.
import type BetterSqlite3 from 'better-sqlite3';
import type { DncStore, ListedNumber, StoredDncList } from '../../compliance/dncStore';
import { DNC_LIST_COLUMNS } from '../kysely/dncListColumns';
import { likePattern } from '../like';

/**
 * A team's list, picked by id, for the numbers' side: its numbers are then read by the list's primary key (list, number),
 * where asking for the numbers' own team column would have the planner walk every list of the team.
 */
const TEAM_LIST = `SELECT id FROM dnc_lists WHERE team_id = ? AND id = ?`;

/** The DNC tables' statements, each prepared once. A number is only ever written under its own list's team. */
export function createSqliteDncStore(sqlite: BetterSqlite3.Database): DncStore {
  const q = {
    lists: sqlite.prepare<[string], StoredDncList>(`SELECT ${DNC_LIST_COLUMNS} FROM dnc_lists l WHERE l.team_id = ? ORDER BY l.name`),
    list: sqlite.prepare<[string, string], StoredDncList>(`SELECT ${DNC_LIST_COLUMNS} FROM dnc_lists l WHERE l.team_id = ? AND l.id = ?`),
    has: sqlite.prepare<[string, string], { id: string }>(TEAM_LIST),
    named: sqlite.prepare<[string, string], { id: string }>(`SELECT id FROM dnc_lists WHERE team_id = ? AND name = ?`),
    rename: sqlite.prepare<[string, number, string, string]>(`UPDATE dnc_lists SET name = ?, updated_at = ? WHERE team_id = ? AND id = ?`),
    remove: sqlite.prepare<[string, string]>(`DELETE FROM dnc_lists WHERE team_id = ? AND id = ?`),
    touch: sqlite.prepare<[number, string, string]>(`UPDATE dnc_lists SET updated_at = ? WHERE team_id = ? AND id = ?`),
    page: sqlite.prepare<[string, string, string, number, number], ListedNumber>(
      `SELECT e164, added_at AS addedAt FROM dnc_numbers WHERE list_id = (${TEAM_LIST}) AND e164 LIKE ? ESCAPE '\\' ORDER BY e164 LIMIT ? OFFSET ?`,
    ),
    count: sqlite.prepare<[string, string, string], { n: number }>(`SELECT count(*) AS n FROM dnc_numbers WHERE list_id = (${TEAM_LIST}) AND e164 LIKE ? ESCAPE '\\'`),
    add: sqlite.prepare<[string, number, string, string]>(
      `INSERT OR IGNORE INTO dnc_numbers (list_id, team_id, e164, added_at) SELECT id, team_id, ?, ? FROM dnc_lists WHERE team_id = ? AND id = ?`,
    ),
    removeNumber: sqlite.prepare<[string, string, string]>(`DELETE FROM dnc_numbers WHERE list_id = (${TEAM_LIST}) AND e164 = ?`),
  };

  // the number and its list's new time together, so a list never shows a change it has not got
  const addNumber = sqlite.transaction((teamId: string, listId: string, e164: string, at: number) => {
    const added = q.add.run(e164, at, teamId, listId).changes > 0;
    q.touch.run(at, teamId, listId);
    return added;
  });
  const removeNumber = sqlite.transaction((teamId: string, listId: string, e164: string, at: number) => {
    const removed = q.removeNumber.run(teamId, listId, e164).changes > 0;
    if (removed) q.touch.run(at, teamId, listId);
    return removed;
  });

  return {
    lists: async (teamId) => q.lists.all(teamId),
    list: async (teamId, id) => q.list.get(teamId, id),
    hasList: async (teamId, id) => q.has.get(teamId, id) !== undefined,
    listNamed: async (teamId, name) => q.named.get(teamId, name)?.id,
    rename: async (teamId, id, name, at) => q.rename.run(name, at, teamId, id).changes > 0,
    remove: async (teamId, id) => q.remove.run(teamId, id).changes > 0,
    async numbers(teamId, listId, { containing, limit, offset }) {
      const pattern = likePattern(containing);
      return { items: q.page.all(teamId, listId, pattern, limit, offset), total: q.count.get(teamId, listId, pattern)!.n };
    },
    addNumber: async (teamId, listId, e164, at) => addNumber(teamId, listId, e164, at),
    removeNumber: async (teamId, listId, e164, at) => removeNumber(teamId, listId, e164, at),
  };
}
