import type { Clock } from '../platform/clock';
import type { EventBus } from '../platform/events';
import type { CampaignService } from './campaignService';

/**
 * Starts scheduled campaigns when their time comes: at once for any whose time passed while the app
 * was closed, then by one timer set for the earliest next start (re-armed whenever campaigns change).
 */
export function watchScheduledStarts(
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
    const next = await campaigns.nextScheduledStart();
    if (timer !== undefined) clock.cancel(timer);
    timer = undefined;
    if (stopped || next === null) return;
    // returning the promise lets a virtual clock wait for the start before moving on
    timer = clock.at(next, () => check().catch(onError));
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
