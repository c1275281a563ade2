// A store whose queries Kysely writes alike for SQLite and PostgreSQL serves both engines from main/db/kysely; SQL
// that differs lives in each engine's own folder (main/db/sqlite, main/db/postgres).
import type { Kysely } from 'kysely';
import type { PhoneNumberStore } from '../../crm/phoneNumberStore';
import type { Database } from '../schema';

// the provider settings are written, never read back: they may hold credentials
const STORED = ['id', 'teamId', 'number', 'label', 'provider', 'status', 'assistantId', 'trunkId', 'createdAt', 'updatedAt'] as const;

export function createPhoneNumberStore(db: Kysely<Database>): PhoneNumberStore {
  const has = async (table: 'assistants' | 'sipTrunks', teamId: string, id: string) =>
    (await db.selectFrom(table).select('id').where('id', '=', id).where('teamId', '=', teamId).executeTakeFirst()) !== undefined;

  return {
    get: (teamId, id) => db.selectFrom('phoneNumbers').select(STORED).where('id', '=', id).where('teamId', '=', teamId).executeTakeFirst(),

    list: (teamId, assistantId) =>
      db
        .selectFrom('phoneNumbers')
        .select(STORED)
        .where('teamId', '=', teamId)
        .$if(assistantId !== undefined, (q) => q.where('assistantId', '=', assistantId!))
        .orderBy('number')
        .execute(),

    async numberTaken(teamId, number, exceptId) {
      const taken = await db
        .selectFrom('phoneNumbers')
        .select('id')
        .where('teamId', '=', teamId)
        .where('number', '=', number)
        .$if(exceptId !== undefined, (q) => q.where('id', '!=', exceptId!))
        .executeTakeFirst();
      return taken?.id;
    },

    hasAssistant: (teamId, assistantId) => has('assistants', teamId, assistantId),
    hasTrunk: (teamId, trunkId) => has('sipTrunks', teamId, trunkId),

    async insert(number) {
      await db.insertInto('phoneNumbers').values(number).execute();
    },

    async update(teamId, id, changes, at) {
      const result = await db.updateTable('phoneNumbers').set({ ...changes, updatedAt: at }).where('id', '=', id).where('teamId', '=', teamId).executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
  };
}
