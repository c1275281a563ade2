import { z } from 'zod';
import { CALL_OUTCOMES } from '../../shared/campaigns/types';
import { stateFromText } from '../../shared/compliance/usStates';
import { optionalPhone, requiredPhone } from '../../shared/crm/schemas';
import { isValidTimeZone } from '../../shared/time/zones';

const instant = z
  .string({ error: 'Must be an ISO-8601 instant' })
  .refine((s) => !Number.isNaN(Date.parse(s)) && /(Z|[+-]\d\d:?\d\d)$/.test(s), 'Must be an ISO-8601 instant with Z or an offset')
  .transform((s) => Date.parse(s));
const zone = z.string().refine(isValidTimeZone, 'Must be an IANA time zone');
/** The contact's address state (stored as its "state" custom field): its zones and its state rules apply. */
const usState = z.string({ error: 'Must be text' }).transform((text, ctx) => {
  const state = stateFromText(text);
  if (state) return state;
  ctx.addIssue({ code: 'custom', message: 'Must be a US state, e.g. FL or Florida' });
  return z.NEVER;
});
const outcome = z.enum(CALL_OUTCOMES, { error: `Must be one of ${CALL_OUTCOMES.join(', ')}` });
const share = z.number({ error: 'Must be a number from 0 to 1' }).min(0, 'Must be at least 0').max(1, 'Must be at most 1');

/** Who answers the calls detection runs on, and how often it errs; a detector that never errs by default. */
const amd = z
  .strictObject({
    machineRate: share.optional(),
    humanAsMachineRate: share.default(0),
    machineAsHumanRate: share.default(0),
    unknownRate: share.default(0),
  })
  .superRefine((rates, ctx) => {
    // of each kind, the share left unknown and the share taken for the other kind cannot exceed the whole
    for (const key of ['humanAsMachineRate', 'machineAsHumanRate'] as const) {
      if (rates[key] + rates.unknownRate > 1) ctx.addIssue({ code: 'custom', path: [key], message: 'With unknownRate, must add up to at most 1' });
    }
  });

const TALK_RATES = ['optOutRate', 'callbackRate', 'transferRate'] as const;

/**
 * What the people who answer ask for, as shares of the answered calls, and how far ahead a callback asks. Given,
 * the simulated assistant holds a conversation on every answered call (with a number to transfer to).
 */
const conversation = z
  .strictObject({
    optOutRate: share.default(0),
    callbackRate: share.default(0),
    transferRate: share.default(0),
    callbackInMinutes: z
      .number({ error: 'Must be a whole number of minutes' })
      .int('Must be a whole number of minutes')
      .min(1, 'Must be at least 1')
      .max(43_200, 'Must be at most 43200 (30 days)')
      .default(60),
  })
  .superRefine((talk, ctx) => {
    // one call ends one way: the shares are of the same calls
    if (TALK_RATES.reduce((sum, key) => sum + talk[key], 0) <= 1) return;
    for (const key of TALK_RATES) {
      if (talk[key] > 0) ctx.addIssue({ code: 'custom', path: [key], message: 'optOutRate, callbackRate and transferRate must add up to at most 1' });
    }
  });

export const scenarioContact = z.strictObject({
  firstName: z.string().default(''),
  lastName: z.string().default(''),
  phone: optionalPhone,
  timezone: zone.optional(),
  doNotCall: z.boolean().default(false),
  leadStatus: z.string().optional(),
  state: usState.optional(),
  outcomes: z.array(outcome).default([]),
});
export type ScenarioContact = z.output<typeof scenarioContact>;

const event = z.discriminatedUnion(
  'action',
  [
    z.strictObject({ at: instant, action: z.literal('pause') }),
    z.strictObject({ at: instant, action: z.literal('resume') }),
    z.strictObject({ at: instant, action: z.literal('cancel') }),
    z.strictObject({ at: instant, action: z.literal('setDoNotCall'), phone: requiredPhone, value: z.boolean().default(true) }),
    z.strictObject({ at: instant, action: z.literal('addContacts'), contacts: z.array(scenarioContact).min(1) }),
    z.strictObject({
      at: instant,
      action: z.literal('addDncList'),
      name: z.string({ error: 'name is required' }).trim().min(1, 'name is required').max(100, 'At most 100 characters'),
      numbers: z.array(requiredPhone, { error: 'numbers is required' }).min(1, 'Give at least one number'),
    }),
  ],
  { error: 'Unknown action: use pause, resume, cancel, setDoNotCall, addContacts or addDncList' },
);
export type ScenarioEvent = z.output<typeof event>;

/** A simulation scenario (start, until, campaign, contacts, numbers, events), checked field by field before anything runs. */
export const scenarioSchema = z
  .strictObject({
    start: instant,
    until: instant.optional(),
    seed: z.number().int().default(1),
    campaign: z.record(z.string(), z.unknown()).default({}),
    fromNumbers: z.array(requiredPhone, { error: 'fromNumbers is required' }).min(1, 'Give at least one number'),
    contacts: z.array(scenarioContact).default([]),
    generate: z
      .strictObject({
        count: z.number().int().min(1).max(2_000_000),
        phonePrefix: z.string().regex(/^\+\d{1,10}$/, 'Must be + and digits, e.g. +1202').default('+1202'),
        timezones: z.array(zone).optional(),
      })
      .optional(),
    outcomeMix: z.partialRecord(outcome, z.number().min(0)).optional(),
    durations: z
      .strictObject({ ringSeconds: z.number().min(1).max(600).optional(), talkSeconds: z.tuple([z.number().min(1), z.number().min(1)]).optional() })
      .optional(),
    events: z.array(event).default([]),
    amd: amd.optional(),
    conversation: conversation.optional(),
  })
  .superRefine((s, ctx) => {
    if (s.until !== undefined && s.until <= s.start) ctx.addIssue({ code: 'custom', path: ['until'], message: 'Must be after start' });
    const seen = new Set<string>();
    s.contacts.forEach((c, i) => {
      if (c.phone && seen.has(c.phone)) ctx.addIssue({ code: 'custom', path: ['contacts', i, 'phone'], message: `${c.phone} is listed twice` });
      if (c.phone) seen.add(c.phone);
    });
  })
  .transform((s) => ({ ...s, until: s.until ?? s.start + 60 * 24 * 3_600_000 }));
export type Scenario = z.output<typeof scenarioSchema>;
