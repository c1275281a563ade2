import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { EventBus } from '../events';
import type { CampaignService } from './campaignService';

/** Timers are injected so tests (and a virtual clock) control them. */
export interface Timers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** setTimeout holds at most ~24.8 days; a later start is re-armed on the way. */
const MAX_WAIT_MS = 2 ** 31 - 1;

/**
 * Starts scheduled campaigns when their time comes: at once for any whose time passed while the app
 * was closed, then by one timer set for the earliest next start (re-armed whenever campaigns change).
 */
export function watchScheduledStarts(
  db: Kysely<Database>,
  campaigns: CampaignService,
  events: EventBus,
  now: () => number,
  timers: Timers,
  onError: (error: unknown) => void,
): { stop(): void } {
  let timer: unknown;
  let stopped = false;

  async function check(): Promise<void> {
    if (stopped) return;
    await campaigns.startDueScheduled();
    const next = await db
      .selectFrom('campaigns')
      .select((eb) => eb.fn.min('scheduledStartAt').as('at'))
      .where('status', '=', 'scheduled')
      .where('deletedAt', 'is', null)
      .executeTakeFirst();
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = undefined;
    if (stopped || next?.at == null) return;
    timer = timers.setTimeout(run, Math.min(Math.max(0, next.at - now()), MAX_WAIT_MS));
  }

  const run = () => void check().catch(onError);
  const off = events.on('campaigns.changed', run);
  run();
  return {
    stop() {
      stopped = true;
      off();
      if (timer !== undefined) timers.clearTimeout(timer);
    },
  };
}
