// SQL for the embedded engine lives in main/db/sqlite, implementing the interfaces the features declare: the contact
// store's queries are Kysely's for both engines; its search reads SQLite's FTS5 index.
import type { Kysely } from 'kysely';
import type { ContactStore } from '../../crm/contactStore';
import { createContactStore } from '../kysely/contactStore';
import type { Database } from '../schema';
import { contactSearchFilter } from './contactSearch';

const isDuplicatePhone = (error: unknown) => error instanceof Error && /UNIQUE constraint failed: contacts\.company_id, contacts\.phone/.test(error.message);

export function createSqliteContactStore(db: Kysely<Database>): ContactStore {
  return createContactStore(db, { searchFilter: contactSearchFilter, isDuplicatePhone });
}
