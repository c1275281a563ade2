import { STATE_RULES } from './statePresets';
import type { UsState } from './usStates';

export const DAY_MS = 86_400_000;

/** A limit on attempts to one number in any rolling 24 hours, and who sets it. */
export interface RollingCap {
  limit: number;
  /** A state code, or 'campaign'. */
  by: string;
}

/** The strictest of the campaign's cap (null = none) and the caps of the matched states; null when none applies. */
export function strictestCap(states: readonly UsState[], campaignCap: number | null): RollingCap | null {
  const caps: RollingCap[] = states.flatMap((state) => {
    const limit = STATE_RULES[state]?.rollingCapPer24h;
    return limit ? [{ limit, by: state }] : [];
  });
  if (campaignCap !== null) caps.push({ limit: campaignCap, by: 'campaign' });
  return caps.reduce<RollingCap | null>((best, cap) => (!best || cap.limit < best.limit ? cap : best), null);
}

export function capReason(cap: RollingCap): string {
  return `${cap.by === 'campaign' ? 'campaign cap' : cap.by}: ${cap.limit} attempts in 24 h reached`;
}

/**
 * With the start times of the attempts in the last 24 hours (oldest first), is another attempt over
 * the cap, and if so when does the oldest attempt that must drop out leave the window.
 */
export function capHold(cap: RollingCap, recentStarts: readonly number[]): { until: number } | null {
  if (recentStarts.length < cap.limit) return null;
  return { until: recentStarts[recentStarts.length - cap.limit] + DAY_MS };
}
