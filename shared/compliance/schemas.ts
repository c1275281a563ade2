import { z } from 'zod';
import { CSV_TOO_LARGE, MAX_CSV_BYTES } from '../crm/csvImport';
import { requiredText } from '../crm/schemas';
import { toE164 } from '../phone';

const listName = requiredText('Name', 100);
const paging = {
  limit: z.coerce.number({ error: 'Must be a number' }).int().min(1).max(500).default(50),
  offset: z.coerce.number({ error: 'Must be a number' }).int().min(0).default(0),
};

/** An import goes to an existing list (listId) or to the list of this name (created when new). */
export const dncImportRequest = z
  .strictObject({
    listId: z.string({ error: 'Must be text' }).min(1, 'listId is empty').optional(),
    name: listName.optional(),
    text: z.string({ error: 'The file text is required' }).min(1, 'The file is empty').max(MAX_CSV_BYTES, CSV_TOO_LARGE),
  })
  .superRefine((request, ctx) => {
    if (!request.listId === !request.name) ctx.addIssue({ code: 'custom', path: ['name'], message: 'Give a list name or a listId (one of them)' });
  });
export type DncImportRequest = z.output<typeof dncImportRequest>;

const listId = z.string({ error: 'listId is required' }).min(1, 'listId is required');

/** One number typed by a person, in any common format; stored as E.164. */
const dncNumber = z
  .string({ error: 'A phone number is required' })
  .trim()
  .min(1, 'A phone number is required')
  .transform((raw, ctx) => {
    const e164 = toE164(raw);
    if (!e164) ctx.addIssue({ code: 'custom', message: `"${raw}" is not a valid phone number` });
    return e164 ?? z.NEVER;
  });

export const dncNumberRequest = z.strictObject({ listId, number: dncNumber });
export type DncNumberRequest = z.output<typeof dncNumberRequest>;

export const dncNumberQuery = z.strictObject({ listId, search: z.string().max(40).optional(), ...paging });
export type DncNumberQuery = z.output<typeof dncNumberQuery>;

export const dncRename = z.strictObject({ id: z.string({ error: 'id is required' }).min(1, 'id is required'), name: listName });

export const decisionsQuery = z.strictObject({
  campaignId: z.string({ error: 'campaignId is required' }).min(1, 'campaignId is required'),
  contactId: z.string({ error: 'Must be text' }).min(1, 'contactId is empty').optional(),
  ...paging,
});
export type DecisionsQuery = z.output<typeof decisionsQuery>;

/** A campaign's compliance settings on creation (migration 008 gives existing campaigns the same): safe defaults on. */
export const COMPLIANCE_DEFAULTS = { legalHoursGuard: true, rollingCapPer24h: 3 as number | null };

/** The campaign fields of the compliance settings, to spread into the campaign schema. */
export const complianceFields = {
  legalHoursGuard: z.boolean({ error: 'Must be true or false' }),
  /** Attempts to one number across the team's campaigns in any 24 hours; null = only the state presets. */
  rollingCapPer24h: z
    .number({ error: 'Must be a number or null' })
    .int('Must be a whole number')
    .min(1, 'Must be at least 1')
    .max(50, 'Must be at most 50')
    .nullable(),
};
