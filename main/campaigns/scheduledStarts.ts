import type { Kysely } from 'kysely';
import type { Clock } from '../platform/clock';
import type { Database } from '../db/schema';
import type { EventBus } from '../platform/events';
import type { CampaignService } from './campaignService';

/**
 * Starts scheduled campaigns when their time comes: at once for any whose time passed while the app
 * was closed, then by one timer set for the earliest next start (re-armed whenever campaigns change).
 */
export function watchScheduledStarts(
  db: Kysely<Database>,
  campaigns: CampaignService,
  events: EventBus,
  clock: Clock,
  onError: (error: unknown) => void,
): { stop(): void } {
  let timer: number | undefined;
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
    if (timer !== undefined) clock.cancel(timer);
    timer = undefined;
    if (stopped || next?.at == null) return;
    // returning the promise lets a virtual clock wait for the start before moving on
    timer = clock.at(next.at, () => check().catch(onError));
  }

  const run = () => void check().catch(onError);
  const off = events.on('campaigns.changed', run);
  run();
  return {
    stop() {
      stopped = true;
      off();
      if (timer !== undefined) clock.cancel(timer);
    },
  };
}
