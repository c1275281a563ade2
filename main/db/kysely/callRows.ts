// Queries Kysely writes alike for SQLite and PostgreSQL live in main/db/kysely. The calls list's filters and the shapes
// of its rows, shared by the call store on both engines and the exports, which read the same calls a page at a time.
import type { ExpressionBuilder, Kysely, RawBuilder, Selectable } from 'kysely';
import type { CallAnalysis, FieldValue } from '../../../shared/analysis/collect';
import type { CallCursor } from '../../../shared/calls/schemas';
import type { TranscriptTurn } from '../../../shared/calls/types';
import type { CallFilter, StoredTool } from '../../calls/callStore';
import { readJson } from '../../crm/json';
import type { CallAnalysisTable, CallToolTable, CallTurnTable, Database } from '../schema';

/** One member of a JSON text column as JSON text ('"a"', '12', 'true'), or NULL when it has none: each engine spells it its own way. */
export type JsonMember = (column: string, key: string) => RawBuilder<string | null>;

/** The calls a filter picks (not yet ordered or paged): a campaign's by campaign (its team checked by the caller), the rest by team. */
export function filteredCalls(db: Kysely<Database>, teamId: string, filter: CallFilter, member: JsonMember) {
  let filtered = db.selectFrom('calls');
  filtered = filter.campaignId ? filtered.where('campaignId', '=', filter.campaignId) : filtered.where('teamId', '=', teamId);
  if (filter.outcome) filtered = filtered.where('outcome', '=', filter.outcome);
  if (filter.from !== undefined) filtered = filtered.where('startedAt', '>=', filter.from);
  if (filter.to !== undefined) filtered = filtered.where('startedAt', '<', filter.to);
  if (filter.success !== undefined || filter.field !== undefined) filtered = filtered.where((eb) => eb.exists(analysedAs(eb, filter, member)));
  return filtered;
}

/** Those of the calls that come after a cursor, newest first. */
export const callsAfter = (filtered: ReturnType<typeof filteredCalls>, cursor: CallCursor | undefined) =>
  cursor ? filtered.where((eb) => eb(eb.refTuple('startedAt', 'seq'), '<', eb.tuple(cursor.startedAt, cursor.seq))) : filtered;

/** The value as its field's JSON holds it: text quoted, and a number or true/false also as such. */
const jsonForms = (value: string) => [JSON.stringify(value), ...(/^(true|false|-?\d+(\.\d+)?)$/.test(value) ? [String(JSON.parse(value))] : [])];

/** The analysed calls matching the filter's success and field filters (correlated to the outer call row). */
function analysedAs(eb: ExpressionBuilder<Database, 'calls'>, { success, field, value }: CallFilter, member: JsonMember) {
  let matching = eb.selectFrom('callAnalyses').select('callAnalyses.callId').whereRef('callAnalyses.callId', '=', 'calls.id').where('callAnalyses.state', '=', 'done');
  // 1/0: SQLite's flag, and a boolean's text PostgreSQL takes
  if (success !== undefined) matching = matching.where('callAnalyses.success', '=', success ? 1 : 0);
  if (field !== undefined && value !== undefined) matching = matching.where(member('call_analyses.fields', field), 'in', jsonForms(value));
  return matching;
}

/** The columns of a stored turn and tool call that their domain forms are made from. */
export const TURN_COLUMNS = ['speaker', 'text', 'offsetMs', 'interrupted'] as const;
export const TOOL_COLUMNS = ['name', 'arguments', 'at', 'result'] as const;

// flags read as truthy: 0/1 from SQLite, booleans from PostgreSQL
export const toTurn = (row: Pick<Selectable<CallTurnTable>, (typeof TURN_COLUMNS)[number]>): TranscriptTurn => ({ speaker: row.speaker, text: row.text, offsetMs: row.offsetMs, interrupted: Boolean(row.interrupted) });

export const toTool = (row: Pick<Selectable<CallToolTable>, (typeof TOOL_COLUMNS)[number]>): StoredTool => ({
  name: row.name,
  arguments: JSON.parse(row.arguments) as Record<string, unknown>,
  at: row.at,
  result: row.result,
});

export const toCallAnalysis = (row: Pick<Selectable<CallAnalysisTable>, 'state' | 'summary' | 'success' | 'fields' | 'error' | 'attempts'>): CallAnalysis => ({
  state: row.state,
  summary: row.summary,
  success: row.success === null ? null : Boolean(row.success),
  fields: readJson<Record<string, FieldValue>>(row.fields, {}),
  error: row.error,
  attempts: row.attempts,
});
