import type { Kysely } from 'kysely';
import type { CallAnalysis } from '../../shared/analysis/collect';
import { toCallAnalysis } from '../analysis/analysisJobs';
import type { CallCursor } from '../../shared/calls/schemas';
import type { CallSummary, ToolCall, TranscriptTurn } from '../../shared/calls/types';
import { callsAfter, filteredCalls, withNames } from '../calls/callRows';
import { TOOL_COLUMNS, TURN_COLUMNS, toTool, toTurn } from '../calls/transcripts';
import type { TeamScope } from '../crm/context';
import type { Database } from '../db/schema';

/** A call as exports write it: the calls list's row with its transcript, tools and analysis. */
export interface ExportedCall extends CallSummary {
  transcript: TranscriptTurn[];
  tools: ToolCall[];
  analysis: CallAnalysis | null;
}

/** Every filter of the calls list, so an export holds the calls the list shows. */
type CallFilters = Parameters<typeof filteredCalls>[2];

/** Rows per read: big enough that a million calls take a few hundred reads, small enough that one holds little and other requests run between reads. */
export const EXPORT_PAGE_ROWS = 2000;

function groupBy<T extends { callId: string }, U>(rows: T[], map: (row: T) => U): Map<string, U[]> {
  const out = new Map<string, U[]>();
  for (const row of rows) {
    const list = out.get(row.callId);
    if (list) list.push(map(row));
    else out.set(row.callId, [map(row)]);
  }
  return out;
}

/** The analyses of some calls, by call id. */
export async function analysesOf(db: Kysely<Database>, callIds: readonly string[]): Promise<Map<string, CallAnalysis>> {
  if (callIds.length === 0) return new Map();
  const rows = await db.selectFrom('callAnalyses').select(['callId', 'state', 'summary', 'success', 'fields', 'error', 'attempts']).where('callId', 'in', callIds).execute();
  return new Map(rows.map((row) => [row.callId, toCallAnalysis(row)]));
}

/** One page's calls with what was said and done on each, read for the whole page at once. */
async function withConversations(db: Kysely<Database>, calls: CallSummary[]): Promise<ExportedCall[]> {
  if (calls.length === 0) return [];
  const ids = calls.map((call) => call.id);
  const [turns, tools, analyses] = await Promise.all([
    db.selectFrom('callTurns').select(['callId', ...TURN_COLUMNS]).where('callId', 'in', ids).orderBy('callId').orderBy('offsetMs').orderBy('seq').execute(),
    db.selectFrom('callTools').select(['callId', ...TOOL_COLUMNS]).where('callId', 'in', ids).orderBy('callId').orderBy('seq').execute(),
    analysesOf(db, ids),
  ]);
  const turnsOf = groupBy(turns, toTurn);
  const toolsOf = groupBy(tools, toTool);
  return calls.map((call) => ({ ...call, transcript: turnsOf.get(call.id) ?? [], tools: toolsOf.get(call.id) ?? [], analysis: analyses.get(call.id) ?? null }));
}

/**
 * The calls a query's filters pick, newest first, a page at a time by keyset (the list's cursor): each read is
 * its own short statement, so an export of a million calls neither holds them nor keeps the connection busy.
 */
export async function* callPages(db: Kysely<Database>, team: TeamScope, query: CallFilters): AsyncGenerator<ExportedCall[]> {
  const filtered = filteredCalls(db, team, query);
  let cursor: CallCursor | undefined;
  for (;;) {
    const rows = await callsAfter(filtered, cursor).selectAll().orderBy('startedAt', 'desc').orderBy('seq', 'desc').limit(EXPORT_PAGE_ROWS).execute();
    if (rows.length === 0) return;
    yield await withConversations(db, await withNames(db, rows));
    if (rows.length < EXPORT_PAGE_ROWS) return;
    const last = rows[rows.length - 1];
    cursor = { startedAt: last.startedAt, seq: last.seq };
  }
}
