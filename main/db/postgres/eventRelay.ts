// SQL for PostgreSQL lives in main/db/postgres, implementing the interfaces the features declare.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { EventName, Events } from '../../../shared/contract/channels';
import type { EventBus } from '../../platform/events';

/**
 * The events every machine on a shared workspace acts on: a change anywhere wakes every dialer and moves every monitor.
 * Progress of an import or an export stays with the machine (and the person) that started it.
 */
export const SHARED_EVENTS = [
  'crm.changed',
  'campaigns.changed',
  'campaigns.enrolled',
  'campaigns.autoPaused',
  'calls.changed',
  'calls.analyzed',
  'webhooks.endpointDisabled',
] as const satisfies readonly EventName[];

const CHANNEL = 'dialwell_events';

interface Notice {
  origin: string;
  event: (typeof SHARED_EVENTS)[number];
  payload: unknown;
}

export interface EventRelayOptions {
  /** Told of a lost connection or an unreadable notice; the relay carries on (reconnecting). */
  onError?: (error: Error) => void;
  /** The first wait before reconnecting, doubled after each failure up to 30 s. */
  retryMs?: number;
}

export interface EventRelay {
  stop(): Promise<void>;
}

const MAX_RETRY_MS = 30_000;

/**
 * Carries the shared events between the machines of one workspace with LISTEN/NOTIFY: what this machine's bus emits
 * is published, and what the others publish is emitted on this bus. A notice sent while a machine was disconnected is
 * lost to it, so after reconnecting the relay tells its own bus that the workspace changed: the dialer and the
 * screens re-read it.
 */
export async function startEventRelay(connectionString: string, bus: EventBus, options: EventRelayOptions = {}): Promise<EventRelay> {
  const origin = randomUUID();
  const onError = options.onError ?? (() => {});
  let client: pg.Client | null = null;
  let stopped = false;
  const firstRetryMs = options.retryMs ?? 500;
  let retry: NodeJS.Timeout | undefined;
  // an event the relay itself emits came from another machine: publishing it again would echo it around
  let relaying = false;

  const receive = (message: pg.Notification) => {
    let notice: Notice;
    try {
      notice = JSON.parse(message.payload ?? '') as Notice;
    } catch (error) {
      onError(error as Error);
      return;
    }
    if (notice.origin === origin || !(SHARED_EVENTS as readonly string[]).includes(notice.event)) return;
    relaying = true;
    try {
      bus.emit(notice.event, notice.payload as Events[typeof notice.event]);
    } finally {
      relaying = false;
    }
  };

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString });
    next.on('notification', receive);
    next.on('error', (error) => lost(next, error));
    next.on('end', () => lost(next, new Error('the event connection closed')));
    await next.connect();
    await next.query(`LISTEN ${CHANNEL}`);
    // stopped while this connection was being made: nothing may be left listening
    if (stopped) await next.end();
    else client = next;
  };

  const lost = (which: pg.Client, error: Error) => {
    if (client !== which || stopped) return;
    client = null;
    onError(error);
    which.end().catch(() => {});
    reconnectLater(firstRetryMs);
  };

  const reconnectLater = (wait: number) => {
    retry = setTimeout(async () => {
      try {
        await connect();
        bus.emit('crm.changed', { entity: 'contact' });
      } catch (error) {
        onError(error as Error);
        if (!stopped) reconnectLater(Math.min(wait * 2, MAX_RETRY_MS));
      }
    }, wait);
  };

  await connect();
  const unsubscribe = SHARED_EVENTS.map((event) =>
    bus.on(event, (payload) => {
      if (relaying || !client) return;
      const notice: Notice = { origin, event, payload };
      client.query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify(notice)]).catch(onError);
    }),
  );

  return {
    async stop() {
      stopped = true;
      clearTimeout(retry);
      for (const off of unsubscribe) off();
      const last = client;
      client = null;
      await last?.end();
    },
  };
}
