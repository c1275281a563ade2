// SQL for the embedded engine lives in main/db/sqlite, implementing the interfaces the features declare.
import type BetterSqlite3 from 'better-sqlite3';
import type { DecisionStore, StoredDecision, TrailEntry } from '../../compliance/decisionStore';

const DECISION = `d.campaign_id AS campaignId, d.contact_id AS contactId, d.at, d.kind, d.rule, d.reason, d.until`;
/** Decisions per query of a trail: a batch in memory at a time, and no statement left open between batches. */
const TRAIL_BATCH = 1000;

interface TrailRow extends StoredDecision {
  seq: number;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
}

const entryOf = ({ seq: _seq, firstName, lastName, phone, ...decision }: TrailRow): TrailEntry => ({
  decision,
  contact: firstName === null ? null : { firstName, lastName: lastName!, phone },
});

/** The audit trail's reads, each prepared once (the monitoring queue asks for a page's latest decisions per refresh). */
export function createSqliteDecisionStore(sqlite: BetterSqlite3.Database): DecisionStore {
  const q = {
    campaign: sqlite.prepare<[string, string]>(`SELECT 1 FROM campaigns WHERE team_id = ? AND id = ? AND deleted_at IS NULL`),
    byCampaign: sqlite.prepare<[string, number, number], StoredDecision>(
      `SELECT ${DECISION} FROM compliance_decisions d WHERE d.campaign_id = ? ORDER BY d.at DESC, d.seq DESC LIMIT ? OFFSET ?`,
    ),
    countByCampaign: sqlite.prepare<[string, number], { n: number }>(
      `SELECT count(*) AS n FROM (SELECT 1 FROM compliance_decisions WHERE campaign_id = ? LIMIT ?)`,
    ),
    byContact: sqlite.prepare<[string, string, number, number], StoredDecision>(
      `SELECT ${DECISION} FROM compliance_decisions d WHERE d.campaign_id = ? AND d.contact_id = ? ORDER BY d.at DESC, d.seq DESC LIMIT ? OFFSET ?`,
    ),
    countByContact: sqlite.prepare<[string, string, number], { n: number }>(
      `SELECT count(*) AS n FROM (SELECT 1 FROM compliance_decisions WHERE campaign_id = ? AND contact_id = ? LIMIT ?)`,
    ),
    latest: sqlite.prepare<[string, string], StoredDecision>(
      `SELECT ${DECISION} FROM compliance_decisions d WHERE d.campaign_id = ? AND d.contact_id = ? ORDER BY d.at DESC, d.seq DESC LIMIT 1`,
    ),
    // keyset paging on (at, seq): each batch starts where the last one ended, however many came before
    trail: sqlite.prepare<[string, number, number, number], TrailRow>(
      `SELECT ${DECISION}, d.seq, c.first_name AS firstName, c.last_name AS lastName, c.phone
       FROM compliance_decisions d LEFT JOIN contacts c ON c.id = d.contact_id
       WHERE d.campaign_id = ? AND (d.at, d.seq) > (?, ?) ORDER BY d.at, d.seq LIMIT ?`,
    ),
  };

  return {
    hasCampaign: async (teamId, campaignId) => q.campaign.get(teamId, campaignId) !== undefined,

    async page(campaignId, { contactId, limit, offset, countUpTo }) {
      if (contactId === undefined) {
        return { items: q.byCampaign.all(campaignId, limit, offset), total: q.countByCampaign.get(campaignId, countUpTo)!.n };
      }
      return { items: q.byContact.all(campaignId, contactId, limit, offset), total: q.countByContact.get(campaignId, contactId, countUpTo)!.n };
    },

    async latestOf(campaignId, contactIds) {
      const latest = new Map<string, StoredDecision>();
      for (const contactId of contactIds) {
        const row = q.latest.get(campaignId, contactId);
        if (row) latest.set(contactId, row);
      }
      return latest;
    },

    async *trail(campaignId) {
      let after = { at: Number.MIN_SAFE_INTEGER, seq: 0 };
      for (;;) {
        const rows = q.trail.all(campaignId, after.at, after.seq, TRAIL_BATCH);
        yield* rows.map(entryOf);
        if (rows.length < TRAIL_BATCH) return;
        after = rows[rows.length - 1];
      }
    },
  };
}
