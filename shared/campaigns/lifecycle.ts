import type { CampaignStatus } from './types';

/** What can happen to a campaign: the user's run actions plus the two the scheduler takes. */
export type LifecycleEvent = 'start' | 'pause' | 'resume' | 'cancel' | 'scheduledTimeReached' | 'finished';

/** The whole campaign lifecycle: event -> the states it may leave from, and where it goes. */
export const TRANSITIONS: Record<LifecycleEvent, { from: readonly CampaignStatus[]; to: CampaignStatus }> = {
  // the play action: a draft or a scheduled campaign starts now; a paused one carries on
  start: { from: ['draft', 'scheduled', 'paused'], to: 'running' },
  pause: { from: ['running'], to: 'paused' },
  resume: { from: ['paused'], to: 'running' },
  cancel: { from: ['draft', 'scheduled', 'running', 'paused'], to: 'cancelled' },
  scheduledTimeReached: { from: ['scheduled'], to: 'running' },
  // every enrolled contact is finished and keepOpen is off
  finished: { from: ['running'], to: 'completed' },
};

export const TERMINAL: readonly CampaignStatus[] = ['completed', 'cancelled'];
/** Core settings (assistant, numbers, window, retries, concurrency) change only while nothing dials. */
export const SETTINGS_EDITABLE: readonly CampaignStatus[] = ['draft', 'scheduled', 'paused'];
export const DELETABLE: readonly CampaignStatus[] = ['draft', 'cancelled'];
/** States in which contacts may be added. */
export const ENROLLABLE: readonly CampaignStatus[] = ['draft', 'scheduled', 'running', 'paused'];
/** States whose enrolled contacts may not be deleted from the CRM. */
export const HOLDS_CONTACTS: readonly CampaignStatus[] = ['scheduled', 'running', 'paused'];

/** The state an event leads to, or null when it is not allowed from `status`. */
export function nextStatus(status: CampaignStatus, event: LifecycleEvent): CampaignStatus | null {
  const transition = TRANSITIONS[event];
  return transition.from.includes(status) ? transition.to : null;
}
