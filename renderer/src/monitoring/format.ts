import type { AmdDecisionKind } from '../../../shared/campaigns/amdSettings';
import type { CallOutcome, SkipReason } from '../../../shared/campaigns/types';

export const OUTCOME_LABEL: Record<CallOutcome, string> = {
  answered: 'Answered',
  voicemail: 'Voicemail',
  no_answer: 'No answer',
  busy: 'Busy',
  declined: 'Declined',
  invalid_number: 'Invalid number',
  failed: 'Error',
  cancelled: 'Cancelled',
  transferred: 'Transferred',
};

/** What answering-machine detection decided, as one call's chip says it. */
export const AMD_LABEL: Record<AmdDecisionKind, string> = { human: 'Person', machine: 'Machine', unknown: 'Undecided' };

/** Why an enrolled contact is never called, in a few words. */
export const SKIP_LABEL: Record<SkipReason, string> = {
  no_phone: 'no phone',
  do_not_call: 'do not call',
  do_not_contact: 'do not contact',
  no_common_window: 'call windows never overlap',
  no_legal_window: 'window outside legal hours',
  dnc_list: 'on a DNC list',
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

/** A call's length as m:ss, "—" when it has none. */
export function formatDuration(seconds: number | null): string {
  if (seconds == null) return '—';
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  return `${m}:${String(s).padStart(2, '0')}`;
}

/** A rate as a whole percent, "—" when it has no denominator; never 0% or 100% unless it is exactly that. */
export function formatRate(rate: number | null): string {
  if (rate === null) return '—';
  const percent = Math.round(rate * 100);
  if (percent === 0 && rate > 0) return '<1%';
  if (percent === 100 && rate < 1) return '>99%';
  return `${percent}%`;
}

const DAY_MS = 86_400_000;

/** The clock time (24-hour) of an instant in a zone, with the weekday when it is a day or more after `now`. */
export function formatClock(iso: string, timeZone: string, now: number = Date.now()): string {
  const at = Date.parse(iso);
  return new Date(at).toLocaleString(undefined, {
    ...(at - now >= DAY_MS ? { weekday: 'short' } : {}),
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  });
}
