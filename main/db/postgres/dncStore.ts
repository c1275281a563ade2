// SQL for PostgreSQL lives in main/db/postgres, implementing the interfaces the features declare.
import { sql, type Kysely } from 'kysely';
import type { DncStore, StoredDncList } from '../../compliance/dncStore';
import { DNC_LIST_COLUMNS } from '../kysely/dncListColumns';
import { containsText } from '../like';
import type { Database } from '../schema';

export function createPostgresDncStore(db: Kysely<Database>): DncStore {
  const listsOf = async (teamId: string, id?: string) =>
    (
      await sql<StoredDncList>`SELECT ${sql.raw(DNC_LIST_COLUMNS)} FROM dnc_lists l
        WHERE l.team_id = ${teamId} ${id === undefined ? sql`` : sql`AND l.id = ${id}`} ORDER BY l.name`.execute(db)
    ).rows;

  /** A team's list, picked by id: its numbers are then read by their primary key (list, number), not by team. */
  const teamList = (teamId: string, id: string, q: Kysely<Database> = db) => q.selectFrom('dncLists').select('id').where('teamId', '=', teamId).where('id', '=', id);

  const numbersOf = (teamId: string, listId: string, containing: string) =>
    db.selectFrom('dncNumbers').where('listId', '=', teamList(teamId, listId)).where(containsText('dnc_numbers.e164', containing));

  const touch = (tx: Kysely<Database>, teamId: string, id: string, at: number) =>
    tx.updateTable('dncLists').set({ updatedAt: at }).where('teamId', '=', teamId).where('id', '=', id).execute();

  return {
    lists: (teamId) => listsOf(teamId),
    list: async (teamId, id) => (await listsOf(teamId, id))[0],
    hasList: async (teamId, id) => (await teamList(teamId, id).executeTakeFirst()) !== undefined,
    listNamed: async (teamId, name) => (await db.selectFrom('dncLists').select('id').where('teamId', '=', teamId).where('name', '=', name).executeTakeFirst())?.id,

    async rename(teamId, id, name, at) {
      const result = await db.updateTable('dncLists').set({ name, updatedAt: at }).where('teamId', '=', teamId).where('id', '=', id).executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async remove(teamId, id) {
      const result = await db.deleteFrom('dncLists').where('teamId', '=', teamId).where('id', '=', id).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async numbers(teamId, listId, { containing, limit, offset }) {
      const matching = numbersOf(teamId, listId, containing);
      const [items, { n }] = await Promise.all([
        matching.select(['e164', 'addedAt']).orderBy('e164').limit(limit).offset(offset).execute(),
        matching.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: n };
    },

    // the number and its list's new time together, so a list never shows a change it has not got
    addNumber: (teamId, listId, e164, at) =>
      db.transaction().execute(async (tx) => {
        if (!(await teamList(teamId, listId, tx).executeTakeFirst())) return false;
        const added = await tx.insertInto('dncNumbers').values({ listId, teamId, e164, addedAt: at }).onConflict((oc) => oc.doNothing()).executeTakeFirst();
        await touch(tx, teamId, listId, at);
        return (added.numInsertedOrUpdatedRows ?? 0n) > 0n;
      }),

    removeNumber: (teamId, listId, e164, at) =>
      db.transaction().execute(async (tx) => {
        const result = await tx.deleteFrom('dncNumbers').where('listId', '=', teamList(teamId, listId, tx)).where('e164', '=', e164).executeTakeFirst();
        const removed = result.numDeletedRows > 0n;
        if (removed) await touch(tx, teamId, listId, at);
        return removed;
      }),
  };
}
