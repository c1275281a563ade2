import { describe, expect, it } from 'vitest';
import type { ApiKeyStore, NewApiKey, StoredApiKey } from '../../main/apiKeys/store';
import { freshFixtureEach, STORE_TEAMS } from './suiteFixtures';

const [TEAM, OTHER_TEAM] = STORE_TEAMS;
const T0 = Date.parse('2026-03-02T10:00:00Z');
const RESOLUTION_MS = 60_000;

let made = 0;
/** A key of `teamId` created at `createdAt`, with a hash of its own. */
function newKey(teamId: string, createdAt: number): NewApiKey {
  made++;
  return { id: `key_${made}`, teamId, name: `Key ${made}`, prefix: `dw_live_k${made}`, keyHash: `hash_${made}`, createdAt, lastUsedAt: null, revokedAt: null };
}

/** The key as the store hands it back: everything but its hash. */
function stored({ keyHash: _hash, ...key }: NewApiKey): StoredApiKey {
  return key;
}

/** What every ApiKeyStore does, whatever engine keeps it; `open` gives a store on an empty database where STORE_TEAMS exist. */
export function describeApiKeyStore(engine: string, open: () => Promise<{ store: ApiKeyStore; close(): Promise<void> }>): void {
  describe(`ApiKeyStore on ${engine}`, () => {
    let store: ApiKeyStore;
    freshFixtureEach(open, (fixture) => (store = fixture.store));

    const insert = async (key: NewApiKey) => (await store.insert(key), key);

    it("lists a team's keys newest first, without their hashes, and none of another team's", async () => {
      const older = await insert(newKey(TEAM, T0));
      await insert(newKey(OTHER_TEAM, T0 + 1));
      const newer = await insert(newKey(TEAM, T0 + 2));
      expect(await store.list(TEAM)).toEqual([stored(newer), stored(older)]);
      expect(await store.list('team_nobody')).toEqual([]);
    });

    it('revokes a key once: the second revocation says so and keeps the first time', async () => {
      const key = await insert(newKey(TEAM, T0));
      expect(await store.revoke(TEAM, key.id, T0 + 10)).toEqual({ key: { ...stored(key), revokedAt: T0 + 10 }, revokedNow: true });
      expect(await store.revoke(TEAM, key.id, T0 + 20)).toEqual({ key: { ...stored(key), revokedAt: T0 + 10 }, revokedNow: false });
      expect((await store.list(TEAM))[0].revokedAt).toBe(T0 + 10);
    });

    it("does not revoke another team's key, nor one that does not exist", async () => {
      const key = await insert(newKey(OTHER_TEAM, T0));
      expect(await store.revoke(TEAM, key.id, T0 + 10)).toBeUndefined();
      expect(await store.revoke(TEAM, 'key_missing', T0 + 10)).toBeUndefined();
      expect((await store.list(OTHER_TEAM))[0].revokedAt).toBeNull();
    });

    it('finds a key by its hash for use, and not once it is revoked', async () => {
      const key = await insert(newKey(TEAM, T0));
      const other = await insert(newKey(TEAM, T0));
      expect(await store.use(key.keyHash, T0 + 1, RESOLUTION_MS)).toEqual({ ...stored(key), lastUsedAt: T0 + 1 });
      expect(await store.use('hash_unknown', T0 + 1, RESOLUTION_MS)).toBeUndefined();
      await store.revoke(TEAM, key.id, T0 + 2);
      expect(await store.use(key.keyHash, T0 + 3, RESOLUTION_MS)).toBeUndefined();
      expect(await store.use(other.keyHash, T0 + 3, RESOLUTION_MS)).toMatchObject({ id: other.id });
    });

    it('records a use only once the recorded one is older than the resolution', async () => {
      const key = await insert(newKey(TEAM, T0));
      const lastUsed = async () => (await store.list(TEAM))[0].lastUsedAt;
      await store.use(key.keyHash, T0, RESOLUTION_MS);
      expect(await lastUsed()).toBe(T0);
      expect(await store.use(key.keyHash, T0 + RESOLUTION_MS, RESOLUTION_MS)).toMatchObject({ lastUsedAt: T0 });
      expect(await lastUsed()).toBe(T0);
      expect(await store.use(key.keyHash, T0 + RESOLUTION_MS + 1, RESOLUTION_MS)).toMatchObject({ lastUsedAt: T0 + RESOLUTION_MS + 1 });
      expect(await lastUsed()).toBe(T0 + RESOLUTION_MS + 1);
    });
  });
}
