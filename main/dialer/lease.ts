import { hostname } from 'node:os';
import type { DialerStore } from '../db/dialerStore';
import { newId } from '../platform/ids';

/**
 * A dialer's lease: the calls it places carry its id as their owner, and other dialers take them over once it has
 * expired. It is renewed while the dialer has calls in progress, and before it claims calls after being idle; an
 * idle dialer owns nothing, so its lease may lapse. A renewal a third of the way in leaves two thirds of the expiry
 * for a late timer. Expiries are written and compared on the dialers' clock: one machine's here; dialers on several
 * machines need one clock for it (the database server's).
 */
export class DialerLease {
  readonly id = newId('lease');
  private readonly renewEvery: number;
  private renewedAt = -Infinity;

  constructor(
    private readonly store: DialerStore,
    private readonly expiryMs: number,
  ) {
    this.renewEvery = expiryMs / 3;
  }

  /** When the lease is next due for renewal. */
  get renewAt(): number {
    return this.renewedAt + this.renewEvery;
  }

  /**
   * Renews the lease if it is due (creating it the first time, or again after it lapsed and was dropped). Not inside
   * batch(): a rollback would leave it stale while this side takes it for fresh.
   */
  keepFresh(now: number): void {
    if (now < this.renewAt) return;
    this.store.renewLease({ id: this.id, holder: `${hostname()}/${process.pid}`, at: now, expiresAt: now + this.expiryMs });
    this.renewedAt = now;
  }

  /** Gives the lease up (a clean stop): calls it still owns are orphaned at once. */
  release(): void {
    this.store.releaseLease(this.id);
    this.renewedAt = -Infinity;
  }
}
