/** An API key as it is kept: only its hash, never the key itself. Instants are UTC ms. */
export interface StoredApiKey {
  id: string;
  teamId: string;
  name: string;
  /** The first characters of the key, to recognise it in a list. */
  prefix: string;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

export interface NewApiKey extends StoredApiKey {
  keyHash: string;
}

/** What revoking came to: the key as it is now, and whether this call revoked it (false: it was already). */
export interface Revocation {
  key: StoredApiKey;
  revokedNow: boolean;
}

/** Where API keys persist; every engine implements it. */
export interface ApiKeyStore {
  insert(key: NewApiKey): Promise<void>;
  /** A team's keys, newest first, revoked ones included. */
  list(teamId: string): Promise<StoredApiKey[]>;
  /** Revokes a key of the team at `at`; undefined when the team has no such key. A key is revoked once: its first revocation time stays. */
  revoke(teamId: string, id: string, at: number): Promise<Revocation | undefined>;
  /**
   * The unrevoked key with this hash, its use recorded at `at` unless the recorded one is within
   * `resolutionMs` before it (the list shows the last use to that resolution, so most requests write nothing).
   */
  use(keyHash: string, at: number, resolutionMs: number): Promise<StoredApiKey | undefined>;
}
