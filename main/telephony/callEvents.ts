import type { CallOutcome } from '../../shared/campaigns/types';
import type { CallEvent, ProviderCallStatus } from './port';

/** How many finished calls a provider still answers status() for (a restart's reconciliation asks soon after). */
export const ENDED_KEPT = 10_000;

/** The event side every provider shares: its listeners, and how its recent calls ended. */
export class CallEvents {
  private readonly listeners = new Set<(event: CallEvent) => void>();
  private readonly ended = new Map<string, CallOutcome>();
  /** The ids in `ended`, oldest first from `oldest`, as a ring: taking a Map's first key gets slower as keys are deleted. */
  private readonly endedOrder: string[] = [];
  private oldest = 0;

  on(listener: (event: CallEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: CallEvent): void {
    if (event.type === 'ended') {
      if (!this.ended.has(event.callId)) this.remember(event.callId);
      this.ended.set(event.callId, event.outcome);
    }
    for (const listener of this.listeners) listener(event);
  }

  private remember(callId: string): void {
    if (this.endedOrder.length < ENDED_KEPT) {
      this.endedOrder.push(callId);
      return;
    }
    this.ended.delete(this.endedOrder[this.oldest]);
    this.endedOrder[this.oldest] = callId;
    this.oldest = (this.oldest + 1) % ENDED_KEPT;
  }

  /** A call's status for reconciliation: `active` while the provider still has it, else how it ended, if known. */
  status(callId: string, active: boolean): ProviderCallStatus {
    if (active) return { state: 'active' };
    const outcome = this.ended.get(callId);
    return outcome ? { state: 'ended', outcome } : { state: 'unknown' };
  }

  clear(): void {
    this.listeners.clear();
  }
}
