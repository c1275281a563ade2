import type { ComplianceDecision } from '../compliance/types';
import type { AmdDecisionKind, AmdResult } from './amdSettings';
import type { ReachSettings } from './reachSettings';
export const CAMPAIGN_STATUSES = ['draft', 'scheduled', 'running', 'paused', 'completed', 'cancelled'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export const ENROLMENT_STATUSES = ['pending', 'calling', 'completed', 'failed', 'skipped'] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];

/** `transferred`: the assistant handed the person on to the transfer number; they were reached, so it is not retried. */
export const CALL_OUTCOMES = ['answered', 'voicemail', 'no_answer', 'busy', 'declined', 'invalid_number', 'failed', 'cancelled', 'transferred'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

export const RETRY_BACKOFFS = ['fixed', 'exponential'] as const;
export const VOICEMAIL_ACTIONS = ['leave_message', 'hangup'] as const;
/** Weekdays as date-fns numbers them: 0 = Sunday … 6 = Saturday. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export interface CampaignNumber {
  phoneNumberId: string;
  number: string;
  weight: number;
}

/** Every setting of a campaign, resolved (defaults applied); scheduledStartAt as epoch ms. */
export interface CampaignSettings extends ReachSettings {
  name: string;
  description: string;
  assistantId: string;
  companyId: string;
  fromNumberIds: string[];
  /** Caller-ID weights by number id (1 when not set). */
  fromNumberWeights: Record<string, number>;
  scheduledStartAt: number | null;
  keepOpen: boolean;
  callWindowStart: string;
  callWindowEnd: string;
  callWindowTimezone: string;
  useContactTimezone: boolean;
  /** null = every day */
  callDays: Weekday[] | null;
  maxConcurrentCalls: number;
  maxAttemptsPerContact: number;
  retryDelayMinutes: number;
  retryDelayMinutesNoAnswer: number;
  retryDelayMinutesBusy: number;
  retryDelayMinutesError: number;
  retryBackoff: (typeof RETRY_BACKOFFS)[number];
  retryBackoffMultiplier: number;
  retryBackoffCapMinutes: number;
  retryOnError: boolean;
  retryOnVoicemail: boolean;
  maxAttemptsNoAnswer: number | null;
  maxAttemptsBusy: number | null;
  maxAttemptsError: number | null;
  voicemailAction: (typeof VOICEMAIL_ACTIONS)[number];
  /** No call outside 08:00–21:00 (and stricter state hours) in the recipient's time; off only on purpose. */
  legalHoursGuard: boolean;
  /** Attempts to one number across the team's campaigns in any 24 hours; null: only the state presets. */
  rollingCapPer24h: number | null;
}

/** The settings that decide whether and when a contact is called again. */
export type RetrySettings = Pick<
  CampaignSettings,
  | 'maxAttemptsPerContact'
  | 'retryDelayMinutes'
  | 'retryDelayMinutesNoAnswer'
  | 'retryDelayMinutesBusy'
  | 'retryDelayMinutesError'
  | 'retryBackoff'
  | 'retryBackoffMultiplier'
  | 'retryBackoffCapMinutes'
  | 'retryOnError'
  | 'retryOnVoicemail'
  | 'maxAttemptsNoAnswer'
  | 'maxAttemptsBusy'
  | 'maxAttemptsError'
>;

/** The settings that decide when and how often a contact is dialed. */
export type DialingSettings = RetrySettings &
  Pick<
    CampaignSettings,
    | 'maxConcurrentCalls'
    | 'callWindowStart'
    | 'callWindowEnd'
    | 'callWindowTimezone'
    | 'useContactTimezone'
    | 'callDays'
    | 'voicemailAction'
    | 'legalHoursGuard'
    | 'rollingCapPer24h'
  >;

export interface Campaign extends Omit<CampaignSettings, 'scheduledStartAt' | 'fromNumberWeights'> {
  id: string;
  teamId: string;
  fromNumbers: CampaignNumber[];
  status: CampaignStatus;
  /** ISO-8601 instant, or null */
  scheduledStartAt: string | null;
  audience: CampaignAudience | null;
  startedAt: string | null;
  completedAt: string | null;
  cancelledAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CampaignAudience {
  mode: 'all_eligible';
  hasPhoneOnly: boolean;
  excludeDnc: boolean;
}

/**
 * Why an enrolled contact is not called: not callable, its zones' call windows never overlap, the window
 * never meets legal calling hours where it is, or a team DNC list has it.
 */
export const SKIP_REASONS = ['no_phone', 'do_not_call', 'do_not_contact', 'no_common_window', 'no_legal_window', 'dnc_list'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export interface CampaignContact {
  campaignId: string;
  contactId: string;
  firstName: string;
  lastName: string;
  phone: string | null;
  timezone: string | null;
  status: EnrolmentStatus;
  skipReason: SkipReason | null;
  priority: number;
  attempts: number;
  lastOutcome: CallOutcome | null;
  nextAttemptAt: string | null;
  enrolledAt: string;
  /** The latest compliance skip or hold of this contact in this campaign (why it is skipped or waiting), if any. */
  lastDecision: ComplianceDecision | null;
  /** The first (by name) of the team's DNC lists that holds the contact's phone, or null. */
  dncList: string | null;
  /** Why the latest call failed, as the provider said (lastOutcome 'failed'), or null. */
  lastError: string | null;
  /** Due now but held by the hours where the contact is (the campaign's window, or legal calling hours), or null. */
  hold: QueueHold | null;
}

export interface QueueHold {
  rule: 'call_window' | 'legal_hours';
  /** When the hours allow the call again (ISO); null: not within a year. */
  until: string | null;
  /** A zone the hours are closed in, to read `until` in. */
  timeZone: string;
}

export interface EnrolmentResult {
  /** Newly enrolled and callable. */
  enrolled: number;
  /** Newly enrolled as skipped (not callable), with a reason each. */
  skipped: number;
  /** Already in the campaign; left as they were. */
  alreadyEnrolled: number;
}

export interface Call {
  id: string;
  campaignId: string;
  contactId: string;
  fromNumber: string;
  toNumber: string;
  attempt: number;
  outcome: CallOutcome | null;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  durationSeconds: number | null;
  /** Why the call failed, as the provider said (outcome 'failed'); null otherwise or when it gave none. */
  error: string | null;
  /** What answering-machine detection found on the answered call; null when it did not run. */
  amd: AmdResult | null;
}

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

/** The monitor's figures (each defined in CampaignKpis), with the calls and the hold behind them. */
export interface CampaignDashboard extends CampaignKpis {
  campaignId: string;
  status: CampaignStatus;
  outcomes: Record<CallOutcome, number>;
  /** Answered calls by what answering-machine detection decided (calls it did not run on are not counted). */
  amd: Record<AmdDecisionKind, number>;
  skips: Record<SkipReason, number>;
  callsInProgress: Call[];
  recentCalls: Call[];
  /**
   * Running with pending contacts, yet nothing calling and nothing can be dialed now: when dialing
   * resumes (ISO), and why. Null when not held, or when the reopening cannot be known.
   */
  heldUntil: string | null;
  /**
   * call_window: the campaign's call window is closed now; legal_hours: it is open, but legal calling hours
   * are closed where the contacts are; retry: every pending contact waits for its retry.
   */
  heldBy: 'call_window' | 'legal_hours' | 'retry' | null;
}

/** One time bucket of a campaign's calls, by the time they started. */
export interface CallSeriesPoint {
  /** The bucket's start (ISO). */
  at: string;
  outcomes: Record<CallOutcome, number>;
  /** Started in this bucket and not ended yet. */
  inProgress: number;
}

/** Calls over time by outcome, oldest bucket first, empty buckets included. */
export interface CallSeries {
  campaignId: string;
  bucketMinutes: number;
  points: CallSeriesPoint[];
}
