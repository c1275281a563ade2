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
import { newWebhookSecret } from './signer';
import type { WebhookStore } from './store';

interface TeamScope {
  teamId: string;
}

export interface WebhookServiceDeps {
  store: WebhookStore;
  sealer: SecretSealer;
  now: () => number;
}

const found = <T>(id: string, thing: T | undefined): T => {
  if (thing === undefined) throw AppError.notFound('Webhook', id);
  return thing;
};

/**
 * A team's webhook endpoints and their delivery logs. The secret is sealed before it is stored and
 * returned only by create and rotateSecret; every other answer leaves it out.
 */
export function createWebhookService({ store, sealer, now }: WebhookServiceDeps) {
  const endpoint = async (team: TeamScope, id: string): Promise<WebhookEndpoint> => found(id, await store.get(team.teamId, id));

  return {
    store,
    list: (team: TeamScope): Promise<WebhookEndpoint[]> => store.list(team.teamId),
    get: endpoint,

    async create(team: TeamScope, raw: unknown): Promise<WebhookWithSecret> {
      const input = parseInput(webhookInput, raw);
      const secret = newWebhookSecret();
      const id = newId('wh');
      await store.insert({ id, teamId: team.teamId, url: input.url, events: input.events, secret: sealer.seal(secret), at: now() });
      return { webhook: await endpoint(team, id), secret };
    },

    /** URL, events, or on/off; turning it on again clears why the app had turned it off. */
    async update(team: TeamScope, raw: unknown): Promise<WebhookEndpoint> {
      const { id, ...changes } = parseInput(webhookPatch, raw);
      return found(id, await store.update({ teamId: team.teamId, id, ...changes, at: now() }));
    },

    /** Deletes the endpoint and its delivery log. */
    async remove(team: TeamScope, id: string): Promise<{ id: string }> {
      if (!(await store.remove(team.teamId, id))) throw AppError.notFound('Webhook', id);
      return { id };
    },

    /** A new secret: deliveries from now on are signed with it, and the old one stops verifying. */
    async rotateSecret(team: TeamScope, id: string): Promise<WebhookWithSecret> {
      const secret = newWebhookSecret();
      return { webhook: found(id, await store.setSecret(team.teamId, id, sealer.seal(secret), now())), secret };
    },

    /** The endpoint's deliveries, newest first. */
    async deliveries(team: TeamScope, raw: unknown): Promise<WebhookDelivery[]> {
      const { id, limit } = parseInput(deliveriesQuery, raw);
      await endpoint(team, id);
      return store.deliveries(id, limit);
    },

    /** Sends a delivery's event again (same webhook-id, same body) as a new delivery, after what is queued. */
    async resend(team: TeamScope, raw: unknown): Promise<WebhookDelivery> {
      const { id, deliveryId } = parseInput(resendRequest, raw);
      await endpoint(team, id);
      const delivery = await store.resend(id, deliveryId, now());
      if (!delivery) throw AppError.notFound('Delivery', deliveryId);
      return delivery;
    },
  };
}

export type WebhookService = ReturnType<typeof createWebhookService>;
