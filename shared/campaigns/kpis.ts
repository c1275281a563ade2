import type { DoNotCallReason } from '../crm/eligibility';
import type { CallOutcome, EnrolmentStatus, SkipReason } from './types';

/**
 * A campaign's figures, each defined once: the server computes them here and every page shows these, so
 * they add up wherever they appear (total = pending + calling + finished; answered ≤ callsEnded).
 */
export interface CampaignKpis {
  /** Contacts enrolled, whatever their state: pending + calling + completed + failed + skipped. */
  total: number;
  /** Waiting for their first call or for a retry. */
  pending: number;
  /** On a call now. */
  calling: number;
  /** Done after a call: answered, transferred, declined, a voicemail not retried, or out of attempts. */
  completed: number;
  /** Done without reaching anyone: an invalid number, or an error that is not retried. */
  failed: number;
  /** Never called: no phone, a do-not-call rule, or a call window that never opens where they are. */
  skipped: number;
  /** No call is coming for them any more: completed + failed + skipped. */
  finished: number;
  /** Calls a person answered: answered, or answered and then transferred. */
  answered: number;
  /** Calls that have ended, whatever their outcome: the outcome counts add up to it. */
  callsEnded: number;
  /** answered / callsEnded: the share of ended calls a person answered; null before any call has ended. */
  answerRate: number | null;
  /** finished / total: the share of the contacts the campaign is done with; null with nobody enrolled. */
  completionRate: number | null;
  /** Skipped because a do-not-call rule forbids calling them: the flag, lead status do_not_contact, or a team DNC list. */
  doNotCallSkips: number;
}

const DO_NOT_CALL_SKIPS: readonly DoNotCallReason[] = ['do_not_call', 'do_not_contact', 'dnc_list'];

/** The outcomes of a call a person answered. */
const REACHED_OUTCOMES: readonly CallOutcome[] = ['answered', 'transferred'];

const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/** The figures from the enrolments by status, the ended calls by outcome and the skips by reason. */
export function campaignKpis(
  statuses: Record<EnrolmentStatus, number>,
  outcomes: Record<CallOutcome, number>,
  skips: Record<SkipReason, number>,
): CampaignKpis {
  const { pending, calling, completed, failed, skipped } = statuses;
  const total = pending + calling + completed + failed + skipped;
  const finished = completed + failed + skipped;
  const callsEnded = Object.values(outcomes).reduce((a, b) => a + b, 0);
  const answered = REACHED_OUTCOMES.reduce((n, outcome) => n + outcomes[outcome], 0);
  return {
    total,
    pending,
    calling,
    completed,
    failed,
    skipped,
    finished,
    answered,
    callsEnded,
    answerRate: ratio(answered, callsEnded),
    completionRate: ratio(finished, total),
    doNotCallSkips: DO_NOT_CALL_SKIPS.reduce((n, reason) => n + skips[reason], 0),
  };
}
