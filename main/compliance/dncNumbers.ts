import type BetterSqlite3 from 'better-sqlite3';
import type { DncNumberQuery, DncNumberRequest } from '../../shared/compliance/schemas';
import type { DncNumber } from '../../shared/compliance/types';
import type { Page } from '../../shared/crm/types';
import { AppError } from '../../shared/errors';
import type { TeamScope } from '../crm/context';

/** One list's numbers, looked at and changed one at a time (a file of numbers goes through the list import). */
export function createDncNumberService({ sqlite, now }: { sqlite: BetterSqlite3.Database; now: () => number }) {
  const q = {
    list: sqlite.prepare<[string, string], { id: string }>(`SELECT id FROM dnc_lists WHERE id = ? AND team_id = ?`),
    page: sqlite.prepare<[string, string, number, number], { e164: string; addedAt: number }>(
      `SELECT e164, added_at AS addedAt FROM dnc_numbers WHERE list_id = ? AND e164 LIKE ? ESCAPE '\\' ORDER BY e164 LIMIT ? OFFSET ?`,
    ),
    count: sqlite.prepare<[string, string], { n: number }>(`SELECT count(*) AS n FROM dnc_numbers WHERE list_id = ? AND e164 LIKE ? ESCAPE '\\'`),
    add: sqlite.prepare<[string, string, string, number]>(`INSERT OR IGNORE INTO dnc_numbers (list_id, team_id, e164, added_at) VALUES (?, ?, ?, ?)`),
    remove: sqlite.prepare<[string, string]>(`DELETE FROM dnc_numbers WHERE list_id = ? AND e164 = ?`),
    touch: sqlite.prepare<[number, string]>(`UPDATE dnc_lists SET updated_at = ? WHERE id = ?`),
  };

  function ownList(team: TeamScope, listId: string): void {
    if (!q.list.get(listId, team.teamId)) throw AppError.notFound('DNC list', listId);
  }

  return {
    /** The numbers, in order, those containing `search`'s digits when it is given. */
    numbers(team: TeamScope, query: DncNumberQuery): Page<DncNumber> {
      ownList(team, query.listId);
      const pattern = `%${(query.search ?? '').replace(/\D/g, '')}%`;
      const items = q.page.all(query.listId, pattern, query.limit, query.offset).map((row) => ({ number: row.e164, addedAt: new Date(row.addedAt).toISOString() }));
      return { items, total: q.count.get(query.listId, pattern)!.n, totalIsCapped: false, limit: query.limit, offset: query.offset };
    },

    /** Puts one number on the list; `added` is false when it was there already. */
    add(team: TeamScope, request: DncNumberRequest): { number: string; added: boolean } {
      ownList(team, request.listId);
      const at = now();
      const added = sqlite.transaction(() => {
        const changes = q.add.run(request.listId, team.teamId, request.number, at).changes;
        q.touch.run(at, request.listId);
        return changes > 0;
      })();
      return { number: request.number, added };
    },

    /** Takes one number off the list: it may be called again, unless another list or the contact's own flag says no. */
    remove(team: TeamScope, request: DncNumberRequest): { number: string } {
      ownList(team, request.listId);
      if (q.remove.run(request.listId, request.number).changes === 0) throw AppError.notFound('Number on this list', request.number);
      q.touch.run(now(), request.listId);
      return { number: request.number };
    },
  };
}

export type DncNumberService = ReturnType<typeof createDncNumberService>;
