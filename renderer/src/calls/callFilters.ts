import { FIELD_KEY } from '../../../shared/analysis/collect';
import { CALL_OUTCOMES, type CallOutcome } from '../../../shared/campaigns/types';
import type { PagedQuery } from '../common/usePagedRows';
import { OUTCOME_LABEL } from '../monitoring/format';

/** What the Calls page filters by: the dates are days in the viewer's zone ('YYYY-MM-DD', '' for none), both included. */
export interface CallFilters {
  campaignId: string | null;
  outcome: CallOutcome | null;
  fromDate: string;
  toDate: string;
  /** What the call's analysis found: success or not (null: either), and one field's value ('' for none). */
  success: 'true' | 'false' | null;
  field: string;
  value: string;
}

export const NO_FILTERS: CallFilters = { campaignId: null, outcome: null, fromDate: '', toDate: '', success: null, field: '', value: '' };

export const SUCCESS_OPTIONS = [
  { value: 'true', label: 'Success' },
  { value: 'false', label: 'Not a success' },
];

/** A field filter needs both halves and a key as the assistant names it. */
function fieldErrors({ field, value }: CallFilters): Partial<Record<'field' | 'value', string>> {
  const key = field.trim();
  if (key && !FIELD_KEY.test(key)) return { field: 'A field key such as interest' };
  if (key && !value.trim()) return { value: 'Give the value to find' };
  if (!key && value.trim()) return { field: 'Give the field the value is of' };
  return {};
}

export const OUTCOME_OPTIONS = CALL_OUTCOMES.map((value) => ({ value, label: OUTCOME_LABEL[value] }));

/** Local midnight at the start of a 'YYYY-MM-DD' day, `days` later (a day may be 23 or 25 hours long). */
function localMidnight(date: string, days = 0): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y, m - 1, d + days).toISOString();
}

/**
 * The calls query of the filters, or the field errors that keep it from being asked: the last day is
 * included, so the query runs to the next local midnight.
 */
export function callsQueryOf(f: CallFilters): { query: PagedQuery<'calls.list'> | null; errors: Partial<Record<'toDate' | 'field' | 'value', string>> } {
  const errors = { ...(f.fromDate && f.toDate && f.toDate < f.fromDate ? { toDate: 'Must be on or after From' } : {}), ...fieldErrors(f) };
  if (Object.keys(errors).length) return { query: null, errors };
  return {
    query: {
      ...(f.campaignId ? { campaignId: f.campaignId } : {}),
      ...(f.outcome ? { outcome: f.outcome } : {}),
      ...(f.fromDate ? { from: localMidnight(f.fromDate) } : {}),
      ...(f.toDate ? { to: localMidnight(f.toDate, 1) } : {}),
      ...(f.success ? { success: f.success === 'true' } : {}),
      ...(f.field.trim() ? { field: f.field.trim(), value: f.value.trim() } : {}),
    },
    errors: {},
  };
}
