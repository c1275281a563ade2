import type { Clock } from '../platform/clock';
import type { EndpointDisabled } from '../../shared/webhooks/types';
import type { Logger } from '../platform/log';
import type { SecretSealer } from '../platform/secrets';
import { signerFor, type SignedHeaders } from './signer';
import type { AttemptRecord, DueDelivery, WebhookStore } from './store';

/** How long a receiver has to answer before the attempt counts as failed. */
export const DELIVERY_TIMEOUT_MS = 10_000;
/** How long a delivery is retried before it is `failed` (and its endpoint turned off). */
export const RETRY_WINDOW_MS = 24 * 60 * 60_000;
/** The first retry's delay; each next one doubles, up to RETRY_CAP_MS. */
export const FIRST_RETRY_MS = 5_000;
export const RETRY_CAP_MS = 60 * 60_000;
/** Deliveries of one endpoint sent at once: one keeps them in event order at the receiver. */
export const DEFAULT_IN_FLIGHT_PER_ENDPOINT = 1;
/**
 * How often (wall time) the worker looks for events it was not told of: those another process on the same
 * file wrote, or a transaction that had not committed yet when it was told.
 */
const OTHER_WRITERS_POLL_MS = 1_000;
const RETRY_AFTER_READ_FAILURE_MS = 1_000;
/** What of a receiver's answer or error the log keeps. */
const ERROR_CHARS = 300;

/**
 * The delay before retry number `attempt` (1 for the first): doubling from FIRST_RETRY_MS up to the cap,
 * each drawn in its upper half ("equal jitter"), so retries of many deliveries spread out and every gap
 * still exceeds the one before until the cap.
 */
export function retryDelayMs(attempt: number, random: () => number): number {
  const full = Math.min(FIRST_RETRY_MS * 2 ** (attempt - 1), RETRY_CAP_MS);
  return Math.round(full / 2 + (full / 2) * random());
}

export interface WebhookWorkerOptions {
  store: WebhookStore;
  sealer: SecretSealer;
  clock: Clock;
  log: Logger;
  /** Production: DELIVERY_TIMEOUT_MS; tests inject a short one. */
  timeoutMs?: number;
  inFlightPerEndpoint?: number;
  random?: () => number;
  /** The wall clock the signature's timestamp reads: receivers compare it with theirs (Date.now unless given). */
  wallNow?: () => number;
  /** An endpoint that kept failing was turned off (the shells show a notification). */
  onEndpointDisabled?: (disabled: EndpointDisabled) => void;
}

interface AttemptOutcome {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

async function post(url: string, headers: SignedHeaders, body: string, timeoutMs: number): Promise<AttemptOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Dialwell-Webhooks/1', ...headers },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    if (response.status >= 200 && response.status < 300) return { statusCode: response.status, error: null, durationMs: elapsed() };
    return { statusCode: response.status, error: `HTTP ${response.status}${text ? `: ${text.slice(0, ERROR_CHARS)}` : ''}`, durationMs: elapsed() };
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError';
    const cause = (error as { cause?: Error }).cause?.message ?? (error as Error).message;
    return { statusCode: null, error: timedOut ? `No answer within ${timeoutMs / 1000} s` : cause.slice(0, ERROR_CHARS), durationMs: elapsed() };
  }
}

/**
 * Sends the outbox: each enabled endpoint's oldest undelivered deliveries, at most `inFlightPerEndpoint` at
 * once and none ahead of an older one still waiting for its retry, so an endpoint gets its events in order.
 * A 2xx answer delivers; anything else is retried with backoff until 24 h after the delivery was queued,
 * then it is `failed` and its endpoint turned off. What was sent but not yet recorded when the process died
 * is sent again on the next start (at least once), with the same webhook-id and body.
 */
export function createWebhookWorker(o: WebhookWorkerOptions) {
  const timeoutMs = o.timeoutMs ?? DELIVERY_TIMEOUT_MS;
  const window = o.inFlightPerEndpoint ?? DEFAULT_IN_FLIGHT_PER_ENDPOINT;
  const random = o.random ?? Math.random;
  const wallNow = o.wallNow ?? Date.now;
  const inFlight = new Map<number, Promise<void>>();
  /**
   * Sent and recorded, yet kept in `inFlight` until the next look begins: a look that read before the record
   * was written still sees the delivery pending, and must not send it again.
   */
  const recorded: number[] = [];
  /** The looks run one after another (each reads, then sends): `again` asks the running one for one more. */
  let looking: Promise<void> | null = null;
  let again = false;
  const signers = new Map<string, { updatedAt: number; sign: ReturnType<typeof signerFor> }>();
  let timer: { handle: number; at: number } | null = null;
  let running = false;

  const signerOf = (d: DueDelivery) => {
    const cached = signers.get(d.endpointId);
    if (cached?.updatedAt === d.endpointUpdatedAt) return cached.sign;
    const sign = signerFor(o.sealer.open(d.secret));
    signers.set(d.endpointId, { updatedAt: d.endpointUpdatedAt, sign });
    return sign;
  };

  function outcomeRecord(d: DueDelivery, outcome: AttemptOutcome, at: number): AttemptRecord {
    const base = { seq: d.seq, statusCode: outcome.statusCode, durationMs: outcome.durationMs, error: outcome.error, at };
    if (!outcome.error) return { ...base, status: 'delivered', nextAttemptAt: at };
    const retryAt = at + retryDelayMs(d.attempts + 1, random);
    if (retryAt <= d.queuedAt + RETRY_WINDOW_MS) return { ...base, status: 'pending', nextAttemptAt: retryAt };
    return { ...base, status: 'failed', nextAttemptAt: at };
  }

  async function deliver(d: DueDelivery): Promise<void> {
    let outcome: AttemptOutcome;
    try {
      outcome = await post(d.url, signerOf(d)(d.messageId, wallNow(), d.body), d.body, timeoutMs);
    } catch (error) {
      // a secret that no longer opens (the key was replaced): an attempt that failed, like any other
      outcome = { statusCode: null, error: String((error as Error).message), durationMs: 0 };
    }
    const at = o.clock.now();
    const record = outcomeRecord(d, outcome, at);
    await o.store.record(record);
    if (record.status !== 'failed') return;
    const reason = `Turned off: every attempt failed for 24 hours (last: ${outcome.error})`;
    if (await o.store.disable(d.endpointId, reason, at)) {
      o.log.warn('webhook endpoint turned off', { endpointId: d.endpointId, error: outcome.error });
      o.onEndpointDisabled?.({ endpointId: d.endpointId, url: d.url, reason });
    }
  }

  function arm(at: number): void {
    if (!running || (timer && timer.at <= at)) return;
    if (timer) o.clock.cancel(timer.handle);
    const armed = { at, handle: 0 };
    timer = armed;
    // the real clock runs a timer that is due at once before at() returns: `armed` tells whether it still stands
    armed.handle = o.clock.at(at, () => {
      if (timer === armed) timer = null;
      pump();
      // a virtual clock waits for the sends this started before moving on
      return settled();
    });
  }

  function pump(): void {
    again = true;
    // a look always awaits its read, so `looking` is set before looks() can clear it
    if (running && !looking) looking = looks();
  }

  async function looks(): Promise<void> {
    try {
      while (again && running) {
        again = false;
        await look();
      }
    } finally {
      looking = null;
    }
  }

  async function look(): Promise<void> {
    for (const seq of recorded.splice(0)) inFlight.delete(seq);
    let due: DueDelivery[];
    try {
      await o.store.fanOut();
      due = await o.store.windows(window);
    } catch (error) {
      // the file busy past its timeout (another process holding it): look again shortly rather than stop sending
      o.log.error('webhook outbox read failed', { error: String(error) });
      arm(o.clock.now() + RETRY_AFTER_READ_FAILURE_MS);
      return;
    }
    if (!running) return;
    const now = o.clock.now();
    let next = Infinity;
    for (const d of due) {
      if (inFlight.has(d.seq)) continue;
      if (d.nextAttemptAt > now) {
        next = Math.min(next, d.nextAttemptAt);
        continue;
      }
      const sending = deliver(d)
        .catch((error: unknown) => o.log.error('webhook delivery failed to record', { error: String(error) }))
        .finally(() => {
          recorded.push(d.seq);
          pump();
        });
      inFlight.set(d.seq, sending);
    }
    if (next < Infinity) arm(next);
  }

  /** Resolves once no look runs and no send is in flight. */
  async function settled(): Promise<void> {
    while (looking || inFlight.size > recorded.length) await Promise.all([looking, ...inFlight.values()]);
  }

  return {
    start(): void {
      running = true;
      pump();
    },
    /**
     * Something was queued (an event, a resend): look now rather than at the next poll. Told inside the writing
     * transaction, it looks once that has run to its end, so it never sends an event that is rolled back.
     */
    wake: () => queueMicrotask(() => arm(o.clock.now())),
    settled,
    async stop(): Promise<void> {
      running = false;
      if (timer) o.clock.cancel(timer.handle);
      timer = null;
      await settled();
    },
  };
}

export type WebhookWorker = ReturnType<typeof createWebhookWorker>;

/**
 * A worker that starts now and looks again whenever `listen` reports something queued (on this process's
 * connection); stop() also stops listening.
 */
export function startWebhookWorker(options: WebhookWorkerOptions & { listen: (queued: () => void) => () => void }): WebhookWorker {
  const worker = createWebhookWorker(options);
  const stopListening = options.listen(worker.wake);
  const poll = setInterval(worker.wake, OTHER_WRITERS_POLL_MS).unref();
  worker.start();
  return {
    ...worker,
    async stop() {
      stopListening();
      clearInterval(poll);
      await worker.stop();
    },
  };
}
