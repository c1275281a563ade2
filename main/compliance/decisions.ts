import type { DecisionsQuery } from '../../shared/compliance/schemas';
import type { ComplianceDecision } from '../../shared/compliance/types';
import type { Page } from '../../shared/crm/types';
import { AppError } from '../../shared/errors';
import type { TeamScope } from '../crm/context';
import { TOTAL_CAP } from '../crm/paging';
import { iso, isoOrNull } from '../db/instants';
import { csvLines, type CsvCell } from '../exports/csv';
import type { DecisionStore, StoredDecision, TrailEntry } from './decisionStore';

function toDecision(decision: StoredDecision): ComplianceDecision {
  return { ...decision, at: iso(decision.at), until: isoOrNull(decision.until) };
}

const CSV_COLUMNS = ['at', 'contact_id', 'first_name', 'last_name', 'phone', 'kind', 'rule', 'reason', 'until'];

function csvRow({ decision: d, contact }: TrailEntry): CsvCell[] {
  return [iso(d.at), d.contactId, contact?.firstName, contact?.lastName, contact?.phone, d.kind, d.rule, d.reason, isoOrNull(d.until)];
}

/** The audit trail: every skip and hold with its reason, newest first, per campaign or contact; CSV per campaign. */
export function createDecisionReader(store: DecisionStore) {
  async function assertCampaign(team: TeamScope, campaignId: string): Promise<void> {
    if (!(await store.hasCampaign(team.teamId, campaignId))) throw AppError.notFound('Campaign', campaignId);
  }

  return {
    async list(team: TeamScope, query: DecisionsQuery): Promise<Page<ComplianceDecision>> {
      await assertCampaign(team, query.campaignId);
      const { campaignId, contactId, limit, offset } = query;
      const found = await store.page(campaignId, { contactId, limit, offset, countUpTo: TOTAL_CAP + 1 });
      return { items: found.items.map(toDecision), total: Math.min(found.total, TOTAL_CAP), totalIsCapped: found.total > TOTAL_CAP, limit, offset };
    },

    /** For a page of the monitoring queue: each contact's latest decision, by contact id. */
    async latestOf(campaignId: string, contactIds: readonly string[]): Promise<Record<string, ComplianceDecision>> {
      const latest = await store.latestOf(campaignId, contactIds);
      return Object.fromEntries([...latest].map(([contactId, decision]) => [contactId, toDecision(decision)]));
    },

    /** Every decision of a campaign, oldest first (a simulation's output). */
    async all(campaignId: string): Promise<ComplianceDecision[]> {
      const decisions: ComplianceDecision[] = [];
      for await (const { decision } of store.trail(campaignId)) decisions.push(toDecision(decision));
      return decisions;
    },

    /** Every decision of a campaign, oldest first, as CSV (instants in ISO-8601 UTC). */
    async csv(team: TeamScope, campaignId: string): Promise<string> {
      await assertCampaign(team, campaignId);
      const rows: CsvCell[][] = [CSV_COLUMNS];
      for await (const entry of store.trail(campaignId)) rows.push(csvRow(entry));
      return csvLines(rows);
    },
  };
}

export type DecisionReader = ReturnType<typeof createDecisionReader>;
