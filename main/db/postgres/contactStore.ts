// SQL for PostgreSQL lives in main/db/postgres: the contact store's queries are Kysely's for both engines; its search
// reads the trigram indexes, and a refused phone is told by the unique index's name.
import type { Kysely } from 'kysely';
import pg from 'pg';
import type { ContactStore } from '../../crm/contactStore';
import { createContactStore } from '../kysely/contactStore';
import type { Database } from '../schema';
import { postgresContactSearchFilter } from './contactSearch';

const UNIQUE_VIOLATION = '23505';

const isDuplicatePhone = (error: unknown) =>
  error instanceof pg.DatabaseError && error.code === UNIQUE_VIOLATION && error.constraint === 'contacts_company_phone';

export function createPostgresContactStore(db: Kysely<Database>): ContactStore {
  return createContactStore(db, { searchFilter: postgresContactSearchFilter, isDuplicatePhone });
}
