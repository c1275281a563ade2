import { sql, type ExpressionBuilder, type Kysely, type Selectable } from 'kysely';
import { callCursorText, type CallCursor, type CallsQuery } from '../../shared/calls/schemas';
import type { CallPage, CallSummary } from '../../shared/calls/types';
import { toCall } from '../campaigns/dashboard';
import type { TeamScope } from '../crm/context';
import { cappedTotal } from '../crm/paging';
import type { CallTable, Database } from '../db/schema';

const distinct = (ids: string[]) => [...new Set(ids)];

/**
 * Calls with the names of their campaigns and contacts (a deleted contact leaves none), looked up by id for
 * the calls at hand: joined into the list query instead, the planner could walk campaigns first and sort.
 */
export async function withNames(db: Kysely<Database>, rows: Selectable<CallTable>[]): Promise<CallSummary[]> {
  if (rows.length === 0) return [];
  const [campaigns, contacts] = await Promise.all([
    db.selectFrom('campaigns').select(['id', 'name']).where('id', 'in', distinct(rows.map((r) => r.campaignId))).execute(),
    db.selectFrom('contacts').select(['id', 'firstName', 'lastName']).where('id', 'in', distinct(rows.map((r) => r.contactId))).execute(),
  ]);
  const campaignName = new Map(campaigns.map((c) => [c.id, c.name]));
  const contactName = new Map(contacts.map((c) => [c.id, `${c.firstName} ${c.lastName}`.trim()]));
  return rows.map((row) => ({ ...toCall(row), campaignName: campaignName.get(row.campaignId) ?? '', contactName: contactName.get(row.contactId) || null }));
}

/** One call of the team with its names, or undefined. */
export async function callSummary(db: Kysely<Database>, team: TeamScope, id: string): Promise<CallSummary | undefined> {
  const row = await db.selectFrom('calls').selectAll().where('id', '=', id).where('teamId', '=', team.teamId).executeTakeFirst();
  return row && (await withNames(db, [row]))[0];
}

/** The calls a query's filters pick (not yet ordered or paged). */
export function filteredCalls(db: Kysely<Database>, team: TeamScope, query: Pick<CallsQuery, 'campaignId' | 'outcome' | 'from' | 'to' | 'success' | 'field' | 'value'>) {
  let filtered = db.selectFrom('calls');
  filtered = query.campaignId ? filtered.where('campaignId', '=', query.campaignId) : filtered.where('teamId', '=', team.teamId);
  if (query.outcome) filtered = filtered.where('outcome', '=', query.outcome);
  if (query.from !== undefined) filtered = filtered.where('startedAt', '>=', query.from);
  if (query.to !== undefined) filtered = filtered.where('startedAt', '<', query.to);
  if (query.success !== undefined || query.field !== undefined) filtered = filtered.where((eb) => eb.exists(analysedAs(eb, query)));
  return filtered;
}

/** Those of the calls that come after a cursor, newest first. */
export const callsAfter = (filtered: ReturnType<typeof filteredCalls>, cursor: CallCursor | undefined) =>
  cursor ? filtered.where((eb) => eb(eb.refTuple('startedAt', 'seq'), '<', eb.tuple(cursor.startedAt, cursor.seq))) : filtered;

/** The value as its field's JSON holds it: text quoted, and a number or true/false also as such. */
const jsonForms = (value: string) => [JSON.stringify(value), ...(/^(true|false|-?\d+(\.\d+)?)$/.test(value) ? [String(JSON.parse(value))] : [])];

/** The analysed calls matching the query's success and field filters (correlated to the outer call row). */
function analysedAs(eb: ExpressionBuilder<Database, 'calls'>, { success, field, value }: Pick<CallsQuery, 'success' | 'field' | 'value'>) {
  let matching = eb.selectFrom('callAnalyses').select('callAnalyses.callId').whereRef('callAnalyses.callId', '=', 'calls.id').where('callAnalyses.state', '=', 'done');
  if (success !== undefined) matching = matching.where('callAnalyses.success', '=', success ? 1 : 0);
  if (field !== undefined && value !== undefined) matching = matching.where(sql`fields -> ${`$.${field}`}`, 'in', jsonForms(value));
  return matching;
}

/**
 * A page of calls, newest first (by start, then by the order they were placed). A campaign's calls are found
 * by campaign (its team was checked by the caller), the rest by team; each filter combination has an index
 * that yields the rows in this order (migrations 004 and 017), so neither the page nor its count sorts or
 * reads past what it needs.
 */
export async function listCalls(db: Kysely<Database>, team: TeamScope, query: CallsQuery): Promise<CallPage> {
  const filtered = filteredCalls(db, team, query);
  const after = callsAfter(filtered, query.cursor);
  const [rows, counted] = await Promise.all([
    after.selectAll().orderBy('startedAt', 'desc').orderBy('seq', 'desc').limit(query.limit).offset(query.offset).execute(),
    cappedTotal(db, filtered),
  ]);
  const last = rows.length === query.limit ? rows[rows.length - 1] : undefined;
  return {
    items: await withNames(db, rows),
    ...counted,
    limit: query.limit,
    offset: query.offset,
    nextCursor: last ? callCursorText({ startedAt: last.startedAt, seq: last.seq }) : null,
  };
}
