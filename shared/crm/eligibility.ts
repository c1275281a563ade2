import type { LeadStatus } from './types';

export type IneligibleReason = 'no_phone' | 'do_not_call' | 'do_not_contact';

interface Callable {
  phone: string | null;
  doNotCall: boolean;
  leadStatus: LeadStatus;
}

/** The one "eligible to call" rule: has a phone, not DNC, lead status not do_not_contact. */
export function ineligibleReason(contact: Callable): IneligibleReason | null {
  if (!contact.phone) return 'no_phone';
  if (contact.doNotCall) return 'do_not_call';
  if (contact.leadStatus === 'do_not_contact') return 'do_not_contact';
  return null;
}

export function isEligibleToCall(contact: Callable): boolean {
  return ineligibleReason(contact) === null;
}
