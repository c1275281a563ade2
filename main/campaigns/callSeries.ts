import { CALL_OUTCOMES, type CallOutcome, type CallSeries, type CallSeriesPoint } from '../../shared/campaigns/types';
import { iso } from '../db/instants';
import type { DashboardStore } from './dashboardStore';

const MINUTE = 60_000;
/** Bucket sizes to choose from, in minutes: the smallest that keeps the chart at most MAX_POINTS wide. */
const BUCKET_MINUTES = [1, 5, 15, 60, 360, 1440, 10_080];
const MAX_POINTS = 120;

/** The smallest bucket that covers `spanMs` in at most MAX_POINTS buckets. */
export function bucketMinutesFor(spanMs: number): number {
  return BUCKET_MINUTES.find((m) => spanMs / (m * MINUTE) < MAX_POINTS) ?? BUCKET_MINUTES[BUCKET_MINUTES.length - 1];
}

function emptyPoint(at: number): CallSeriesPoint {
  return { at: iso(at), outcomes: Object.fromEntries(CALL_OUTCOMES.map((o) => [o, 0])) as Record<CallOutcome, number>, inProgress: 0 };
}

/** A campaign's calls bucketed by start time and outcome, from the span of their starts and one grouped count. */
export async function callSeries(store: Pick<DashboardStore, 'callSpan' | 'callBuckets'>, campaignId: string): Promise<CallSeries> {
  const span = await store.callSpan(campaignId);
  if (span === null) return { campaignId, bucketMinutes: 1, points: [] };
  const bucketMinutes = bucketMinutesFor(span.last - span.first);
  const bucketMs = bucketMinutes * MINUTE;
  const rows = await store.callBuckets(campaignId, bucketMs);
  const first = Math.floor(span.first / bucketMs) * bucketMs;
  const count = Math.floor(span.last / bucketMs) - first / bucketMs + 1;
  const points = Array.from({ length: count }, (_, i) => emptyPoint(first + i * bucketMs));
  for (const { bucket, outcome, n } of rows) {
    const point = points[(bucket - first) / bucketMs];
    if (outcome) point.outcomes[outcome] += n;
    else point.inProgress += n;
  }
  return { campaignId, bucketMinutes, points };
}
