import { formatInTimeZone } from 'date-fns-tz';
import type { AmdThresholds } from '../../../shared/campaigns/reachSettings';
import { CAMPAIGN_DEFAULTS } from '../../../shared/campaigns/schemas';
import type { Campaign, CampaignSettings } from '../../../shared/campaigns/types';
import type { RequestOf } from '../../../shared/contract/channels';
import type { PhoneNumber } from '../../../shared/crm/types';
import type { LeadStatus } from '../../../shared/crm/leadStatus';

/** The New Campaign dialog's rules, free of React and of the transport, so they are tested in plain Node. */

/** 'none' (Edit only): keep the contacts already enrolled and add no others. */
export type AudienceMode = 'none' | 'all_eligible' | 'manual';
/** A NumberInput's value: a number, or the text being typed ('' when empty). */
export type Typed = number | string;

export interface AudienceFilter {
  search: string;
  leadStatus: LeadStatus | null;
  hasPhone: boolean;
  excludeDnc: boolean;
}

export interface CampaignDraft {
  name: string;
  description: string;
  assistantId: string | null;
  fromNumberIds: string[];
  companyId: string | null;
  audienceMode: AudienceMode;
  filter: AudienceFilter;
  /** Manual select: every callable contact matching `filter` (sent as a filter, not ids), or the ids picked. */
  selectAllEligible: boolean;
  contactIds: string[];
  scheduledStartAt: string;
  keepOpen: boolean;
  callWindowStart: string;
  callWindowEnd: string;
  callWindowTimezone: string;
  maxConcurrentCalls: Typed;
  maxAttemptsPerContact: Typed;
  // Advanced retry: per-outcome delays, backoff and caps
  retryDelayMinutes: Typed;
  retryDelayMinutesNoAnswer: Typed;
  retryDelayMinutesBusy: Typed;
  retryDelayMinutesError: Typed;
  retryBackoff: CampaignSettings['retryBackoff'];
  retryBackoffMultiplier: Typed;
  retryBackoffCapMinutes: Typed;
  /** '' = fall back to Max Attempts/Contact */
  maxAttemptsNoAnswer: Typed;
  maxAttemptsBusy: Typed;
  maxAttemptsError: Typed;
  retryOnError: boolean;
  retryOnVoicemail: boolean;
  voicemailAction: CampaignSettings['voicemailAction'];
  useContactTimezone: boolean;
  // Compliance: on by default
  legalHoursGuard: boolean;
  /** '' = no campaign cap (state rules still apply) */
  rollingCapPer24h: Typed;
  // Reaching people: on by default (detection), off (local presence)
  voicemailDetection: boolean;
  amdMaxMs: Typed;
  /** Each threshold as typed; one left empty is not sent (main keeps the default or the stored value). */
  amdThresholds: Record<keyof AmdThresholds, Typed>;
  localPresence: boolean;
}

export const DEFAULT_FILTER: AudienceFilter = { search: '', leadStatus: null, hasPhone: true, excludeDnc: true };

export const EMPTY_DRAFT: CampaignDraft = {
  name: '',
  description: CAMPAIGN_DEFAULTS.description,
  assistantId: null,
  fromNumberIds: [],
  companyId: null,
  audienceMode: 'all_eligible',
  filter: DEFAULT_FILTER,
  selectAllEligible: false,
  contactIds: [],
  scheduledStartAt: '',
  keepOpen: CAMPAIGN_DEFAULTS.keepOpen,
  callWindowStart: CAMPAIGN_DEFAULTS.callWindowStart,
  callWindowEnd: CAMPAIGN_DEFAULTS.callWindowEnd,
  callWindowTimezone: CAMPAIGN_DEFAULTS.callWindowTimezone,
  maxConcurrentCalls: CAMPAIGN_DEFAULTS.maxConcurrentCalls,
  maxAttemptsPerContact: CAMPAIGN_DEFAULTS.maxAttemptsPerContact,
  retryDelayMinutes: CAMPAIGN_DEFAULTS.retryDelayMinutes,
  retryDelayMinutesNoAnswer: CAMPAIGN_DEFAULTS.retryDelayMinutesNoAnswer,
  retryDelayMinutesBusy: CAMPAIGN_DEFAULTS.retryDelayMinutesBusy,
  retryDelayMinutesError: CAMPAIGN_DEFAULTS.retryDelayMinutesError,
  retryBackoff: CAMPAIGN_DEFAULTS.retryBackoff,
  retryBackoffMultiplier: CAMPAIGN_DEFAULTS.retryBackoffMultiplier,
  retryBackoffCapMinutes: CAMPAIGN_DEFAULTS.retryBackoffCapMinutes,
  maxAttemptsNoAnswer: CAMPAIGN_DEFAULTS.maxAttemptsNoAnswer ?? '',
  maxAttemptsBusy: CAMPAIGN_DEFAULTS.maxAttemptsBusy ?? '',
  maxAttemptsError: CAMPAIGN_DEFAULTS.maxAttemptsError ?? '',
  retryOnError: CAMPAIGN_DEFAULTS.retryOnError,
  retryOnVoicemail: CAMPAIGN_DEFAULTS.retryOnVoicemail,
  voicemailAction: CAMPAIGN_DEFAULTS.voicemailAction,
  useContactTimezone: CAMPAIGN_DEFAULTS.useContactTimezone,
  legalHoursGuard: CAMPAIGN_DEFAULTS.legalHoursGuard,
  rollingCapPer24h: CAMPAIGN_DEFAULTS.rollingCapPer24h ?? '',
  voicemailDetection: CAMPAIGN_DEFAULTS.voicemailDetection,
  amdMaxMs: CAMPAIGN_DEFAULTS.amdMaxMs,
  amdThresholds: CAMPAIGN_DEFAULTS.amdThresholds,
  localPresence: CAMPAIGN_DEFAULTS.localPresence,
};

/** The fields of the collapsed "Advanced retry" section; it opens by itself when one of them has an error. */
export const ADVANCED_FIELDS = [
  'retryDelayMinutes',
  'retryDelayMinutesNoAnswer',
  'retryDelayMinutesBusy',
  'retryDelayMinutesError',
  'retryBackoff',
  'retryBackoffMultiplier',
  'retryBackoffCapMinutes',
  'maxAttemptsNoAnswer',
  'maxAttemptsBusy',
  'maxAttemptsError',
  'retryOnError',
  'retryOnVoicemail',
  'voicemailAction',
  'useContactTimezone',
] as const;

/** The fields of the collapsed "Compliance" section; it too opens by itself on an error in one of them. */
export const COMPLIANCE_FIELDS = ['legalHoursGuard', 'rollingCapPer24h'] as const;

/** The fields of the collapsed "Voicemail detection" section, which opens by itself on an error in one of them. */
export const VOICEMAIL_DETECTION_FIELDS = ['voicemailDetection', 'amdMaxMs', 'amdThresholds'] as const;

/** Every draft field that maps onto a campaign setting of the same name. */
const NUMBER_FIELDS = [
  'maxConcurrentCalls',
  'maxAttemptsPerContact',
  'retryDelayMinutes',
  'retryDelayMinutesNoAnswer',
  'retryDelayMinutesBusy',
  'retryDelayMinutesError',
  'retryBackoffMultiplier',
  'retryBackoffCapMinutes',
  'amdMaxMs',
] as const;
const NULLABLE_NUMBER_FIELDS = ['maxAttemptsNoAnswer', 'maxAttemptsBusy', 'maxAttemptsError', 'rollingCapPer24h'] as const;
const PLAIN_FIELDS = [
  'name',
  'description',
  'fromNumberIds',
  'keepOpen',
  'callWindowStart',
  'callWindowEnd',
  'callWindowTimezone',
  'retryBackoff',
  'retryOnError',
  'retryOnVoicemail',
  'voicemailAction',
  'useContactTimezone',
  'legalHoursGuard',
  'voicemailDetection',
  'localPresence',
] as const;

/** Text being typed stays text so main names it ("must be a number"); empty means "not given". */
export const typedNumber = (value: Typed): unknown => (value === '' ? undefined : typeof value === 'number' ? value : Number.isNaN(Number(value)) ? value : Number(value));

function settingsOf(draft: CampaignDraft): Record<string, unknown> {
  const request: Record<string, unknown> = {
    assistantId: draft.assistantId ?? '',
    companyId: draft.companyId ?? '',
  };
  for (const key of PLAIN_FIELDS) request[key] = draft[key];
  for (const key of NUMBER_FIELDS) request[key] = typedNumber(draft[key]);
  for (const key of NULLABLE_NUMBER_FIELDS) request[key] = draft[key] === '' ? null : typedNumber(draft[key]);
  request.amdThresholds = Object.fromEntries(Object.entries(draft.amdThresholds).flatMap(([key, value]) => (value === '' ? [] : [[key, typedNumber(value)]])));
  // a field left empty is not sent: main keeps its default (create) or the stored value (update)
  for (const [key, value] of Object.entries(request)) if (value === undefined) delete request[key];
  return request;
}

/** The campaigns.create request: empty choices are sent empty so main names every missing field; the chosen contacts are enrolled with it. */
export function createRequest(draft: CampaignDraft): Record<string, unknown> {
  // Offset-less: main reads it in callWindowTimezone.
  return { ...settingsOf(draft), ...(draft.scheduledStartAt ? { scheduledStartAt: draft.scheduledStartAt } : {}), ...enrolOf(draft) };
}

/** The campaigns.update request: every setting the dialog shows; an emptied Schedule Start unschedules; the chosen contacts are enrolled with it. */
export function updateRequest(campaignId: string, draft: CampaignDraft): { id: string } & Record<string, unknown> {
  return { id: campaignId, ...settingsOf(draft), scheduledStartAt: draft.scheduledStartAt || null, ...enrolOf(draft) };
}

type ContactSelection = NonNullable<RequestOf<'campaigns.create'>['enrol']>;

/** Without a company there is nothing to choose from (main names the missing company). */
function enrolOf(draft: CampaignDraft): { enrol?: ContactSelection } {
  const selection = draft.companyId ? contactSelectionOf(draft.companyId, draft) : null;
  return selection ? { enrol: selection } : {};
}

/** The contacts of the chosen audience, to enrol (contacts already enrolled stay as they are); null for none. */
export function contactSelectionOf(companyId: string, draft: CampaignDraft): ContactSelection | null {
  if (draft.audienceMode === 'none') return null;
  const eligibleOf = (narrowing: { search?: string; leadStatus?: LeadStatus }): ContactSelection => ({
    audience: { mode: 'all_eligible', companyId, hasPhoneOnly: true, excludeDnc: true, ...narrowing },
  });
  if (draft.audienceMode === 'all_eligible') return eligibleOf({});
  if (draft.selectAllEligible) {
    const { search, leadStatus } = draft.filter;
    return eligibleOf({ ...(search.trim() ? { search: search.trim() } : {}), ...(leadStatus ? { leadStatus } : {}) });
  }
  return { contactIds: draft.contactIds };
}

/** Errors the dialog knows before asking main. */
export function clientErrors(draft: CampaignDraft): Record<string, string> {
  if (draft.audienceMode === 'manual' && draft.companyId && !draft.selectAllEligible && draft.contactIds.length === 0) {
    return { contactIds: 'Select at least one contact' };
  }
  return {};
}

/** The seed's steps in order, each valid when nothing it needs is missing (the Create button stays usable: main names the rest). */
export const STEPS = ['name', 'assistant', 'numbers', 'audience', 'schedule', 'window', 'limits'] as const;
export type Step = (typeof STEPS)[number];

export function stepsDone(draft: CampaignDraft): Record<Step, boolean> {
  const positive = (value: Typed) => value !== '' && Number.isInteger(Number(value)) && Number(value) >= 1;
  return {
    name: draft.name.trim().length > 0,
    assistant: draft.assistantId !== null,
    numbers: draft.fromNumberIds.length > 0,
    audience: draft.companyId !== null && Object.keys(clientErrors(draft)).length === 0,
    schedule: true,
    window: draft.callWindowStart !== '' && draft.callWindowEnd !== '' && draft.callWindowStart !== draft.callWindowEnd && draft.callWindowTimezone !== '',
    limits: positive(draft.maxConcurrentCalls) && Number(draft.maxConcurrentCalls) <= 10 && positive(draft.maxAttemptsPerContact),
  };
}

/** The numbers pre-checked for an assistant: all its active numbers. */
export function preCheckedNumbers(numbers: readonly PhoneNumber[]): string[] {
  return numbers.filter((n) => n.status === 'active').map((n) => n.id);
}

/** "YYYY-MM-DDTHH:MM" in the window's zone, as the Schedule Start input shows it. */
export function localScheduleOf(instantIso: string | null, zone: string): string {
  return instantIso ? formatInTimeZone(Date.parse(instantIso), zone, "yyyy-MM-dd'T'HH:mm") : '';
}

/** The dialog's draft for an existing campaign (Edit). */
export function draftFromCampaign(c: Campaign): CampaignDraft {
  const draft: CampaignDraft = { ...EMPTY_DRAFT, assistantId: c.assistantId, companyId: c.companyId, audienceMode: 'none' };
  for (const key of [...PLAIN_FIELDS, ...NUMBER_FIELDS] as const) (draft as unknown as Record<string, unknown>)[key] = c[key];
  for (const key of NULLABLE_NUMBER_FIELDS) draft[key] = c[key] ?? '';
  draft.amdThresholds = c.amdThresholds;
  draft.scheduledStartAt = localScheduleOf(c.scheduledStartAt, c.callWindowTimezone);
  return draft;
}

/**
 * The draft field a server error path belongs to: "fromNumberIds.0" -> fromNumberIds, "audience.search" -> audience;
 * the contacts enrolled with the campaign are the audience's: "enrol.contactIds.3" -> contactIds.
 */
export function fieldOfError(path: string): string {
  const [first, second] = path.split('.');
  return first === 'enrol' && second ? second : first;
}

/** Server errors by draft field, the first message for each. */
export function errorsByField(errors: Record<string, string>): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) byField[fieldOfError(path)] ??= message;
  return byField;
}

