// A store whose queries Kysely writes alike for SQLite and PostgreSQL serves both engines from main/db/kysely; what
// differs (a JSON member, how a turn is numbered, how a missing call fails) each engine hands in.
import type { Kysely, Selectable } from 'kysely';
import type { CallStore, StoredCall } from '../../calls/callStore';
import { cappedTotal } from '../../crm/paging';
import type { CallTable, Database } from '../schema';
import { appendToolsWith, appendTurnsWith, type NextSeq } from './callConversation';
import { callsAfter, filteredCalls, TOOL_COLUMNS, toTool, toTurn, TURN_COLUMNS, type JsonMember } from './callRows';

/** The engine's own spellings the call store is built with. */
export interface CallSql {
  member: JsonMember;
  nextSeq: NextSeq;
  /** Whether a write failed for naming a call that is not there (its foreign key). */
  isMissingCall(error: unknown): boolean;
}

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
    amd: amdDecision === null ? null : { decision: amdDecision, ms: amdMs ?? 0, beep: amdBeep === null ? null : Boolean(amdBeep) },
    campaignName: campaignName.get(call.campaignId) ?? '',
    contactName: contactName.get(call.contactId) || null,
  }));
}

export function createCallStore(db: Kysely<Database>, { member, nextSeq, isMissingCall }: CallSql): CallStore {
  /** A write for a call that is not there, said as false. */
  async function forCall(write: () => Promise<unknown>): Promise<boolean> {
    try {
      await write();
      return true;
    } catch (error) {
      if (isMissingCall(error)) return false;
      throw error;
    }
  }

  return {
    /**
     * Each filter combination has an index that yields the rows in this order (on both engines), so neither
     * the page nor its count sorts or reads past what it needs.
     */
    async list(teamId, filter, { limit, offset, after }) {
      const filtered = filteredCalls(db, teamId, filter, member);
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

    recordTurn: (callId, turn) => forCall(() => appendTurnsWith(db, nextSeq, callId, [turn]).execute()),

    recordTool: (callId, tool) => forCall(() => appendToolsWith(db, nextSeq, callId, [tool]).execute()),
  };
}
