import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/** What every CRM service is built from. */
export interface CrmDeps {
  db: Kysely<Database>;
  /** UTC epoch ms; injected so tests control time. */
  now: () => number;
}

/** Who is asking: every read and write is scoped to this team. */
export interface TeamScope {
  teamId: string;
}
