import { sql, type Kysely } from 'kysely';
import type { Speaker, ToolCall, TranscriptTurn } from '../../shared/calls/types';
import { AppError } from '../../shared/errors';
import { iso } from '../db/instants';
import type { CallToolTable, CallTurnTable, Database } from '../db/schema';

/** A turn as the voice engine reports it: offsetMs from the answer; `interrupted` when the other side cut in. */
export interface TurnRecord {
  speaker: Speaker;
  text: string;
  offsetMs: number;
  interrupted?: boolean;
}

/** A tool call as the voice engine reports it once the app has carried it out: `at` in UTC epoch ms. */
export interface ToolRecord {
  name: string;
  arguments?: Record<string, unknown>;
  at: number;
  result?: string | null;
}

/**
 * The number of the `nth` (from 0) of the rows one statement adds to a call's turns or tools: written in that
 * statement, so two writers never take one twice (SQLite reads every row's number before it inserts any).
 */
const nextSeq = (table: 'call_turns' | 'call_tools', callId: string, nth: number) =>
  sql<number>`(SELECT coalesce(max(seq), 0) + ${1 + nth} FROM ${sql.table(table)} WHERE call_id = ${callId})`;

/**
 * Appends turns to a call's transcript, in one statement. A builder, not a run: the voice engine executes it, and
 * the dialer compiles it into the synchronous transaction that records the end of the call.
 */
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

/** Appends tool calls to a call's record, in one statement (a builder, as appendTurns). */
export const appendTools = (db: Kysely<Database>, callId: string, tools: readonly ToolRecord[]) =>
  db.insertInto('callTools').values(
    tools.map((tool, nth) => ({ callId, seq: nextSeq('call_tools', callId, nth), name: tool.name, arguments: JSON.stringify(tool.arguments ?? {}), at: tool.at, result: tool.result ?? null })),
  );

/** A call that is not there is the caller's mistake, said as such rather than as SQLite's foreign-key failure. */
async function forCall(callId: string, write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') throw AppError.notFound('Call', callId);
    throw error;
  }
}

/** The columns of a stored turn and tool call that their shown forms are made from. */
export const TURN_COLUMNS = ['speaker', 'text', 'offsetMs', 'interrupted'] as const;
export const TOOL_COLUMNS = ['name', 'arguments', 'at', 'result'] as const;

export const toTurn = (row: Pick<CallTurnTable, (typeof TURN_COLUMNS)[number]>): TranscriptTurn => ({ speaker: row.speaker, text: row.text, offsetMs: row.offsetMs, interrupted: row.interrupted === 1 });

export const toTool = (row: Pick<CallToolTable, (typeof TOOL_COLUMNS)[number]>): ToolCall => ({
  name: row.name,
  arguments: JSON.parse(row.arguments) as Record<string, unknown>,
  at: iso(row.at),
  result: row.result,
});

/** What was said and done on calls: written by the voice engine as the call goes, read by the call's detail. */
export function createTranscripts(db: Kysely<Database>) {
  return {
    recordTurn: (callId: string, turn: TurnRecord) => forCall(callId, () => appendTurns(db, callId, [turn]).execute()),

    recordTool: (callId: string, tool: ToolRecord) => forCall(callId, () => appendTools(db, callId, [tool]).execute()),

    /** In the order spoken; turns that start together in the order recorded. */
    async transcript(callId: string): Promise<TranscriptTurn[]> {
      const rows = await db.selectFrom('callTurns').select(TURN_COLUMNS).where('callId', '=', callId).orderBy('offsetMs').orderBy('seq').execute();
      return rows.map(toTurn);
    },

    async tools(callId: string): Promise<ToolCall[]> {
      const rows = await db.selectFrom('callTools').select(TOOL_COLUMNS).where('callId', '=', callId).orderBy('seq').execute();
      return rows.map(toTool);
    },
  };
}

export type Transcripts = ReturnType<typeof createTranscripts>;
