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

/** SIMULATION.md's scenario, checked field by field before anything runs. */
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
