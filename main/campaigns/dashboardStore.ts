import type { Call, CallOutcome } from '../../shared/campaigns/types';

/** A call of the campaign as kept: instants in UTC ms. */
export interface DashboardCall extends Omit<Call, 'startedAt' | 'answeredAt' | 'endedAt'> {
  startedAt: number;
  answeredAt: number | null;
  endedAt: number | null;
}

/** A running count of the campaign's, kept as the calls and enrolments change: `kind:name` (status:pending, outcome:answered, …). */
export interface CampaignCounter {
  key: string;
  n: number;
}

/** How many calls of one outcome (null: still in progress) started in the bucket starting at `bucket` (UTC ms). */
export interface CallBucket {
  bucket: number;
  outcome: CallOutcome | null;
  n: number;
}

/** What the campaign monitor reads; every engine implements it. */
export interface DashboardStore {
  counters(campaignId: string): Promise<CampaignCounter[]>;
  /** The calls in progress, and the latest `recent` ended ones, newest first. */
  calls(campaignId: string, recent: number): Promise<{ inProgress: DashboardCall[]; recent: DashboardCall[] }>;
  /** The earliest next attempt of the campaign's pending contacts, or null when none is pending. */
  earliestPendingAttempt(campaignId: string): Promise<number | null>;
  /** Until when the latest campaign-wide legal-hours hold still ending after `now` holds, or null. */
  legalHoldUntil(campaignId: string, now: number): Promise<number | null>;
  /** The first and last start of the campaign's calls, or null when it has none. */
  callSpan(campaignId: string): Promise<{ first: number; last: number } | null>;
  /** The campaign's calls counted per bucket of `bucketMs` and outcome (empty buckets left out). */
  callBuckets(campaignId: string, bucketMs: number): Promise<CallBucket[]>;
}
