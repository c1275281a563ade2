import type { Kysely, Selectable } from 'kysely';
import { AMD_DECISIONS, type AmdDecisionKind } from '../../shared/campaigns/amdSettings';
import { campaignKpis } from '../../shared/campaigns/kpis';
import { CALL_OUTCOMES, SKIP_REASONS, type Call, type CallOutcome, type CallSeries, type CampaignDashboard, type EnrolmentStatus, type SkipReason } from '../../shared/campaigns/types';
import { iso, isoOrNull } from '../db/instants';
import type { CallTable, Database } from '../db/schema';
import type { TeamScope } from '../crm/context';
import { callSeries } from './callSeries';
import type { CampaignService } from './campaignService';
import { dialingHold } from './dialingHold';

const RECENT_CALLS = 20;

export function toCall(row: Selectable<CallTable>): Call {
  return {
    id: row.id,
    campaignId: row.campaignId,
    contactId: row.contactId,
    fromNumber: row.fromNumber,
    toNumber: row.toNumber,
    attempt: row.attempt,
    outcome: row.outcome,
    startedAt: iso(row.startedAt),
    answeredAt: isoOrNull(row.answeredAt),
    endedAt: isoOrNull(row.endedAt),
    durationSeconds: row.durationSeconds,
    error: row.error,
    amd: row.amdDecision === null ? null : { decision: row.amdDecision, ms: row.amdMs ?? 0, beep: row.amdBeep === null ? null : row.amdBeep === 1 },
  };
}

export function createDashboardService(db: Kysely<Database>, campaigns: CampaignService, now: () => number = Date.now) {
  return {
    /** The monitor's figures for one campaign: counters kept by triggers (migrations 006 and 015), so O(1) at any size. */
    async dashboard(team: TeamScope, campaignId: string): Promise<CampaignDashboard> {
      const campaign = await campaigns.get(team, campaignId);
      const stats = await db.selectFrom('campaignStats').select(['key', 'n']).where('campaignId', '=', campaignId).execute();
      const outcomes = Object.fromEntries(CALL_OUTCOMES.map((o) => [o, 0])) as Record<CallOutcome, number>;
      const counts: Record<EnrolmentStatus, number> = { pending: 0, calling: 0, completed: 0, failed: 0, skipped: 0 };
      const skips = Object.fromEntries(SKIP_REASONS.map((r) => [r, 0])) as Record<SkipReason, number>;
      const amd = Object.fromEntries(AMD_DECISIONS.map((d) => [d, 0])) as Record<AmdDecisionKind, number>;
      for (const { key, n } of stats) {
        const [kind, name] = key.split(':') as [string, string];
        if (kind === 'status') counts[name as EnrolmentStatus] = n;
        else if (kind === 'skip') skips[name as SkipReason] = n;
        else if (kind === 'outcome') outcomes[name as CallOutcome] = n;
        else if (kind === 'amd') amd[name as AmdDecisionKind] = n;
      }
      const [inProgress, recent] = await Promise.all([
        db.selectFrom('calls').selectAll().where('campaignId', '=', campaignId).where('status', '!=', 'ended').orderBy('startedAt', 'desc').execute(),
        db.selectFrom('calls').selectAll().where('campaignId', '=', campaignId).where('status', '=', 'ended').orderBy('startedAt', 'desc').limit(RECENT_CALLS).execute(),
      ]);
      const hold = await dialingHold(db, campaign, { pending: counts.pending, calling: counts.calling, callsInProgress: inProgress.length }, now());
      return {
        campaignId,
        status: campaign.status,
        ...campaignKpis(counts, outcomes, skips),
        outcomes,
        amd,
        skips,
        callsInProgress: inProgress.map(toCall),
        recentCalls: recent.map(toCall),
        ...hold,
      };
    },

    async callSeries(team: TeamScope, campaignId: string): Promise<CallSeries> {
      await campaigns.get(team, campaignId);
      return callSeries(db, campaignId);
    },
  };
}

export type DashboardService = ReturnType<typeof createDashboardService>;
