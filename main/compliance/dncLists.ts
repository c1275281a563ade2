import type { DncImportRequest } from '../../shared/compliance/schemas';
import type { DncImportResult, DncList } from '../../shared/compliance/types';
import { AppError } from '../../shared/errors';
import type { TeamScope } from '../crm/context';
import type { BackgroundWriter } from '../db/backgroundWriter';
import { newId } from '../platform/ids';
import { stamps } from '../db/instants';
import type { ComplianceStore } from './complianceStore';
import type { DncStore, StoredDncList } from './dncStore';

const toList = ({ createdAt, updatedAt, ...list }: StoredDncList): DncList => ({ ...list, ...stamps({ createdAt, updatedAt }) });

/** Team do-not-call lists: import, list with what they block, rename, delete. */
export function createDncListService({ store, writer, now, compliance }: { store: DncStore; writer: BackgroundWriter; now: () => number; compliance: ComplianceStore }) {
  async function get(team: TeamScope, id: string): Promise<DncList> {
    const list = await store.list(team.teamId, id);
    if (!list) throw AppError.notFound('DNC list', id);
    return toList(list);
  }

  async function assertNameFree(team: TeamScope, name: string, selfId: string): Promise<void> {
    const taken = await store.listNamed(team.teamId, name);
    if (taken !== undefined && taken !== selfId) throw AppError.validation({ name: `A DNC list named "${name}" already exists` });
  }

  return {
    get,

    async list(team: TeamScope): Promise<DncList[]> {
      return (await store.lists(team.teamId)).map(toList);
    },

    async rename(team: TeamScope, id: string, name: string): Promise<DncList> {
      if (!(await store.hasList(team.teamId, id))) throw AppError.notFound('DNC list', id);
      await assertNameFree(team, name, id);
      await store.rename(team.teamId, id, name, now());
      return get(team, id);
    },

    async remove(team: TeamScope, id: string): Promise<{ id: string }> {
      if (!(await store.remove(team.teamId, id))) throw AppError.notFound('DNC list', id);
      return { id };
    },

    /**
     * Adds a file's numbers to a list (the named list is created when new). Bad rows are reported with their row
     * number and never stop the good ones. The file is read and its numbers committed in batches on the background
     * writer's thread (see createDncImportTask), so a registry extract does not hold up this one.
     */
    async import(team: TeamScope, request: DncImportRequest): Promise<DncImportResult> {
      const at = now();
      if (request.listId && !(await store.hasList(team.teamId, request.listId))) throw AppError.notFound('DNC list', request.listId);
      const existing = request.listId ?? (await store.listNamed(team.teamId, request.name!));
      const listId = existing ?? newId('dnc');
      const outcome = await writer.run('dncImport', { teamId: team.teamId, listId, newListName: existing ? null : request.name!, text: request.text, at });
      // waiting contacts on the list are skipped at once (the dialer would refuse them anyway)
      compliance.scrubTeam(team.teamId, at);
      return { list: await get(team, listId), ...outcome };
    },
  };
}

export type DncListService = ReturnType<typeof createDncListService>;
