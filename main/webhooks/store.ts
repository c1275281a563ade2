import type { DeliveryStatus, WebhookDelivery, WebhookEndpoint, WebhookEventType } from '../../shared/webhooks/types';

/** A delivery the worker may send: its event's exact body and id, and where to. Instants are UTC ms. */
export interface DueDelivery {
  seq: number;
  endpointId: string;
  attempts: number;
  nextAttemptAt: number;
  /** When this delivery was queued (a resend is queued anew): retries stop 24 h after. */
  queuedAt: number;
  messageId: string;
  body: string;
  url: string;
  /** Sealed. */
  secret: string;
  /** Changes with the secret: a cached signer is rebuilt. */
  endpointUpdatedAt: number;
}

/** What one attempt came to. */
export interface AttemptRecord {
  seq: number;
  status: DeliveryStatus;
  nextAttemptAt: number;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  at: number;
}

export interface NewEndpoint {
  id: string;
  teamId: string;
  url: string;
  events: WebhookEventType[];
  /** Sealed. */
  secret: string;
  at: number;
}

/** What a person changes of an endpoint; what is left out stays. */
export interface EndpointChange {
  teamId: string;
  id: string;
  url?: string;
  events?: WebhookEventType[];
  /** Either way it clears why the app had turned the endpoint off. */
  enabled?: boolean;
  at: number;
}

/**
 * Where webhook endpoints and their deliveries persist; every engine implements it. The events themselves
 * are written by the engine's outbox, inside the transactions that make the changes they report. Whatever
 * queues something to send (a resend, an endpoint turned on) tells the engine's listeners for the worker.
 */
export interface WebhookStore {
  /** A team's endpoints, oldest first. */
  list(teamId: string): Promise<WebhookEndpoint[]>;
  get(teamId: string, id: string): Promise<WebhookEndpoint | undefined>;
  insert(endpoint: NewEndpoint): Promise<void>;
  /** The endpoint as changed, or undefined when the team has no such endpoint. */
  update(change: EndpointChange): Promise<WebhookEndpoint | undefined>;
  /** Replaces the sealed secret; the endpoint as changed, or undefined when the team has none such. */
  setSecret(teamId: string, id: string, secret: string, at: number): Promise<WebhookEndpoint | undefined>;
  /** Deletes the endpoint and its deliveries; false when the team had no such endpoint. */
  remove(teamId: string, id: string): Promise<boolean>;
  /** Turns an endpoint off by the app's own decision, saying why; false when it was off already. */
  disable(id: string, reason: string, at: number): Promise<boolean>;
  /** An endpoint's deliveries, newest first; nextAttemptAt only while one is pending. */
  deliveries(endpointId: string, limit: number): Promise<WebhookDelivery[]>;
  /** A new pending delivery of the same event to the same endpoint, queued at `at`; undefined when the endpoint has no such delivery. */
  resend(endpointId: string, deliveryId: string, at: number): Promise<WebhookDelivery | undefined>;
  /** Makes the deliveries of the events written since the last call, each event once however many processes call it; cheap when there are none. */
  fanOut(): Promise<void>;
  /** Each enabled endpoint's first `perEndpoint` pending deliveries, in event order. */
  windows(perEndpoint: number): Promise<DueDelivery[]>;
  record(attempt: AttemptRecord): Promise<void>;
}
