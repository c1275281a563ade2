// SQL for the embedded engine lives in main/db/sqlite: its spellings of what the call store and the exports read.
import { sql, type Kysely } from 'kysely';
import type { CallFilter } from '../../calls/callStore';
import { filteredCalls as filteredCallsWith, type JsonMember } from '../kysely/callRows';
import type { Database } from '../schema';

export { callsAfter, toCallAnalysis, toTool, toTurn, TURN_COLUMNS } from '../kysely/callRows';

/** SQLite's -> gives a member as JSON text. */
export const jsonMember: JsonMember = (column, key) => sql<string | null>`${sql.ref(column)} -> ${`$.${key}`}`;

/** The calls a filter picks, on SQLite (see the shared filteredCalls). */
export const filteredCalls = (db: Kysely<Database>, teamId: string, filter: CallFilter) => filteredCallsWith(db, teamId, filter, jsonMember);
