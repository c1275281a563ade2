// A store whose queries Kysely writes alike for SQLite and PostgreSQL serves both engines from main/db/kysely; SQL
// that differs lives in each engine's own folder (main/db/sqlite, main/db/postgres).
import type { Kysely } from 'kysely';
import type { ApiKeyStore } from '../../apiKeys/store';
import type { Database } from '../schema';

const STORED = ['id', 'teamId', 'name', 'keyPrefix as prefix', 'createdAt', 'lastUsedAt', 'revokedAt'] as const;

export function createApiKeyStore(db: Kysely<Database>): ApiKeyStore {
  return {
    async insert({ prefix, ...key }) {
      await db.insertInto('apiKeys').values({ ...key, keyPrefix: prefix }).execute();
    },

    list: (teamId) => db.selectFrom('apiKeys').select(STORED).where('teamId', '=', teamId).orderBy('createdAt', 'desc').execute(),

    async revoke(teamId, id, at) {
      // a revocation racing this one (another server's) waits on the row, then finds it revoked and leaves the first time
      const revoked = await db
        .updateTable('apiKeys')
        .set({ revokedAt: at })
        .where('id', '=', id)
        .where('teamId', '=', teamId)
        .where('revokedAt', 'is', null)
        .returning(STORED)
        .executeTakeFirst();
      if (revoked) return { key: revoked, revokedNow: true };
      const key = await db.selectFrom('apiKeys').select(STORED).where('id', '=', id).where('teamId', '=', teamId).executeTakeFirst();
      return key && { key, revokedNow: false };
    },

    async use(keyHash, at, resolutionMs) {
      const key = await db.selectFrom('apiKeys').select(STORED).where('keyHash', '=', keyHash).where('revokedAt', 'is', null).executeTakeFirst();
      if (!key || (key.lastUsedAt !== null && at - key.lastUsedAt <= resolutionMs)) return key;
      // undefined when another server revoked the key in between
      return db.updateTable('apiKeys').set({ lastUsedAt: at }).where('id', '=', key.id).where('revokedAt', 'is', null).returning(STORED).executeTakeFirst();
    },
  };
}
