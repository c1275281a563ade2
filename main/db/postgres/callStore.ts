// SQL for PostgreSQL lives in main/db/postgres, implementing the interfaces the features declare.
import { sql, type Kysely } from 'kysely';
import type { CallStore } from '../../calls/callStore';
import type { JsonMember } from '../kysely/callRows';
import { createCallStore } from '../kysely/callStore';
import type { Database } from '../schema';

/** JSON is kept as text: read as jsonb to take a member, given back as its JSON text. */
export const jsonMember: JsonMember = (column, key) => sql<string | null>`(${sql.ref(column)}::jsonb -> ${key})::text`;

/** foreign_key_violation */
const FOREIGN_KEY_VIOLATION = '23503';

/** Turns and tools are numbered by their tables' identity (migration 7), so concurrent writers never clash. */
export const createPostgresCallStore = (db: Kysely<Database>): CallStore =>
  createCallStore(db, { member: jsonMember, nextSeq: undefined, isMissingCall: (error) => (error as { code?: string }).code === FOREIGN_KEY_VIOLATION });
