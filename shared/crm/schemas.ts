import { z } from 'zod';
import { ASSISTANT_DEFAULTS, MAX_CALL_MINUTES, VOICE_ENGINES } from '../assistants/engines';
import { unknownVariablesError } from '../assistants/templates';
import { collectFields } from '../analysis/collect';
import { toE164 } from '../phone';
import { patchOf } from '../validation';
import { MEDIA_ID } from '../telephony/media';
import { isValidTimeZone } from '../time/zones';
import { LEAD_STATUSES } from './leadStatus';
import { PHONE_NUMBER_STATUSES } from './types';

/** Optional free text: trimmed, and '' / null / undefined all mean "none". */
export const optionalText = (max = 500) =>
  z
    .string({ error: 'Must be text' })
    .max(max, `At most ${max} characters`)
    .nullish()
    .transform((s) => (s?.trim() ? s.trim() : null));

export const requiredText = (label: string, max = 200) =>
  z
    .string({ error: `${label} is required` })
    .trim()
    .min(1, `${label} is required`)
    .max(max, `At most ${max} characters`);

/** Any common phone format -> E.164, or a field error. '' / null mean "no phone". */
export const optionalPhone = z
  .string({ error: 'Must be text' })
  .nullish()
  .transform((raw, ctx) => {
    if (!raw?.trim()) return null;
    const e164 = toE164(raw);
    if (!e164) {
      ctx.addIssue({ code: 'custom', message: `"${raw}" is not a valid phone number` });
      return z.NEVER;
    }
    return e164;
  });

export const requiredPhone = optionalPhone.transform((phone, ctx) => {
  if (phone !== null) return phone;
  ctx.addIssue({ code: 'custom', message: 'Phone number is required' });
  return z.NEVER;
});

const timeZone = z
  .string({ error: 'Must be text' })
  .nullish()
  .transform((zone, ctx) => {
    if (!zone?.trim()) return null;
    if (!isValidTimeZone(zone.trim())) {
      ctx.addIssue({ code: 'custom', message: `"${zone}" is not an IANA time zone` });
      return z.NEVER;
    }
    return zone.trim();
  });

const emailFormat = z.email();
const optionalEmail = z
  .string({ error: 'Must be text' })
  .nullish()
  .transform((s) => (s?.trim() ? s.trim() : null))
  .refine((s) => s === null || emailFormat.safeParse(s).success, 'Not a valid email address');

const customFields = z.record(z.string(), z.string().max(2000)).default({});
const id = (label: string) => z.string({ error: `${label} is required` }).min(1, `${label} is required`);

export const leadStatus = z.enum(LEAD_STATUSES, { error: `Must be one of ${LEAD_STATUSES.join(', ')}` });

/** Strict booleans plus the spellings people type in spreadsheets. */
export const looseBoolean = z.union([
  z.boolean(),
  z
    .string()
    .transform((s) => s.trim().toLowerCase())
    .pipe(z.enum(['true', 'false', 'yes', 'no', 'y', 'n', '1', '0', ''], { error: 'Must be yes or no' }))
    .transform((s) => ['true', 'yes', 'y', '1'].includes(s)),
]);

/** A web address or none: a full http(s) URL or a bare domain such as "northwind.example"; "n/a" or "call Bob" is a field error. */
const optionalWebsite = optionalText().transform((text, ctx) => {
  if (text === null) return null;
  const url = /^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`;
  const parsed = URL.canParse(url) ? new URL(url) : null;
  if (!parsed || !/^https?:$/.test(parsed.protocol) || !/^([a-z0-9-]+\.)+[a-z0-9-]{2,}$/i.test(parsed.hostname)) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not a web address (such as https://example.com)` });
    return z.NEVER;
  }
  return text;
});

export const companyInput = z.object({
  name: requiredText('Company name'),
  website: optionalWebsite,
  industry: optionalText(),
  phone: optionalPhone,
  city: optionalText(),
  state: optionalText(),
  country: optionalText(),
  customFields,
});
export const companyPatch = patchOf(companyInput);

/** The fields of a contact, each checked alone; `contactInput` adds the rule that ties them together. */
export const contactFields = z.object({
  companyId: id('Company'),
  firstName: z.string({ error: 'Must be text' }).trim().max(200).default(''),
  lastName: z.string({ error: 'Must be text' }).trim().max(200).default(''),
  phone: optionalPhone,
  phoneSecondary: optionalPhone,
  email: optionalEmail,
  jobTitle: optionalText(),
  leadStatus: leadStatus.default('new'),
  source: optionalText(),
  timezone: timeZone,
  doNotCall: looseBoolean.default(false),
  notes: optionalText(5000),
  tags: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
  customFields,
});

/** What a record needs to be someone: a name, a number to call or an address to write to. */
export interface ContactIdentity {
  firstName: string;
  lastName: string;
  phone: string | null;
  email: string | null;
}

export const NO_IDENTITY = 'Give the contact a name, a phone number or an email';

/** The field errors of a contact with none of name, phone and email (an empty or junk record), or null. */
export function identityErrors(contact: ContactIdentity): Record<string, string> | null {
  if (contact.firstName.trim() || contact.lastName.trim() || contact.phone || contact.email) return null;
  return { firstName: NO_IDENTITY, lastName: NO_IDENTITY, phone: NO_IDENTITY, email: NO_IDENTITY };
}

export const contactInput = contactFields.superRefine((contact, ctx) => {
  for (const [field, message] of Object.entries(identityErrors(contact) ?? {})) ctx.addIssue({ code: 'custom', path: [field], message });
});
export type ContactInput = z.output<typeof contactInput>;

export const contactPatch = patchOf(contactFields.omit({ companyId: true }));

const limit = z.coerce.number().int().min(1).max(500).default(50);
const offset = z.coerce.number().int().min(0).default(0);

export const contactQuery = z.object({
  companyId: z.string().optional(),
  search: z.string().max(200).optional(),
  leadStatus: leadStatus.optional(),
  hasPhone: z.boolean().optional(),
  excludeDnc: z.boolean().optional(),
  /** true: only DNC contacts; false: only the others. */
  doNotCall: z.boolean().optional(),
  eligibleOnly: z.boolean().optional(),
  limit,
  offset,
});
export type ContactQuery = z.output<typeof contactQuery>;

export const companyQuery = z.object({ search: z.string().max(200).optional(), limit, offset });
export type CompanyQuery = z.output<typeof companyQuery>;

/** What the assistant says or is told: a template whose variables must all be known. */
const voiceText = optionalText(2000).superRefine((text, ctx) => {
  const unknown = unknownVariablesError(text);
  if (unknown) ctx.addIssue({ code: 'custom', message: unknown });
});

/** A model or voice name as the realtime API takes it: one word of letters, digits, dots, dashes or underscores. */
const realtimeName = (label: string, example: string) =>
  z
    .string({ error: `${label} must be text` })
    .trim()
    .regex(/^[A-Za-z0-9][\w.-]{0,99}$/, `${label} must be a name such as ${example}`)
    .default(example);

/** Where a live agent takes the call's audio: a ws:// or wss:// URL, or none. */
const agentUrl = optionalText(2000).refine((url) => url === null || (URL.canParse(url) && /^wss?:$/.test(new URL(url).protocol)), 'Must be a ws:// or wss:// URL');

/** Uploaded audio (media.upload, POST /api/media), by its id; '' / null: none. */
const mediaId = optionalText(100).refine((id) => id === null || MEDIA_ID.test(id), 'Must be the id of uploaded audio (med_…)');

/** Audio once named a file on this machine, any file; it is now uploaded, and the assistant names its id. */
const pathNoLonger = (idField: string) =>
  z
    .unknown()
    .refine((value) => typeof value !== 'string', `A file path is not taken: upload the WAV (POST /api/media) and give its id as ${idField}`)
    .transform(() => undefined)
    .optional();

export const assistantInput = z.object({
  name: requiredText('Assistant name'),
  greeting: voiceText,
  prompt: voiceText,
  voicemailMessage: voiceText,
  outboundEnabled: z.boolean().default(false),
  provider: z.string().trim().min(1).max(50).default('simulator'),
  agentUrl,
  greetingAudioId: mediaId,
  voicemailAudioId: mediaId,
  /** What a read gives (the media, with name and duration) is ignored when sent back; a path is refused. */
  greetingAudio: pathNoLonger('greetingAudioId'),
  voicemailAudio: pathNoLonger('voicemailAudioId'),
  recordCalls: z.boolean({ error: 'Must be true or false' }).default(false),
  /** Left out on create: media-streams with an agent URL, else audio. */
  engine: z.enum(VOICE_ENGINES, { error: `Must be one of ${VOICE_ENGINES.join(', ')}` }).optional(),
  realtimeModel: realtimeName('Model', ASSISTANT_DEFAULTS.realtimeModel),
  realtimeVoice: realtimeName('Voice', ASSISTANT_DEFAULTS.realtimeVoice),
  /** Where transfer_call sends the call (cold transfer); none: the assistant cannot transfer. */
  transferNumber: optionalPhone,
  maxCallMinutes: z
    .number({ error: 'Must be a number of minutes' })
    .int('Must be a whole number of minutes')
    .min(MAX_CALL_MINUTES.min, `At least ${MAX_CALL_MINUTES.min} minute`)
    .max(MAX_CALL_MINUTES.max, `At most ${MAX_CALL_MINUTES.max} minutes`)
    .default(ASSISTANT_DEFAULTS.maxCallMinutes),
  /** What the post-call analysis reads out of each conversation. */
  collect: collectFields,
  /** In words: what makes a call a success, for the analysis to judge. */
  successCriterion: optionalText(2000),
});
export const assistantPatch = patchOf(assistantInput);

export const phoneNumberInput = z.object({
  number: requiredPhone,
  label: optionalText(),
  provider: z.string().trim().min(1).max(50).default('simulator'),
  status: z.enum(PHONE_NUMBER_STATUSES, { error: `Must be one of ${PHONE_NUMBER_STATUSES.join(', ')}` }).default('active'),
  assistantId: z.string().min(1).nullish().transform((s) => s ?? null),
  /** The SIP trunk the number calls through; required when the provider is 'sip'. */
  trunkId: z.string({ error: 'Must be a trunk id' }).min(1, 'Must be a trunk id').nullish().transform((s) => s ?? null),
  /** Provider settings (trunk host, credentials…): stored, never shown back. */
  providerConfig: z.record(z.string(), z.unknown(), { error: 'Must be an object' }).default({}),
});
export const phoneNumberPatch = patchOf(phoneNumberInput);

export const byId = z.object({ id: z.string({ error: 'id is required' }).min(1, 'id is required') });
