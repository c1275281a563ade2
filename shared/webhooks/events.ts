import { z } from 'zod';
import { SPEAKERS } from '../calls/types';
import { CALL_OUTCOMES, CAMPAIGN_STATUSES } from '../campaigns/types';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from './types';

/*
 * The bodies the app sends, as the outbox's SQL builds them. These schemas are the one description of them:
 * the TypeScript types below and the OpenAPI document's `webhooks` are both made from them, and a test checks
 * real bodies against them. Objects are not strict: a receiver should accept fields added later.
 */

const instant = z.iso.datetime().describe('ISO-8601 instant, UTC');
const nullableText = (description: string) => z.string().nullable().describe(description);

const contactPerson = {
  firstName: z.string(),
  lastName: z.string(),
  phone: nullableText('E.164; null when the contact has none'),
  email: nullableText('Null when the contact has none'),
};

const callData = z
  .object({
    callId: z.string(),
    campaignId: z.string(),
    attempt: z.int().min(1).describe("Which of the contact's attempts in this campaign, from 1"),
    status: z.enum(['dialing', 'ringing', 'in_progress', 'ended']),
    outcome: z.enum(CALL_OUTCOMES).nullable().describe('Null until the call has ended'),
    from: z.string().describe('The caller ID dialed from (E.164)'),
    to: z.string().describe('The number dialed (E.164)'),
    durationSeconds: z.number().nullable().describe('How long the call lasted; null until it has ended'),
    startedAt: instant,
    answeredAt: instant.nullable(),
    endedAt: instant.nullable(),
    contact: z
      .object({ id: z.string().nullable(), firstName: z.string().nullable(), lastName: z.string().nullable(), phone: contactPerson.phone, email: contactPerson.email })
      .describe('The contact called; every field is null once the contact has been deleted'),
  })
  .describe('A call and its contact, as they are at the moment reported');

/** What each event reports under `data`. */
const DATA = {
  'call.started': callData,
  'call.answered': callData,
  'call.ended': callData,
  'call.analyzed': z.object({
    callId: z.string(),
    campaignId: z.string(),
    contactId: z.string(),
    summary: z.string(),
    success: z.boolean().describe("Whether the call met the assistant's success criterion"),
    fields: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).describe("The assistant's collected fields by key"),
    transcript: z
      .array(z.object({ speaker: z.enum(SPEAKERS), text: z.string(), offsetMs: z.number().describe('From the answer'), interrupted: z.boolean() }))
      .describe('The conversation, in the order spoken'),
  }),
  'campaign.status_changed': z.object({
    campaignId: z.string(),
    name: z.string(),
    status: z.enum(CAMPAIGN_STATUSES),
    previousStatus: z.enum(CAMPAIGN_STATUSES),
  }),
  'contact.opted_out': z.object({ contactId: z.string(), campaignId: z.string().describe('The campaign of the call on which they asked'), ...contactPerson }),
} satisfies Record<WebhookEventType, z.ZodType>;

/** What a receiver is told of each event, in its summary. */
const SUMMARY: Record<WebhookEventType, string> = {
  'call.started': 'A call was placed',
  'call.answered': 'A call was answered',
  'call.ended': 'A call ended (its outcome, duration, numbers and contact)',
  'call.analyzed': "A call's post-call analysis was stored (summary, success, collected fields, transcript)",
  'campaign.status_changed': "A campaign's status changed",
  'contact.opted_out': 'A contact asked on a call not to be called again',
};

const bodyOf = <T extends WebhookEventType>(type: T) =>
  z.object({ type: z.literal(type), timestamp: instant.describe('When it happened'), data: DATA[type] }).describe(SUMMARY[type]);

/** The JSON body sent for each event type: `{ type, timestamp, data }`. */
export const WEBHOOK_EVENT_BODIES = Object.fromEntries(WEBHOOK_EVENT_TYPES.map((type) => [type, bodyOf(type)])) as {
  [T in WebhookEventType]: ReturnType<typeof bodyOf<T>>;
};

/** Any event body, told apart by its `type`. */
export type WebhookEventBody = { [T in WebhookEventType]: z.infer<(typeof WEBHOOK_EVENT_BODIES)[T]> }[WebhookEventType];
