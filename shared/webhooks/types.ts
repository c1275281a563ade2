import { z } from 'zod';

/** Every event a webhook endpoint can subscribe to. */
export const WEBHOOK_EVENT_TYPES = [
  'call.started',
  'call.answered',
  'call.ended',
  'call.analyzed',
  'campaign.status_changed',
  'contact.opted_out',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** An endpoint as every reader sees it: never its secret, which is shown once, on create and on rotate. */
export interface WebhookEndpoint {
  id: string;
  url: string;
  events: WebhookEventType[];
  enabled: boolean;
  /** Why the app turned it off by itself (it kept failing); null when on or turned off by hand. */
  disabledReason: string | null;
  createdAt: number;
  updatedAt: number;
}

/** An endpoint and its signing secret: the answer to create and rotate, the only ones that show it. */
export interface WebhookWithSecret {
  webhook: WebhookEndpoint;
  secret: string;
}

/** An endpoint the app turned off because every attempt failed for 24 hours. */
export interface EndpointDisabled {
  endpointId: string;
  url: string;
  reason: string;
}

/** The headline that tells people so, the same in the app's notice and the desktop's notification. */
export const endpointDisabledTitle = ({ url }: Pick<EndpointDisabled, 'url'>) => `Webhook turned off: ${url}`;

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One event's delivery to one endpoint, with its last attempt: the delivery log. */
export interface WebhookDelivery {
  id: string;
  /** The webhook-id header, the same on every attempt and resend. */
  eventId: string;
  type: WebhookEventType;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: number | null;
  lastStatusCode: number | null;
  lastDurationMs: number | null;
  lastError: string | null;
  createdAt: number;
  updatedAt: number;
}

const url = z
  .string({ error: 'URL is required' })
  .trim()
  .min(1, 'URL is required')
  .max(2000, 'At most 2000 characters')
  .refine((text) => URL.canParse(text) && /^https?:$/.test(new URL(text).protocol), 'An http:// or https:// URL');
const events = z
  .array(z.enum(WEBHOOK_EVENT_TYPES, { error: `One of ${WEBHOOK_EVENT_TYPES.join(', ')}` }), { error: 'A list of event types' })
  .min(1, 'Choose at least one event')
  .transform((list) => [...new Set(list)]);

export const webhookInput = z.strictObject({ url, events });
export const webhookPatch = z.strictObject({ id: z.string().min(1), url: url.optional(), events: events.optional(), enabled: z.boolean({ error: 'true or false' }).optional() });
export const webhookRef = z.strictObject({ id: z.string({ error: 'Choose a webhook' }).min(1, 'Choose a webhook') });
export const deliveriesQuery = z.strictObject({
  id: z.string().min(1),
  limit: z.coerce.number({ error: 'A whole number' }).int('A whole number').min(1, 'At least 1').max(200, 'At most 200').default(50),
});
export const resendRequest = z.strictObject({ id: z.string().min(1), deliveryId: z.string({ error: 'Choose a delivery' }).min(1, 'Choose a delivery') });
