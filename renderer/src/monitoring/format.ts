import type { CallOutcome } from '../../../shared/campaigns/types';

export const OUTCOME_LABEL: Record<CallOutcome, string> = {
  answered: 'Answered',
  voicemail: 'Voicemail',
  no_answer: 'No answer',
  busy: 'Busy',
  declined: 'Declined',
  invalid_number: 'Invalid number',
  failed: 'Error',
  cancelled: 'Cancelled',
};

/** A short date and time in the viewer's zone, or in `timeZone` (named) when given; with seconds for call times. */
export function formatTime(iso: string | null, timeZone?: string, seconds = false): string {
  if (!iso) return '—';
  const date = new Date(iso);
  const time: Intl.DateTimeFormatOptions = seconds ? { hour: 'numeric', minute: '2-digit', second: '2-digit' } : { hour: 'numeric', minute: '2-digit' };
  try {
    return date.toLocaleString(undefined, { year: '2-digit', month: 'numeric', day: 'numeric', ...time, timeZone, timeZoneName: timeZone || !seconds ? 'short' : undefined });
  } catch {
    return date.toLocaleString(undefined, { year: '2-digit', month: 'numeric', day: 'numeric', ...time });
  }
}
