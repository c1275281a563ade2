// Queries Kysely writes alike for SQLite and PostgreSQL live in main/db/kysely. What a call's end writes of its
// conversation, as builders: on SQLite the dialer compiles them onto its synchronous connection.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { ToolRecord, TurnRecord } from '../../calls/callStore';
import type { Database } from '../schema';

/**
 * How an engine numbers the `nth` (from 0) of the rows one statement adds to a call's turns or tools; undefined when
 * the table numbers them itself (PostgreSQL's identity).
 */
export type NextSeq = ((table: 'call_turns' | 'call_tools', callId: string, nth: number) => RawBuilder<number>) | undefined;

/** Appends turns to a call's transcript, in one statement. */
export const appendTurnsWith = (db: Kysely<Database>, nextSeq: NextSeq, callId: string, turns: readonly TurnRecord[]) =>
  db.insertInto('callTurns').values(
    turns.map((turn, nth) => ({
      callId,
      ...(nextSeq && { seq: nextSeq('call_turns', callId, nth) }),
      speaker: turn.speaker,
      text: turn.text,
      // a turn heard a moment before the answer was registered counts from the answer
      offsetMs: Math.max(0, Math.round(turn.offsetMs)),
      // 1/0: SQLite's flag, and a boolean's text PostgreSQL takes
      interrupted: turn.interrupted ? 1 : 0,
    })),
  );

/** Appends tool calls to a call's record, in one statement. */
export const appendToolsWith = (db: Kysely<Database>, nextSeq: NextSeq, callId: string, tools: readonly ToolRecord[]) =>
  db.insertInto('callTools').values(
    tools.map((tool, nth) => ({
      callId,
      ...(nextSeq && { seq: nextSeq('call_tools', callId, nth) }),
      name: tool.name,
      arguments: JSON.stringify(tool.arguments ?? {}),
      at: tool.at,
      result: tool.result ?? null,
    })),
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
