import type BetterSqlite3 from 'better-sqlite3';
import type { DncImportRequest } from '../../shared/compliance/schemas';
import type { DncImportResult, DncList } from '../../shared/compliance/types';
import { AppError } from '../../shared/errors';
import type { TeamScope } from '../crm/context';
import type { BackgroundWriter } from '../db/backgroundWriter';
import { newId } from '../platform/ids';
import { stamps } from '../db/instants';
import type { ComplianceStore } from './complianceStore';

interface ListRow {
  id: string;
  name: string;
  numbers: number;
  createdAt: number;
  updatedAt: number;
}

/** Team do-not-call lists: import, list with what they block, rename, delete. */
export function createDncListService({ sqlite, writer, now, compliance }: { sqlite: BetterSqlite3.Database; writer: BackgroundWriter; now: () => number; compliance: ComplianceStore }) {
  const listColumns = `l.id, l.name, l.created_at AS createdAt, l.updated_at AS updatedAt,
    (SELECT count(*) FROM dnc_numbers d WHERE d.list_id = l.id) AS numbers`;
  const q = {
    all: sqlite.prepare<[string], ListRow>(`SELECT ${listColumns} FROM dnc_lists l WHERE l.team_id = ? ORDER BY l.name`),
    one: sqlite.prepare<[string, string], ListRow>(`SELECT ${listColumns} FROM dnc_lists l WHERE l.id = ? AND l.team_id = ?`),
    byName: sqlite.prepare<[string, string], { id: string }>(`SELECT id FROM dnc_lists WHERE team_id = ? AND name = ?`),
    rename: sqlite.prepare<[string, number, string, string]>(`UPDATE dnc_lists SET name = ?, updated_at = ? WHERE id = ? AND team_id = ?`),
    remove: sqlite.prepare<[string, string]>(`DELETE FROM dnc_lists WHERE id = ? AND team_id = ?`),
    // from the contacts' side: a team's contacts are usually far fewer than a registry list's numbers
    blockedContacts: sqlite.prepare<[string, string], { n: number }>(
      `SELECT count(*) AS n FROM contacts c WHERE c.team_id = ? AND c.phone IS NOT NULL
       AND EXISTS (SELECT 1 FROM dnc_numbers d WHERE d.list_id = ? AND d.e164 = c.phone)`,
    ),
    blockedEnrolments: sqlite.prepare<[string, string], { n: number }>(
      `SELECT count(*) AS n FROM contacts c JOIN campaign_contacts cc ON cc.contact_id = c.id
       WHERE c.team_id = ? AND c.phone IS NOT NULL AND cc.status = 'skipped' AND cc.skip_reason = 'dnc_list'
       AND EXISTS (SELECT 1 FROM dnc_numbers d WHERE d.list_id = ? AND d.e164 = c.phone)`,
    ),
  };

  function toList(row: ListRow, team: TeamScope): DncList {
    return {
      id: row.id,
      name: row.name,
      numbers: row.numbers,
      blockedContacts: q.blockedContacts.get(team.teamId, row.id)!.n,
      blockedEnrolments: q.blockedEnrolments.get(team.teamId, row.id)!.n,
      ...stamps(row),
    };
  }

  function get(team: TeamScope, id: string): DncList {
    const row = q.one.get(id, team.teamId);
    if (!row) throw AppError.notFound('DNC list', id);
    return toList(row, team);
  }

  function assertNameFree(team: TeamScope, name: string, selfId?: string): void {
    const taken = q.byName.get(team.teamId, name);
    if (taken && taken.id !== selfId) throw AppError.validation({ name: `A DNC list named "${name}" already exists` });
  }

  return {
    get,

    list(team: TeamScope): DncList[] {
      return q.all.all(team.teamId).map((row) => toList(row, team));
    },

    rename(team: TeamScope, id: string, name: string): DncList {
      get(team, id);
      assertNameFree(team, name, id);
      q.rename.run(name, now(), id, team.teamId);
      return get(team, id);
    },

    remove(team: TeamScope, id: string): { id: string } {
      if (q.remove.run(id, team.teamId).changes === 0) throw AppError.notFound('DNC list', id);
      return { id };
    },

    /**
     * Adds a file's numbers to a list (the named list is created when new). Bad rows are reported with their row
     * number and never stop the good ones. The file is read and its numbers committed in batches on the background
     * writer's thread (see createDncImportTask), so a registry extract does not hold up this one.
     */
    async import(team: TeamScope, request: DncImportRequest): Promise<DncImportResult> {
      const at = now();
      if (request.listId) get(team, request.listId);
      const existing = request.listId ?? q.byName.get(team.teamId, request.name!)?.id;
      const listId = existing ?? newId('dnc');
      const outcome = await writer.run('dncImport', { teamId: team.teamId, listId, newListName: existing ? null : request.name!, text: request.text, at });
      // waiting contacts on the list are skipped at once (the dialer would refuse them anyway)
      compliance.scrubTeam(team.teamId, at);
      return { list: get(team, listId), ...outcome };
    },
  };
}

export type DncListService = ReturnType<typeof createDncListService>;
