// SQL for the embedded engine lives in main/db/sqlite. What the end of a call writes of its conversation is run inside
// the dialer's synchronous transaction that records the end, so these are builders it compiles onto its connection.
import { sql, type Kysely } from 'kysely';
import type { ToolRecord, TurnRecord } from '../../calls/callStore';
import type { Database } from '../schema';

/**
 * The number of the `nth` (from 0) of the rows one statement adds to a call's turns or tools: written in that
 * statement, so two writers never take one twice (SQLite reads every row's number before it inserts any).
 */
const nextSeq = (table: 'call_turns' | 'call_tools', callId: string, nth: number) =>
  sql<number>`(SELECT coalesce(max(seq), 0) + ${1 + nth} FROM ${sql.table(table)} WHERE call_id = ${callId})`;

/** Appends turns to a call's transcript, in one statement. */
export const appendTurns = (db: Kysely<Database>, callId: string, turns: readonly TurnRecord[]) =>
  db.insertInto('callTurns').values(
    turns.map((turn, nth) => ({
      callId,
      seq: nextSeq('call_turns', callId, nth),
      speaker: turn.speaker,
      text: turn.text,
      // a turn heard a moment before the answer was registered counts from the answer
      offsetMs: Math.max(0, Math.round(turn.offsetMs)),
      interrupted: turn.interrupted ? 1 : 0,
    })),
  );

/** Appends tool calls to a call's record, in one statement. */
export const appendTools = (db: Kysely<Database>, callId: string, tools: readonly ToolRecord[]) =>
  db.insertInto('callTools').values(
    tools.map((tool, nth) => ({ callId, seq: nextSeq('call_tools', callId, nth), name: tool.name, arguments: JSON.stringify(tool.arguments ?? {}), at: tool.at, result: tool.result ?? null })),
  );

/**
 * Queues the analysis of a call that has a transcript, as of the call's end; nothing for a call without one,
 * or one already queued, so an ended call and its job commit together.
 */
export const enqueueAnalysis = (db: Kysely<Database>, callId: string) =>
  db
    .insertInto('callAnalyses')
    .columns(['callId', 'teamId', 'state', 'nextAttemptAt', 'createdAt', 'updatedAt'])
    .expression((eb) =>
      eb
        .selectFrom('calls')
        .select(['id', 'teamId', sql.lit('pending').as('state'), 'endedAt', 'endedAt', 'endedAt'])
        .where('id', '=', callId)
        .where('endedAt', 'is not', null)
        .where((w) => w.exists(w.selectFrom('callTurns').select('seq').where('callTurns.callId', '=', callId))),
    )
    .onConflict((oc) => oc.column('callId').doNothing());
