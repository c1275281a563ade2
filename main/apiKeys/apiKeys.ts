import { createHash, randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ApiKeyInfo } from '../../shared/contract/apiKeyInfo';
import { AppError } from '../../shared/errors';
import { newId } from '../platform/ids';
import { iso, isoOrNull } from '../db/instants';
import type { Database } from '../db/schema';
import type { TeamScope } from '../crm/context';

const KEY_PREFIX = 'dw_live_';
const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const KEY_RANDOM_CHARS = 48;
/** last_used_at is a hint for the key list; writing it on every request would cost a write per call. */
const LAST_USED_RESOLUTION_MS = 60_000;

export interface ApiCaller {
  teamId: string;
  keyId: string;
  keyName: string;
}

export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

function generateKey(): string {
  let out = KEY_PREFIX;
  for (let i = 0; i < KEY_RANDOM_CHARS; i++) out += KEY_ALPHABET[randomInt(KEY_ALPHABET.length)];
  return out;
}

export function createApiKeyService(db: Kysely<Database>, now: () => number) {
  const info = (row: { id: string; teamId: string; name: string; keyPrefix: string; createdAt: number; lastUsedAt: number | null; revokedAt: number | null }): ApiKeyInfo => ({
    id: row.id,
    teamId: row.teamId,
    name: row.name,
    prefix: row.keyPrefix,
    createdAt: iso(row.createdAt),
    lastUsedAt: isoOrNull(row.lastUsedAt),
    revokedAt: isoOrNull(row.revokedAt),
  });

  return {
    /** Creates a key; the key itself is returned this once and only its hash is kept. */
    async create(team: TeamScope, name: string): Promise<{ key: string; apiKey: ApiKeyInfo }> {
      const key = generateKey();
      const row = { id: newId('key'), teamId: team.teamId, name, keyHash: hashKey(key), keyPrefix: key.slice(0, KEY_PREFIX.length + 4), createdAt: now(), lastUsedAt: null, revokedAt: null };
      await db.insertInto('apiKeys').values(row).execute();
      return { key, apiKey: info(row) };
    },

    async list(team: TeamScope): Promise<ApiKeyInfo[]> {
      const rows = await db.selectFrom('apiKeys').selectAll().where('teamId', '=', team.teamId).orderBy('createdAt', 'desc').execute();
      return rows.map(info);
    },

    async revoke(team: TeamScope, id: string): Promise<ApiKeyInfo> {
      const result = await db.updateTable('apiKeys').set({ revokedAt: now() }).where('id', '=', id).where('teamId', '=', team.teamId).where('revokedAt', 'is', null).executeTakeFirst();
      const row = await db.selectFrom('apiKeys').selectAll().where('id', '=', id).where('teamId', '=', team.teamId).executeTakeFirst();
      if (!row) throw AppError.notFound('API key', id);
      if (result.numUpdatedRows === 0n) throw AppError.conflict('This key is already revoked');
      return info(row);
    },

    /** The caller a bearer key stands for, or null for an unknown or revoked key. */
    async authenticate(key: string): Promise<ApiCaller | null> {
      if (!key.startsWith(KEY_PREFIX)) return null;
      const row = await db.selectFrom('apiKeys').selectAll().where('keyHash', '=', hashKey(key)).where('revokedAt', 'is', null).executeTakeFirst();
      if (!row) return null;
      const at = now();
      if (row.lastUsedAt === null || at - row.lastUsedAt > LAST_USED_RESOLUTION_MS) {
        await db.updateTable('apiKeys').set({ lastUsedAt: at }).where('id', '=', row.id).execute();
      }
      return { teamId: row.teamId, keyId: row.id, keyName: row.name };
    },
  };
}

export type ApiKeyService = ReturnType<typeof createApiKeyService>;
