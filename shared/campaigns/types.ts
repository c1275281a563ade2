export const CAMPAIGN_STATUSES = ['draft', 'scheduled', 'running', 'paused', 'completed', 'cancelled'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export const ENROLMENT_STATUSES = ['pending', 'calling', 'completed', 'failed', 'skipped'] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];

export const CALL_OUTCOMES = ['answered', 'voicemail', 'no_answer', 'busy', 'declined', 'invalid_number', 'failed', 'cancelled'] as const;
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
export interface CampaignSettings {
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
  Pick<CampaignSettings, 'maxConcurrentCalls' | 'callWindowStart' | 'callWindowEnd' | 'callWindowTimezone' | 'useContactTimezone' | 'callDays' | 'voicemailAction'>;

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

export type SkipReason = 'no_phone' | 'do_not_call' | 'do_not_contact';

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
}

export interface CampaignDashboard {
  campaignId: string;
  status: CampaignStatus;
  total: number;
  pending: number;
  calling: number;
  completed: number;
  failed: number;
  skipped: number;
  answered: number;
  /** answered / contacts dialed at least once; 0 when none */
  answerRate: number;
  /** (completed + failed + skipped) / total; 0 when empty */
  completionRate: number;
  outcomes: Record<CallOutcome, number>;
  skips: Record<SkipReason, number>;
  callsInProgress: Call[];
  recentCalls: Call[];
}
