import type { DoNotCallReason } from '../crm/eligibility';
import type { CallOutcome, CampaignKpis, EnrolmentStatus, SkipReason } from './types';

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
