import { LEAD_STATUSES } from '../../../shared/crm/leadStatus';

const LEAD_STATUS_LABELS: Record<(typeof LEAD_STATUSES)[number], string> = {
  new: 'New',
  contacted: 'Contacted',
  qualified: 'Qualified',
  unqualified: 'Unqualified',
  customer: 'Customer',
  churned: 'Churned',
  do_not_contact: 'Do not contact',
};

export const leadStatusOptions = LEAD_STATUSES.map((value) => ({ value, label: LEAD_STATUS_LABELS[value] }));
export const leadStatusLabel = (status: (typeof LEAD_STATUSES)[number]) => LEAD_STATUS_LABELS[status];

export const timeZoneOptions: string[] = Intl.supportedValuesOf('timeZone');

export function formatCount(total: number, capped: boolean): string {
  return `${total.toLocaleString()}${capped ? '+' : ''}`;
}
