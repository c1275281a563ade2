import type { LeadStatus } from './leadStatus';

/** Why a contact must not be called: the do-not-call flag, lead status "do not contact", or a team DNC list. */
export type DoNotCallReason = 'do_not_call' | 'do_not_contact' | 'dnc_list';
export type IneligibleReason = 'no_phone' | DoNotCallReason;

interface Callable {
  phone: string | null;
  doNotCall: boolean;
  leadStatus: LeadStatus;
  /** The first (by name) of the team's DNC lists that holds the contact's phone, or null. */
  dncList: string | null;
}

/** The do-not-call rule that forbids calling the contact, whatever its phone (what "Exclude DNC" leaves out), or null. */
export function doNotCallReason(contact: Callable): DoNotCallReason | null {
  if (contact.doNotCall) return 'do_not_call';
  if (contact.leadStatus === 'do_not_contact') return 'do_not_contact';
  if (contact.dncList !== null) return 'dnc_list';
  return null;
}

/**
 * The one "eligible to call" rule: a phone, no do-not-call flag, a lead status other than do_not_contact,
 * and a number on none of the team's DNC lists. The first reason that applies, or null when callable.
 * main/crm/eligibility.ts has it as SQL; a test holds the two (and the dialer) to the same answers.
 */
export function ineligibleReason(contact: Callable): IneligibleReason | null {
  return contact.phone ? doNotCallReason(contact) : 'no_phone';
}

export function isEligibleToCall(contact: Callable): boolean {
  return ineligibleReason(contact) === null;
}
