import { isLocalDateTime, isoInstant, localToInstant } from '../../shared/time/localTime';
import { contactTimeZone } from '../../shared/assistants/templates';
import type { CallOutcome } from '../../shared/campaigns/types';
import type { DialCampaign } from '../db/dialerStore';
import { groupOpensAt } from '../compliance/groupHours';
import type { RetryDecision } from './retryPolicy';

const UNIT_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;
const IN_N_UNITS = /^in\s+(\d+(?:\.\d+)?)\s+(minute|hour|day)s?$/i;

/** What a callback's result starts with when it was not scheduled (the caps were used up, or its time unreadable). */
export const CALLBACK_NOT_POSSIBLE = 'not possible';

/**
 * The instant a callback asks for: "in N minutes/hours/days" from the call's end, an ISO-8601 instant, or a
 * date-time without an offset, read as the contact's wall-clock time (what a person says: "tomorrow at ten").
 * Null when it is none of these.
 */
export function callbackAskedAt(at: string, endedAt: number, zone: string): number | null {
  const text = at.trim();
  const relative = IN_N_UNITS.exec(text);
  if (relative) return endedAt + Math.round(Number(relative[1]) * UNIT_MS[relative[2].toLowerCase() as keyof typeof UNIT_MS]);
  return isLocalDateTime(text) ? localToInstant(text, zone) : isoInstant(text);
}

export interface CallbackRequest {
  at: string;
  note: string;
}

/** The enrolment a callback leaves, and what came of the callback in words (the schedule_callback tool's result). */
export interface CallbackDecision {
  next: RetryDecision;
  result: string;
}

/** The call a callback was asked on: how it ended, when, and the contact's attempts so far (this one included). */
export interface CallbackCall {
  outcome: CallOutcome;
  optedOut: boolean;
  endedAt: number;
  attempts: number;
}

/**
 * A callback the contact asked for: due at the instant asked (never before the call's end), moved to the first
 * instant the campaign's window, days and legal hours allow where the contact is. Only a person still reached
 * (answered, not opted out) is called back, and it is an attempt like any other: once the contact has had
 * maxAttemptsPerContact there is none. Without a callback, `otherwise` (what the outcome decided) stands.
 */
export function decideCallback(campaign: DialCampaign, zoneKey: string | null, request: CallbackRequest, call: CallbackCall, otherwise: RetryDecision): CallbackDecision {
  const { endedAt } = call;
  const refused = (why: string): CallbackDecision => ({ next: otherwise, result: `${CALLBACK_NOT_POSSIBLE}: ${why}` });
  if (call.optedOut) return refused('the contact asked not to be called again');
  if (call.outcome !== 'answered') return refused(`the call ended ${call.outcome.replace(/_/g, ' ')}`);
  if (call.attempts >= campaign.maxAttemptsPerContact) return refused(`the contact has had all ${campaign.maxAttemptsPerContact} attempts`);
  const asked = callbackAskedAt(request.at, endedAt, contactTimeZone(zoneKey, campaign.callWindowTimezone));
  if (asked === null) return refused(`"${request.at}" is not a time (an ISO-8601 date and time, or "in N minutes", "in N hours", "in N days")`);
  const due = Math.max(asked, endedAt);
  const opens = groupOpensAt(campaign, zoneKey, due);
  if (opens === null) return refused('the call window and legal hours do not open within a year');
  const when = new Date(opens).toISOString();
  const result = opens === due ? `scheduled for ${when}` : `scheduled for ${when}, the first time the call window and legal hours allow`;
  return { next: { status: 'pending', nextAttemptAt: opens }, result };
}
