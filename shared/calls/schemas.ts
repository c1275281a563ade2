import { z } from 'zod';
import { FIELD_KEY } from '../analysis/collect';
import { CALL_OUTCOMES } from '../campaigns/types';
import { isoInstant } from '../time/localTime';

const instant = z.string({ error: 'Must be an ISO-8601 date-time' }).transform((text, ctx) => {
  const at = isoInstant(text);
  if (at === null) ctx.addIssue({ code: 'custom', message: 'Must be an ISO-8601 date-time such as 2026-06-01T09:00:00Z' });
  return at ?? z.NEVER;
});

/** Where a page of calls ends, as its nextCursor says: the last call's start (epoch ms) and its sequence number. */
export interface CallCursor {
  startedAt: number;
  seq: number;
}

export const callCursorText = ({ startedAt, seq }: CallCursor) => `${startedAt}.${seq}`;

const cursor = z.string({ error: 'Must be text' }).transform((text, ctx): CallCursor => {
  const m = /^(\d{1,15})\.(\d{1,15})$/.exec(text);
  if (!m) ctx.addIssue({ code: 'custom', message: 'Not a cursor a page of calls returned' });
  return m ? { startedAt: Number(m[1]), seq: Number(m[2]) } : z.NEVER;
});

/**
 * The calls list, newest first: of one campaign or the whole team, of one outcome, started from `from`
 * (inclusive) to `to` (exclusive), by what their analysis found. Paged by offset, or after a page's nextCursor, which stays cheap however deep.
 */
export const callsQuery = z
  .object({
    campaignId: z.string().optional(),
    outcome: z.enum(CALL_OUTCOMES, { error: `Must be one of ${CALL_OUTCOMES.join(', ')}` }).optional(),
    from: instant.optional(),
    to: instant.optional(),
    /** Calls whose analysis met (true) or missed (false) the success criterion. */
    success: z.union([z.boolean(), z.enum(['true', 'false'], { error: 'Must be true or false' }).transform((s) => s === 'true')]).optional(),
    /** Calls whose analysis collected `value` for the field `field` (both or neither). */
    field: z.string({ error: 'Must be a field key' }).regex(FIELD_KEY, 'Must be a field key').optional(),
    // a query string's true/false and numbers may arrive parsed
    value: z
      .union([z.string(), z.number(), z.boolean()], { error: 'Must be text' })
      .transform(String)
      .pipe(z.string().max(200, 'At most 200 characters'))
      .optional(),
    cursor: cursor.optional(),
    limit: z.coerce.number({ error: 'Must be a number' }).int().min(1).max(500).default(50),
    offset: z.coerce.number({ error: 'Must be a number' }).int().min(0).default(0),
  })
  .superRefine((query, ctx) => {
    if (typeof query.from === 'number' && typeof query.to === 'number' && query.from >= query.to) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'Must be after from' });
    }
    if ((query.field === undefined) !== (query.value === undefined)) {
      ctx.addIssue({ code: 'custom', path: [query.field === undefined ? 'field' : 'value'], message: 'Give field and value together' });
    }
    if (query.cursor && query.offset > 0) ctx.addIssue({ code: 'custom', path: ['offset'], message: 'Give a cursor or an offset, not both' });
  });
export type CallsQuery = z.output<typeof callsQuery>;
