import { ineligibleReason, type IneligibleReason } from '../../../shared/crm/eligibility';
import type { Contact } from '../../../shared/crm/types';

const LABEL: Record<Exclude<IneligibleReason, 'dnc_list'>, string> = {
  no_phone: 'No phone number',
  do_not_call: 'Do Not Call',
  do_not_contact: 'Lead status: do not contact',
};

/** Why a contact cannot be called, in the lists' words (a DNC list by its name), or null when it can. */
export function ineligibleLabel(contact: Contact): string | null {
  const reason = ineligibleReason(contact);
  if (reason === null) return null;
  return reason === 'dnc_list' ? `On DNC list "${contact.dncList}"` : LABEL[reason];
}
