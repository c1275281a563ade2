import type { CampaignContact, QueueHold } from '../../../shared/campaigns/types';
import { formatClock } from './format';

/** A hold of the hours where the contact is, and when it ends, in that zone's time. */
function holdText(hold: QueueHold, now: number): string {
  const until = hold.until && `${formatClock(hold.until, hold.timeZone, now)} (${hold.timeZone})`;
  if (hold.rule === 'call_window') return until ? `Outside the call window until ${until}` : 'Outside the call window, which never opens here';
  return until ? `Legal hours: no calls until ${until}` : 'Legal hours: the call window never meets them here';
}

/**
 * Why a contact is skipped, waiting or failed, in the queue's "Why" column: its latest compliance decision
 * (a hold that has passed says nothing), the hours that hold it now, the callback it asked for, or its failed
 * call's reason; and its DNC list, by name, when nothing else is said. Null: nothing to say.
 */
export function queueWhy(c: CampaignContact, now: number = Date.now()): string | null {
  const d = c.lastDecision;
  if (c.status === 'skipped' && d?.kind === 'skip') return d.reason;
  if (c.status === 'failed' && c.lastOutcome === 'failed') return c.lastError ?? 'The call failed; the provider gave no reason';
  if (c.status === 'pending') {
    if (d?.kind === 'hold' && d.until !== null && c.nextAttemptAt === d.until) return d.reason;
    if (c.hold) return holdText(c.hold, now);
    // an answered call finishes its contact, unless the person asked to be called back
    if (c.nextAttemptAt && c.lastOutcome === 'answered') return 'Callback requested';
    if (c.nextAttemptAt && c.lastOutcome === 'failed' && c.lastError) return `Retry after an error: ${c.lastError}`;
  }
  return c.dncList ? `On DNC list "${c.dncList}"` : null;
}
