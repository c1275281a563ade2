import type { Campaign, CampaignDashboard } from '../../shared/campaigns/types';
import { isInWindow, nextTimeInWindow } from '../../shared/time/callWindow';
import { isoOrNull } from '../db/instants';
import type { DashboardStore } from './dashboardStore';

type Hold = Pick<CampaignDashboard, 'heldUntil' | 'heldBy'>;
const NOT_HELD: Hold = { heldUntil: null, heldBy: null };

/**
 * Why a running campaign with pending contacts dials nothing, and until when. Reads the earliest next attempt of
 * its pending contacts and at most the latest campaign-wide legal-hours hold, so O(log n) at any size.
 * The window is the campaign's own: with `useContactTimezone`, contacts in other zones may open at other times.
 */
export async function dialingHold(
  store: Pick<DashboardStore, 'earliestPendingAttempt' | 'legalHoldUntil'>,
  campaign: Pick<Campaign, 'id' | 'status' | 'callWindowStart' | 'callWindowEnd' | 'callWindowTimezone' | 'callDays' | 'useContactTimezone'>,
  busy: { pending: number; calling: number; callsInProgress: number },
  now: number,
): Promise<Hold> {
  if (campaign.status !== 'running' || busy.pending === 0 || busy.calling > 0 || busy.callsInProgress > 0) return NOT_HELD;
  const due = Math.max(now, (await store.earliestPendingAttempt(campaign.id)) ?? now);
  const window = { start: campaign.callWindowStart, end: campaign.callWindowEnd, days: campaign.callDays };
  const zones = [campaign.callWindowTimezone];
  if (!isInWindow(now, campaign.callWindowTimezone, window)) return { heldBy: 'call_window', heldUntil: isoOrNull(nextTimeInWindow(due, zones, window)) };
  if (due > now) return { heldBy: 'retry', heldUntil: isoOrNull(campaign.useContactTimezone ? due : nextTimeInWindow(due, zones, window)) };
  // contacts are due and the window is open: the dialer held their zones for legal hours (its audit row says until when)
  const legalUntil = await store.legalHoldUntil(campaign.id, now);
  return legalUntil !== null ? { heldBy: 'legal_hours', heldUntil: isoOrNull(legalUntil) } : NOT_HELD;
}
