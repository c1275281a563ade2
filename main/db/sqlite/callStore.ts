// SQL for the embedded engine lives in main/db/sqlite, implementing the interfaces the features declare.
import type { Kysely, Selectable } from 'kysely';
import type { CallStore, StoredCall } from '../../calls/callStore';
import { cappedTotal } from '../../crm/paging';
import type { CallTable, Database } from '../schema';
import { appendTools, appendTurns } from './callConversation';
import { callsAfter, filteredCalls, TOOL_COLUMNS, toTool, toTurn, TURN_COLUMNS } from './callRows';

const distinct = (ids: string[]) => [...new Set(ids)];

/** The columns a stored call is made from. */
const CALL_COLUMNS = ['id', 'seq', 'campaignId', 'contactId', 'fromNumber', 'toNumber', 'attempt', 'outcome', 'startedAt', 'answeredAt', 'endedAt', 'durationSeconds', 'error', 'amdDecision', 'amdMs', 'amdBeep'] as const;
type CallRow = Pick<Selectable<CallTable>, (typeof CALL_COLUMNS)[number]>;

/**
 * Calls with the names of their campaigns and contacts (a deleted contact leaves none), looked up by id for
 * the calls at hand: joined into the list query instead, the planner could walk campaigns first and sort.
 */
async function withNames(db: Kysely<Database>, rows: CallRow[]): Promise<StoredCall[]> {
  if (rows.length === 0) return [];
  const [campaigns, contacts] = await Promise.all([
    db.selectFrom('campaigns').select(['id', 'name']).where('id', 'in', distinct(rows.map((r) => r.campaignId))).execute(),
    db.selectFrom('contacts').select(['id', 'firstName', 'lastName']).where('id', 'in', distinct(rows.map((r) => r.contactId))).execute(),
  ]);
  const campaignName = new Map(campaigns.map((c) => [c.id, c.name]));
  const contactName = new Map(contacts.map((c) => [c.id, `${c.firstName} ${c.lastName}`.trim()]));
  return rows.map(({ amdDecision, amdMs, amdBeep, ...call }) => ({
    ...call,
    amd: amdDecision === null ? null : { decision: amdDecision, ms: amdMs ?? 0, beep: amdBeep === null ? null : amdBeep === 1 },
    campaignName: campaignName.get(call.campaignId) ?? '',
    contactName: contactName.get(call.contactId) || null,
  }));
}

/** A write for a call that is not there: SQLite's foreign-key failure, said as false. */
async function forCall(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return false;
    throw error;
  }
}

export function createSqliteCallStore(db: Kysely<Database>): CallStore {
  return {
    /**
     * Each filter combination has an index that yields the rows in this order (migrations 004 and 017), so neither
     * the page nor its count sorts or reads past what it needs.
     */
    async list(teamId, filter, { limit, offset, after }) {
      const filtered = filteredCalls(db, teamId, filter);
      const [rows, counted] = await Promise.all([
        callsAfter(filtered, after).select(CALL_COLUMNS).orderBy('startedAt', 'desc').orderBy('seq', 'desc').limit(limit).offset(offset).execute(),
        cappedTotal(db, filtered),
      ]);
      const last = rows.length === limit ? rows[rows.length - 1] : undefined;
      return { items: await withNames(db, rows), ...counted, next: last ? { startedAt: last.startedAt, seq: last.seq } : null };
    },

    async call(teamId, id) {
      const row = await db.selectFrom('calls').select(CALL_COLUMNS).where('id', '=', id).where('teamId', '=', teamId).executeTakeFirst();
      return row && (await withNames(db, [row]))[0];
    },

    transcript: async (callId) => (await db.selectFrom('callTurns').select(TURN_COLUMNS).where('callId', '=', callId).orderBy('offsetMs').orderBy('seq').execute()).map(toTurn),

    tools: async (callId) => (await db.selectFrom('callTools').select(TOOL_COLUMNS).where('callId', '=', callId).orderBy('seq').execute()).map(toTool),

    recordTurn: (callId, turn) => forCall(() => appendTurns(db, callId, [turn]).execute()),

    recordTool: (callId, tool) => forCall(() => appendTools(db, callId, [tool]).execute()),
  };
}
