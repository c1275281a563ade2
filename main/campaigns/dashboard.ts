import { AMD_DECISIONS, type AmdDecisionKind } from '../../shared/campaigns/amdSettings';
import { campaignKpis } from '../../shared/campaigns/kpis';
import { CALL_OUTCOMES, SKIP_REASONS, type Call, type CallOutcome, type CallSeries, type CampaignDashboard, type EnrolmentStatus, type SkipReason } from '../../shared/campaigns/types';
import { iso, isoOrNull } from '../db/instants';
import type { TeamScope } from '../crm/context';
import { callSeries } from './callSeries';
import type { CampaignService } from './campaignService';
import type { DashboardCall, DashboardStore } from './dashboardStore';
import { dialingHold } from './dialingHold';

const RECENT_CALLS = 20;

/** A kept call as the app answers with it (the monitor, and the calls export): instants as ISO strings. */
export function publicCall(call: DashboardCall): Call {
  return { ...call, startedAt: iso(call.startedAt), answeredAt: isoOrNull(call.answeredAt), endedAt: isoOrNull(call.endedAt) };
}

export function createDashboardService(store: DashboardStore, campaigns: CampaignService, now: () => number = Date.now) {
  return {
    /** The monitor's figures for one campaign: counters kept by triggers (migrations 006 and 015), so O(1) at any size. */
    async dashboard(team: TeamScope, campaignId: string): Promise<CampaignDashboard> {
      const campaign = await campaigns.get(team, campaignId);
      const stats = await store.counters(campaignId);
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
      const { inProgress, recent } = await store.calls(campaignId, RECENT_CALLS);
      const hold = await dialingHold(store, campaign, { pending: counts.pending, calling: counts.calling, callsInProgress: inProgress.length }, now());
      return {
        campaignId,
        status: campaign.status,
        ...campaignKpis(counts, outcomes, skips),
        outcomes,
        amd,
        skips,
        callsInProgress: inProgress.map(publicCall),
        recentCalls: recent.map(publicCall),
        ...hold,
      };
    },

    async callSeries(team: TeamScope, campaignId: string): Promise<CallSeries> {
      await campaigns.get(team, campaignId);
      return callSeries(store, campaignId);
    },
  };
}

export type DashboardService = ReturnType<typeof createDashboardService>;
