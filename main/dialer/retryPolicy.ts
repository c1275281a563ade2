import type { CallOutcome, EnrolmentStatus, RetrySettings } from '../../shared/campaigns/types';


/** Attempts so far, this one included. */
export interface AttemptCounts {
  attempts: number;
  noAnswer: number;
  busy: number;
  error: number;
}

export interface RetryDecision {
  status: Extract<EnrolmentStatus, 'pending' | 'completed' | 'failed'>;
  /** When the next attempt is due (pending only). */
  nextAttemptAt: number | null;
}

const MINUTE = 60_000;

/** The delay before the next attempt after `outcome`, with backoff by retries so far, capped. */
export function retryDelayMinutes(s: RetrySettings, outcome: CallOutcome, attempts: number): number {
  const base =
    outcome === 'no_answer' ? s.retryDelayMinutesNoAnswer
    : outcome === 'busy' ? s.retryDelayMinutesBusy
    : outcome === 'failed' ? s.retryDelayMinutesError
    : s.retryDelayMinutes;
  if (s.retryBackoff === 'fixed') return base;
  return Math.min(base * s.retryBackoffMultiplier ** Math.max(0, attempts - 1), s.retryBackoffCapMinutes);
}

/**
 * What happens to a contact after an attempt: retriable outcomes come back after their
 * delay while both the shared attempt budget and the outcome's own cap allow; answered, transferred,
 * declined and (by default) voicemail finish it; invalid numbers and unretried errors fail it.
 */
export function decideAfterAttempt(s: RetrySettings, outcome: CallOutcome, counts: AttemptCounts, endedAt: number): RetryDecision {
  const budgetLeft = counts.attempts < s.maxAttemptsPerContact;
  const retry = (): RetryDecision => ({ status: 'pending', nextAttemptAt: endedAt + retryDelayMinutes(s, outcome, counts.attempts) * MINUTE });
  const within = (used: number, cap: number | null) => budgetLeft && used < (cap ?? Infinity);
  switch (outcome) {
    case 'answered':
    // the person was reached and handed on to a human: calling again would interrupt what they agreed to
    case 'transferred':
    case 'declined':
      return { status: 'completed', nextAttemptAt: null };
    case 'voicemail':
      return s.retryOnVoicemail && budgetLeft ? retry() : { status: 'completed', nextAttemptAt: null };
    case 'invalid_number':
      return { status: 'failed', nextAttemptAt: null };
    case 'no_answer':
      return within(counts.noAnswer, s.maxAttemptsNoAnswer) ? retry() : { status: 'completed', nextAttemptAt: null };
    case 'busy':
      return within(counts.busy, s.maxAttemptsBusy) ? retry() : { status: 'completed', nextAttemptAt: null };
    case 'failed':
      return s.retryOnError && within(counts.error, s.maxAttemptsError) ? retry() : { status: 'failed', nextAttemptAt: null };
    case 'cancelled':
      // hung up before anyone answered (campaign cancelled, app closing): dialed again while the budget allows
      return budgetLeft ? { status: 'pending', nextAttemptAt: endedAt } : { status: 'completed', nextAttemptAt: null };
  }
}
