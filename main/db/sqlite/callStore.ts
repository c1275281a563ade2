// SQL for the embedded engine lives in main/db/sqlite, implementing the interfaces the features declare.
import type { Kysely } from 'kysely';
import type { CallStore } from '../../calls/callStore';
import { createCallStore } from '../kysely/callStore';
import type { Database } from '../schema';
import { nextSeq } from './callConversation';
import { jsonMember } from './callRows';

export const createSqliteCallStore = (db: Kysely<Database>): CallStore =>
  createCallStore(db, { member: jsonMember, nextSeq, isMissingCall: (error) => (error as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY' });
