import type BetterSqlite3 from 'better-sqlite3';
import type { DecisionsQuery } from '../../shared/compliance/schemas';
import type { ComplianceDecision } from '../../shared/compliance/types';
import type { Page } from '../../shared/crm/types';
import { AppError } from '../../shared/errors';
import type { TeamScope } from '../crm/context';
import { TOTAL_CAP } from '../crm/paging';
import { iso, isoOrNull } from '../db/instants';
import { csvLines } from '../exports/csv';
import type { DecisionRow } from './complianceStore';

type DecisionRecord = Omit<DecisionRow, 'teamId'>;

function toDecision(row: DecisionRecord): ComplianceDecision {
  return { ...row, at: iso(row.at), until: isoOrNull(row.until) };
}

const COLUMNS = `campaign_id AS campaignId, contact_id AS contactId, at, kind, rule, reason, until`;
const CSV_COLUMNS = ['at', 'contact_id', 'first_name', 'last_name', 'phone', 'kind', 'rule', 'reason', 'until'];

/** The audit trail: every skip and hold with its reason, newest first, per campaign or contact; CSV per campaign. */
export function createDecisionReader(sqlite: BetterSqlite3.Database) {
  const q = {
    campaign: sqlite.prepare<[string, string]>(`SELECT 1 FROM campaigns WHERE id = ? AND team_id = ? AND deleted_at IS NULL`),
    byCampaign: sqlite.prepare<[string, number, number], DecisionRecord>(
      `SELECT ${COLUMNS} FROM compliance_decisions WHERE campaign_id = ? ORDER BY at DESC, seq DESC LIMIT ? OFFSET ?`,
    ),
    countByCampaign: sqlite.prepare<[string, number], { n: number }>(
      `SELECT count(*) AS n FROM (SELECT 1 FROM compliance_decisions WHERE campaign_id = ? LIMIT ?)`,
    ),
    byContact: sqlite.prepare<[string, string, number, number], DecisionRecord>(
      `SELECT ${COLUMNS} FROM compliance_decisions WHERE campaign_id = ? AND contact_id = ? ORDER BY at DESC, seq DESC LIMIT ? OFFSET ?`,
    ),
    countByContact: sqlite.prepare<[string, string, number], { n: number }>(
      `SELECT count(*) AS n FROM (SELECT 1 FROM compliance_decisions WHERE campaign_id = ? AND contact_id = ? LIMIT ?)`,
    ),
    allOfCampaign: sqlite.prepare<[string], DecisionRecord>(`SELECT ${COLUMNS} FROM compliance_decisions WHERE campaign_id = ? ORDER BY at, seq`),
    latest: sqlite.prepare<[string, string], DecisionRecord>(
      `SELECT ${COLUMNS} FROM compliance_decisions WHERE campaign_id = ? AND contact_id = ? ORDER BY at DESC, seq DESC LIMIT 1`,
    ),
    csvRows: sqlite.prepare<[string], Record<string, unknown>>(
      `SELECT d.at, d.contact_id, c.first_name, c.last_name, c.phone, d.kind, d.rule, d.reason, d.until
       FROM compliance_decisions d LEFT JOIN contacts c ON c.id = d.contact_id
       WHERE d.campaign_id = ? ORDER BY d.at, d.seq`,
    ),
  };

  function assertCampaign(team: TeamScope, campaignId: string): void {
    if (!q.campaign.get(campaignId, team.teamId)) throw AppError.notFound('Campaign', campaignId);
  }

  return {
    list(team: TeamScope, query: DecisionsQuery): Page<ComplianceDecision> {
      assertCampaign(team, query.campaignId);
      const { campaignId, contactId, limit, offset } = query;
      const rows = contactId ? q.byContact.all(campaignId, contactId, limit, offset) : q.byCampaign.all(campaignId, limit, offset);
      const n = (contactId ? q.countByContact.get(campaignId, contactId, TOTAL_CAP + 1) : q.countByCampaign.get(campaignId, TOTAL_CAP + 1))!.n;
      return { items: rows.map(toDecision), total: Math.min(n, TOTAL_CAP), totalIsCapped: n > TOTAL_CAP, limit, offset };
    },

    /** For a page of the monitoring queue: each contact's latest decision (one index probe each), by contact id. */
    latestOf(campaignId: string, contactIds: readonly string[]): Record<string, ComplianceDecision> {
      const out: Record<string, ComplianceDecision> = {};
      for (const contactId of contactIds) {
        const row = q.latest.get(campaignId, contactId);
        if (row) out[contactId] = toDecision(row);
      }
      return out;
    },

    /** Every decision of a campaign, oldest first (a simulation's output). */
    all(campaignId: string): ComplianceDecision[] {
      return q.allOfCampaign.all(campaignId).map(toDecision);
    },

    /** Every decision of a campaign, oldest first, as CSV (instants in ISO-8601 UTC). */
    csv(team: TeamScope, campaignId: string): string {
      assertCampaign(team, campaignId);
      const rows: Record<string, unknown>[] = q.csvRows.all(campaignId).map((row) => ({ ...row, at: iso(row.at as number), until: isoOrNull(row.until as number | null) }));
      return csvLines([CSV_COLUMNS, ...rows.map((row) => CSV_COLUMNS.map((column) => row[column] as string | number | null))]);
    },
  };
}

export type DecisionReader = ReturnType<typeof createDecisionReader>;
