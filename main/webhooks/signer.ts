import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** The prefix Standard Webhooks libraries expect before the base64 key. */
const SECRET_PREFIX = 'whsec_';

/** A new signing secret: 32 random bytes, in the form every Standard Webhooks verifier reads. */
export function newWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64');
}

/** The headers of one signed message, per the Standard Webhooks spec. */
export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/** Signs with the maintained standardwebhooks package, so any receiver's Standard Webhooks library verifies it. */
export function signerFor(secret: string) {
  const webhook = new Webhook(secret);
  return (messageId: string, at: number, body: string): SignedHeaders => ({
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(at / 1000)),
    'webhook-signature': webhook.sign(messageId, new Date(at), body),
  });
}
