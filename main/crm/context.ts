import type { Kysely } from 'kysely';
import type { EntityKind } from '../../shared/contract/channels';
import type { Database } from '../db/schema';
import type { EventBus } from '../platform/events';

/** What every CRM service is built from. */
export interface CrmDeps {
  db: Kysely<Database>;
  /** UTC epoch ms; injected so tests control time. */
  now: () => number;
  events: EventBus;
}

/** What a CRM service whose persistence sits behind a declared store is built from. */
export interface CrmStoreDeps<S> {
  store: S;
  /** UTC epoch ms; injected so tests control time. */
  now: () => number;
  events: EventBus;
}

/**
 * How a CRM service announces a write that succeeded (it passes the write's result through): open windows re-read
 * and the dialer re-checks who is callable, whichever entry point made the change.
 */
export function announcerOf(events: EventBus, entity: EntityKind) {
  return <T>(result: T): T => {
    events.emit('crm.changed', { entity });
    return result;
  };
}

/** Who is asking: every read and write is scoped to this team. */
export interface TeamScope {
  teamId: string;
}
