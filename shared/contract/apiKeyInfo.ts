/** An API key as lists show it: never the key itself, which is shown once at creation. */
export interface ApiKeyInfo {
  id: string;
  teamId: string;
  name: string;
  /** The first characters of the key, to recognise it. */
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}
