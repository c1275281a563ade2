// SQL for the embedded engine lives in main/db/sqlite. What the end of a call writes of its conversation is run inside
// the dialer's synchronous transaction that records the end, so these are builders it compiles onto its connection.
import { sql, type Kysely } from 'kysely';
import type { ToolRecord, TurnRecord } from '../../calls/callStore';
import { appendToolsWith, appendTurnsWith, type NextSeq } from '../kysely/callConversation';
import type { Database } from '../schema';

export { enqueueAnalysis } from '../kysely/callConversation';

/**
 * Numbers per call, written in the statement that adds the rows, so two writers never take one twice (SQLite reads
 * every row's number before it inserts any).
 */
export const nextSeq: NextSeq = (table, callId, nth) => sql<number>`(SELECT coalesce(max(seq), 0) + ${1 + nth} FROM ${sql.table(table)} WHERE call_id = ${callId})`;

export const appendTurns = (db: Kysely<Database>, callId: string, turns: readonly TurnRecord[]) => appendTurnsWith(db, nextSeq, callId, turns);

export const appendTools = (db: Kysely<Database>, callId: string, tools: readonly ToolRecord[]) => appendToolsWith(db, nextSeq, callId, tools);
