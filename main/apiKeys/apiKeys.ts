import { createHash, randomInt } from 'node:crypto';
import type { ApiKeyInfo } from '../../shared/contract/apiKeyInfo';
import { AppError } from '../../shared/errors';
import { newId } from '../platform/ids';
import { iso, isoOrNull } from '../db/instants';
import type { TeamScope } from '../crm/context';
import type { ApiKeyStore, StoredApiKey } from './store';

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

// field by field: what a store hands back beyond the interface never reaches a caller
const info = (key: StoredApiKey): ApiKeyInfo => ({
  id: key.id,
  teamId: key.teamId,
  name: key.name,
  prefix: key.prefix,
  createdAt: iso(key.createdAt),
  lastUsedAt: isoOrNull(key.lastUsedAt),
  revokedAt: isoOrNull(key.revokedAt),
});

export function createApiKeyService(store: ApiKeyStore, now: () => number) {
  return {
    /** Creates a key; the key itself is returned this once and only its hash is kept. */
    async create(team: TeamScope, name: string): Promise<{ key: string; apiKey: ApiKeyInfo }> {
      const key = generateKey();
      const stored: StoredApiKey = { id: newId('key'), teamId: team.teamId, name, prefix: key.slice(0, KEY_PREFIX.length + 4), createdAt: now(), lastUsedAt: null, revokedAt: null };
      await store.insert({ ...stored, keyHash: hashKey(key) });
      return { key, apiKey: info(stored) };
    },

    list: async (team: TeamScope): Promise<ApiKeyInfo[]> => (await store.list(team.teamId)).map(info),

    async revoke(team: TeamScope, id: string): Promise<ApiKeyInfo> {
      const revocation = await store.revoke(team.teamId, id, now());
      if (!revocation) throw AppError.notFound('API key', id);
      if (!revocation.revokedNow) throw AppError.conflict('This key is already revoked');
      return info(revocation.key);
    },

    /** The caller a bearer key stands for, or null for an unknown or revoked key. */
    async authenticate(key: string): Promise<ApiCaller | null> {
      if (!key.startsWith(KEY_PREFIX)) return null;
      const found = await store.use(hashKey(key), now(), LAST_USED_RESOLUTION_MS);
      return found ? { teamId: found.teamId, keyId: found.id, keyName: found.name } : null;
    },
  };
}

export type ApiKeyService = ReturnType<typeof createApiKeyService>;
