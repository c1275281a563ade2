import { z } from 'zod';
import { clockSeconds, isLocalDateTime, isoInstant, localToInstant } from '../time/localTime';
import { byId, leadStatus } from '../crm/schemas';
import { isValidTimeZone } from '../time/zones';
import { patchOf } from '../validation';
import { COMPLIANCE_DEFAULTS, complianceFields } from '../compliance/schemas';
import { REACH_DEFAULTS, reachFields, reachSettingsErrors } from './reachSettings';
import { RETRY_BACKOFFS, VOICEMAIL_ACTIONS, type CampaignSettings, type Weekday } from './types';

export type { CampaignSettings };

/** Each campaign setting's value when a create request leaves it out. */
export const CAMPAIGN_DEFAULTS: Omit<CampaignSettings, 'name' | 'assistantId' | 'companyId' | 'fromNumberIds' | 'fromNumberWeights' | 'scheduledStartAt'> = {
  description: '',
  keepOpen: false,
  callWindowStart: '09:00',
  callWindowEnd: '17:00',
  callWindowTimezone: 'America/New_York',
  useContactTimezone: true,
  callDays: null,
  maxConcurrentCalls: 1,
  maxAttemptsPerContact: 3,
  retryDelayMinutes: 60,
  retryDelayMinutesNoAnswer: 5,
  retryDelayMinutesBusy: 10,
  retryDelayMinutesError: 60,
  retryBackoff: 'fixed',
  retryBackoffMultiplier: 2,
  retryBackoffCapMinutes: 1440,
  retryOnError: false,
  retryOnVoicemail: false,
  maxAttemptsNoAnswer: null,
  maxAttemptsBusy: null,
  maxAttemptsError: null,
  voicemailAction: 'leave_message',
  ...COMPLIANCE_DEFAULTS,
  ...REACH_DEFAULTS,
};

const int = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label} must be a number` })
    .int(`${label} must be a whole number`)
    .min(min, `${label} must be at least ${min}`)
    .max(max, `${label} must be at most ${max}`);

const minutes = (label: string) => int(label, 0, 10_080);

/** "HH:MM" or "HH:MM:SS", kept as "HH:MM" when the seconds are zero. */
const clock = z.string({ error: 'Must be a time like 09:00' }).transform((text, ctx) => {
  if (clockSeconds(text) === null) {
    ctx.addIssue({ code: 'custom', message: 'Must be a time like 09:00 (HH:MM or HH:MM:SS)' });
    return z.NEVER;
  }
  return text.trim().replace(/^(\d\d:\d\d):00$/, '$1');
});

const zone = z.string({ error: 'Must be an IANA time zone' }).refine(isValidTimeZone, 'Must be an IANA time zone such as America/New_York');

const callDays = z
  .array(int('Day', 0, 6), { error: 'Must be a list of weekdays 0 (Sunday) to 6 (Saturday)' })
  .min(1, 'Choose at least one day')
  .nullable()
  .transform((days) => (days ? ([...new Set(days)].sort() as Weekday[]) : null));

export const MAX_FROM_NUMBERS = 100;

/** ISO-8601: with Z or an offset it is an instant; without one it is read in callWindowTimezone later. */
const startAt = z
  .string({ error: 'Must be an ISO-8601 date-time' })
  .refine((text) => isLocalDateTime(text) || isoInstant(text) !== null, 'Must be an ISO-8601 date-time such as 2026-06-01T09:00:00Z')
  .nullable();

/** Every settable campaign field, all optional, no defaults: the base of create and patch. */
export const campaignFields = z.strictObject({
  name: z.string({ error: 'Campaign Name is required' }).trim().min(1, 'Campaign Name is required').max(200, 'At most 200 characters'),
  description: z.string({ error: 'Must be text' }).max(2000, 'At most 2000 characters'),
  assistantId: z.string({ error: 'Outbound Assistant is required' }).min(1, 'Outbound Assistant is required'),
  companyId: z.string({ error: 'Company is required' }).min(1, 'Company is required'),
  fromNumberIds: z
    .array(z.string().min(1), { error: 'Choose at least one number' })
    .min(1, 'Choose at least one number')
    .max(MAX_FROM_NUMBERS, `At most ${MAX_FROM_NUMBERS} numbers`)
    .transform((ids) => [...new Set(ids)]),
  /** Caller-ID weights by number id (default 1 each). */
  fromNumberWeights: z.record(z.string(), int('Weight', 1, 100)),
  scheduledStartAt: startAt,
  keepOpen: z.boolean({ error: 'Must be true or false' }),
  /** The seed's API alias of keepOpen. */
  noAutoComplete: z.boolean({ error: 'Must be true or false' }),
  callWindowStart: clock,
  callWindowEnd: clock,
  callWindowTimezone: zone,
  useContactTimezone: z.boolean({ error: 'Must be true or false' }),
  callDays,
  maxConcurrentCalls: int('Max Concurrent Calls', 1, 10),
  maxAttemptsPerContact: int('Max Attempts/Contact', 1, 100),
  retryDelayMinutes: minutes('Retry delay'),
  retryDelayMinutesNoAnswer: minutes('Retry delay'),
  retryDelayMinutesBusy: minutes('Retry delay'),
  retryDelayMinutesError: minutes('Retry delay'),
  retryBackoff: z.enum(RETRY_BACKOFFS, { error: 'Must be fixed or exponential' }),
  retryBackoffMultiplier: z.number({ error: 'Must be a number' }).min(1.01, 'Must be at least 1.01').max(10, 'Must be at most 10'),
  retryBackoffCapMinutes: int('Backoff cap', 1, 10_080),
  retryOnError: z.boolean({ error: 'Must be true or false' }),
  retryOnVoicemail: z.boolean({ error: 'Must be true or false' }),
  maxAttemptsNoAnswer: int('Max attempts', 1, 50).nullable(),
  maxAttemptsBusy: int('Max attempts', 1, 50).nullable(),
  maxAttemptsError: int('Max attempts', 1, 50).nullable(),
  voicemailAction: z.enum(VOICEMAIL_ACTIONS, { error: 'Must be leave_message or hangup' }),
  ...complianceFields,
  ...reachFields,
});
type Fields = z.output<typeof campaignFields>;

const PER_OUTCOME_DELAYS = ['retryDelayMinutesNoAnswer', 'retryDelayMinutesBusy', 'retryDelayMinutesError'] as const;

/**
 * Applies sent fields over a base (the defaults on create, the stored campaign on patch):
 * keepOpen's alias, the single retryDelayMinutes standing for all three per-outcome delays when
 * only it is sent, scheduledStartAt read in the window's zone when it carries no offset, and the
 * detection thresholds sent over the base's others.
 */
export function resolveSettings(base: CampaignSettings, sent: Partial<Fields>): { settings: CampaignSettings; fields: Record<string, string> } {
  const { noAutoComplete, scheduledStartAt, amdThresholds, ...rest } = sent;
  const settings: CampaignSettings = { ...base, ...(rest as Partial<CampaignSettings>), amdThresholds: { ...base.amdThresholds, ...amdThresholds } };
  const fields: Record<string, string> = reachSettingsErrors(settings);
  if (sent.keepOpen === undefined && noAutoComplete !== undefined) settings.keepOpen = noAutoComplete;
  if (sent.retryDelayMinutes !== undefined && PER_OUTCOME_DELAYS.every((key) => sent[key] === undefined)) {
    for (const key of PER_OUTCOME_DELAYS) settings[key] = sent.retryDelayMinutes;
  }
  if (scheduledStartAt !== undefined) {
    settings.scheduledStartAt =
      scheduledStartAt === null
        ? null
        : isLocalDateTime(scheduledStartAt)
          ? localToInstant(scheduledStartAt, settings.callWindowTimezone)
          : isoInstant(scheduledStartAt);
    if (settings.scheduledStartAt === null && scheduledStartAt !== null) fields.scheduledStartAt = 'Not a real date-time';
  }
  if (clockSeconds(settings.callWindowStart) === clockSeconds(settings.callWindowEnd)) {
    fields.callWindowEnd = 'Call Window End must differ from Call Window Start';
  }
  return { settings, fields };
}

export const campaignCreate = campaignFields.partial().extend({
  name: campaignFields.shape.name,
  assistantId: campaignFields.shape.assistantId,
  companyId: campaignFields.shape.companyId,
  fromNumberIds: campaignFields.shape.fromNumberIds,
});
export type CampaignCreateInput = z.output<typeof campaignCreate>;

export const campaignPatch = patchOf(campaignFields);

/** A copy of a campaign, under the name given (by default copyName of the source's). */
export const duplicateRequest = byId.extend({ name: campaignFields.shape.name.optional() });

const COPY_SUFFIX = ' (copy)';

/** "<name> (copy)", within the 200 characters a name may have. */
export const copyName = (name: string) => `${name.slice(0, 200 - COPY_SUFFIX.length)}${COPY_SUFFIX}`;

export const campaignQuery = z.object({
  status: z.enum(['draft', 'scheduled', 'running', 'paused', 'completed', 'cancelled'], { error: 'Unknown status' }).optional(),
  assistantId: z.string().optional(),
  limit: z.coerce.number({ error: 'Must be a number' }).int().min(1).max(500).default(50),
  offset: z.coerce.number({ error: 'Must be a number' }).int().min(0).default(0),
});
export type CampaignQuery = z.output<typeof campaignQuery>;

export const RUN_ACTIONS = ['start', 'pause', 'resume', 'cancel'] as const;
export type RunAction = (typeof RUN_ACTIONS)[number];
export const runRequest = z.strictObject({
  id: z.string().min(1),
  action: z.enum(RUN_ACTIONS, { error: `action must be one of ${RUN_ACTIONS.join(', ')}` }),
});

const contactIds = z.array(z.string().min(1, 'Empty id'), { error: 'Must be a list of contact ids' }).min(1, 'Give at least one contact id').max(100_000, 'At most 100,000 ids per request');

export const audienceInput = z.strictObject({
  mode: z.literal('all_eligible', { error: 'mode must be all_eligible' }),
  companyId: z.string({ error: 'companyId is required' }).min(1, 'companyId is required'),
  hasPhoneOnly: z.boolean({ error: 'Must be true or false' }).default(true),
  excludeDnc: z.boolean({ error: 'Must be true or false' }).default(true),
  /** Narrows the audience like the contact list's search box (name, email or phone). */
  search: z.string({ error: 'Must be text' }).max(200, 'At most 200 characters').optional(),
  leadStatus: leadStatus.optional(),
});

/** Who to enrol: contactIds or audience (one of them), with an optional priority (higher dials sooner). */
const selectionFields = {
  contactIds: contactIds.optional(),
  audience: audienceInput.optional(),
  priority: int('Priority', -1000, 1000).default(0),
};

function oneOfContactIdsOrAudience(body: { contactIds?: unknown; audience?: unknown }, ctx: z.RefinementCtx): void {
  if (!body.contactIds === !body.audience) ctx.addIssue({ code: 'custom', path: ['contactIds'], message: 'Send contactIds or audience (one of them)' });
}

/** The contacts a campaign being saved from the New Campaign dialog enrols, in the same transaction. */
export const contactSelection = z.strictObject(selectionFields).superRefine(oneOfContactIdsOrAudience);
export type ContactSelection = z.output<typeof contactSelection>;

/** The seed's enrolment body: a selection of contacts for the campaign `id`. */
export const enrolRequest = z.strictObject({ id: z.string().min(1), ...selectionFields }).superRefine(oneOfContactIdsOrAudience);
export type EnrolRequest = z.output<typeof enrolRequest>;

/** campaigns.update as the New Campaign dialog sends it: the patch, and the contacts it enrols with it. */
export const campaignPatchWithContacts = z.looseObject({ enrol: contactSelection.optional() }).transform((raw, ctx) => {
  const { enrol, ...patch } = raw;
  const parsed = campaignPatch.safeParse(patch);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    return z.NEVER;
  }
  return { ...parsed.data, enrol };
});

export const enrolmentQuery = z.object({
  id: z.string().min(1),
  status: z.enum(['pending', 'calling', 'completed', 'failed', 'skipped'], { error: 'Unknown status' }).optional(),
  limit: z.coerce.number({ error: 'Must be a number' }).int().min(1).max(500).default(50),
  offset: z.coerce.number({ error: 'Must be a number' }).int().min(0).default(0),
});
