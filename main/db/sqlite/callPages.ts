import type BetterSqlite3 from 'better-sqlite3';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { CallAnalysis } from '../../../shared/analysis/collect';
import type { CallCursor } from '../../../shared/calls/schemas';
import { shownTool } from '../../calls/callService';
import type { CallFilter } from '../../calls/callStore';
import { publicCall } from '../../campaigns/dashboard';
import type { ExportedCall, RowPages } from '../../exports/exportStore';
import type { Database } from '../schema';
import { callsAfter, filteredCalls, toCallAnalysis, toTool, toTurn } from './callRows';
import { toDashboardCall } from './dashboardStore';
import { EXPORT_PAGE_ROWS, keysetPages, streamedRows } from './keysetPages';

/**
 * A call's analysis as one JSON object with the columns toCallAnalysis reads (`fields` kept as its text), or NULL:
 * read in the row's own statement, so a page is one statement whose rows can be shaped and dropped one by one.
 */
export const analysisJson = (callId: RawBuilder<unknown>) =>
  sql<string | null>`(SELECT json_object('state', a.state, 'summary', a.summary, 'success', a.success, 'fields', a.fields, 'error', a.error, 'attempts', a.attempts)
    FROM call_analyses a WHERE a.call_id = ${callId})`;

/** The analysis analysisJson read. */
export const analysisFrom = (json: string | null): CallAnalysis | null => (json === null ? null : toCallAnalysis(JSON.parse(json) as Parameters<typeof toCallAnalysis>[0]));

/** The call's turns and tools as JSON arrays of the columns toTurn and toTool read, in the order the call detail shows them. */
const turnsJson = sql<string>`(SELECT json_group_array(json_object('speaker', t.speaker, 'text', t.text, 'offsetMs', t.offset_ms, 'interrupted', t.interrupted) ORDER BY t.offset_ms, t.seq)
  FROM call_turns t WHERE t.call_id = calls.id)`;
const toolsJson = sql<string>`(SELECT json_group_array(json_object('name', o.name, 'arguments', o.arguments, 'at', o.at, 'result', o.result) ORDER BY o.seq)
  FROM call_tools o WHERE o.call_id = calls.id)`;

/**
 * The calls a query's filters pick, newest first, a page at a time by keyset (the list's cursor), every call with
 * its names, transcript, tools and analysis read by subqueries of the page's one statement (subqueries, not joins:
 * they cannot turn the planner off the index that yields the calls in this order).
 */
export function callPages(db: Kysely<Database>, sqlite: BetterSqlite3.Database, teamId: string, filter: CallFilter): RowPages<ExportedCall> {
  const filtered = filteredCalls(db, teamId, filter);
  const page = (cursor: CallCursor | undefined) =>
    streamedRows(
      sqlite,
      callsAfter(filtered, cursor)
        .selectAll('calls')
        .select((eb) => [
          eb.selectFrom('campaigns').select('name').whereRef('campaigns.id', '=', 'calls.campaignId').as('campaignName'),
          eb.selectFrom('contacts').select('firstName').whereRef('contacts.id', '=', 'calls.contactId').as('contactFirstName'),
          eb.selectFrom('contacts').select('lastName').whereRef('contacts.id', '=', 'calls.contactId').as('contactLastName'),
          turnsJson.as('turns'),
          toolsJson.as('tools'),
          analysisJson(sql.ref('calls.id')).as('analysis'),
        ])
        .orderBy('startedAt', 'desc')
        .orderBy('seq', 'desc')
        .limit(EXPORT_PAGE_ROWS),
    );
  return keysetPages(
    page,
    (row) => ({ startedAt: row.startedAt, seq: row.seq }),
    // added to the call's object, not spread into a new one with them: V8 takes a slow path for that, some µs a row
    (row): ExportedCall =>
      Object.assign(publicCall(toDashboardCall(row)), {
        campaignName: row.campaignName ?? '',
        // as the calls list names them: a deleted contact leaves none
        contactName: row.contactFirstName === null ? null : `${row.contactFirstName} ${row.contactLastName}`.trim() || null,
        transcript: (JSON.parse(row.turns) as Parameters<typeof toTurn>[0][]).map(toTurn),
        tools: (JSON.parse(row.tools) as Parameters<typeof toTool>[0][]).map((tool) => shownTool(toTool(tool))),
        analysis: analysisFrom(row.analysis),
      }),
  );
}
