import type { Migration } from './types';

/**
 * One row per running dialer, renewed while it has calls in progress. A call's `owner` is the lease id of the
 * dialer running it; a call whose owner names no unexpired lease is orphaned, and any dialer settles it. Liveness
 * is the expiry alone: a host name changes with the network or the container, a process id is reused after a
 * reboot, a restored backup names another machine's. Calls placed before leases name `host/pid/instance`, which
 * is no lease id, so they count as orphaned with no rewrite.
 */
export const dialerLeases: Migration = {
  version: 12,
  name: 'dialer-leases',
  up(db) {
    db.exec(`
      CREATE TABLE dialer_leases (
        id TEXT PRIMARY KEY,
        -- who holds it (host/pid), for people reading the table; never read to decide liveness
        holder TEXT NOT NULL,
        acquired_at INTEGER NOT NULL,
        renewed_at INTEGER NOT NULL,
        -- the holder writes its own expiry, so dialers with different settings can share one database
        expires_at INTEGER NOT NULL
      );
    `);
  },
};
