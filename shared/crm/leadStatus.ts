// Its own module because both a contact's type and the analysis fields that may set it need the list.
export const LEAD_STATUSES = [
  'new',
  'contacted',
  'qualified',
  'unqualified',
  'customer',
  'churned',
  'do_not_contact',
] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];
