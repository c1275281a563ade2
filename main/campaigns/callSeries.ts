import type { Kysely } from 'kysely';
import { CALL_OUTCOMES, type CallOutcome, type CallSeries, type CallSeriesPoint } from '../../shared/campaigns/types';
import { iso } from '../db/instants';
import type { Database } from '../db/schema';

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

/**
 * A campaign's calls bucketed by start time and outcome. The span comes from two ends of the
 * calls_campaign_started index; the counts from one range scan of that index over the campaign's calls.
 */
export async function callSeries(db: Kysely<Database>, campaignId: string): Promise<CallSeries> {
  // one min() or max() per query: SQLite answers each from one end of the index
  const end = (fn: 'min' | 'max') =>
    db
      .selectFrom('calls')
      .select((eb) => eb.fn[fn]<number | null>('startedAt').as('at'))
      .where('campaignId', '=', campaignId)
      .executeTakeFirstOrThrow()
      .then((row) => row.at);
  const [firstStart, lastStart] = await Promise.all([end('min'), end('max')]);
  if (firstStart === null || lastStart === null) return { campaignId, bucketMinutes: 1, points: [] };
  const bucketMinutes = bucketMinutesFor(lastStart - firstStart);
  const bucketMs = bucketMinutes * MINUTE;
  const rows = await db
    .selectFrom('calls')
    .select((eb) => [
      // literals: a bound JS number is a REAL to SQLite, and integer division is what buckets the instants
      eb(eb('startedAt', '/', eb.lit(bucketMs)), '*', eb.lit(bucketMs)).as('bucket'),
      'outcome',
      eb.fn.countAll<number>().as('n'),
    ])
    .where('campaignId', '=', campaignId)
    .groupBy(['bucket', 'outcome'])
    .execute();
  const first = Math.floor(firstStart / bucketMs) * bucketMs;
  const count = Math.floor(lastStart / bucketMs) - first / bucketMs + 1;
  const points = Array.from({ length: count }, (_, i) => emptyPoint(first + i * bucketMs));
  for (const { bucket, outcome, n } of rows) {
    const point = points[(bucket - first) / bucketMs];
    if (outcome) point.outcomes[outcome] += n;
    else point.inProgress += n;
  }
  return { campaignId, bucketMinutes, points };
}
