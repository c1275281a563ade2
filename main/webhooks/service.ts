import type BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { parseInput } from '../../shared/validation';
import {
  deliveriesQuery,
  resendRequest,
  webhookInput,
  webhookPatch,
  type WebhookDelivery,
  type WebhookEndpoint,
  type WebhookWithSecret,
} from '../../shared/webhooks/types';
import { newId } from '../platform/ids';
import type { SecretSealer } from '../platform/secrets';
import { notifyWebhookEvent } from './outbox';
import { newWebhookSecret } from './signer';
import { createWebhookStore } from './store';

interface TeamScope {
  teamId: string;
}

export interface WebhookServiceDeps {
  sqlite: BetterSqlite3.Database;
  sealer: SecretSealer;
  now: () => number;
}

/**
 * A team's webhook endpoints and their delivery logs. The secret is sealed before it is stored and
 * returned only by create and rotateSecret; every other answer leaves it out.
 */
export function createWebhookService({ sqlite, sealer, now }: WebhookServiceDeps) {
  const store = createWebhookStore(sqlite);

  const endpoint = (team: TeamScope, id: string): WebhookEndpoint => {
    const found = store.get(team.teamId, id);
    if (!found) throw AppError.notFound('Webhook', id);
    return found;
  };

  return {
    store,
    list: (team: TeamScope): WebhookEndpoint[] => store.list(team.teamId),
    get: endpoint,

    create(team: TeamScope, raw: unknown): WebhookWithSecret {
      const input = parseInput(webhookInput, raw);
      const secret = newWebhookSecret();
      const id = newId('wh');
      store.insert({ id, teamId: team.teamId, url: input.url, events: input.events, secret: sealer.seal(secret), at: now() });
      return { webhook: endpoint(team, id), secret };
    },

    /** URL, events, or on/off; turning it on again clears why the app had turned it off. */
    update(team: TeamScope, raw: unknown): WebhookEndpoint {
      const { id, ...changes } = parseInput(webhookPatch, raw);
      endpoint(team, id);
      store.update({ teamId: team.teamId, id, ...changes, at: now() });
      if (changes.enabled) notifyWebhookEvent(sqlite);
      return endpoint(team, id);
    },

    /** Deletes the endpoint and its delivery log. */
    remove(team: TeamScope, id: string): { id: string } {
      if (!store.remove(team.teamId, id)) throw AppError.notFound('Webhook', id);
      return { id };
    },

    /** A new secret: deliveries from now on are signed with it, and the old one stops verifying. */
    rotateSecret(team: TeamScope, id: string): WebhookWithSecret {
      endpoint(team, id);
      const secret = newWebhookSecret();
      store.setSecret({ teamId: team.teamId, id, secret: sealer.seal(secret), at: now() });
      return { webhook: endpoint(team, id), secret };
    },

    /** The endpoint's deliveries, newest first. */
    deliveries(team: TeamScope, raw: unknown): WebhookDelivery[] {
      const { id, limit } = parseInput(deliveriesQuery, raw);
      endpoint(team, id);
      return store.deliveries(id, limit);
    },

    /** Sends a delivery's event again (same webhook-id, same body) as a new delivery, after what is queued. */
    resend(team: TeamScope, raw: unknown): WebhookDelivery {
      const { id, deliveryId } = parseInput(resendRequest, raw);
      endpoint(team, id);
      const delivery = store.resend(id, deliveryId, now());
      if (!delivery) throw AppError.notFound('Delivery', deliveryId);
      notifyWebhookEvent(sqlite);
      return delivery;
    },
  };
}

export type WebhookService = ReturnType<typeof createWebhookService>;
