import type { CallOutcome } from '../../../shared/campaigns/types';
import type { CallEvent, ProviderCallStatus } from './port';

/** How many finished calls a provider still answers status() for (a restart's reconciliation asks soon after). */
const ENDED_KEPT = 10_000;

/** The event side every provider shares: its listeners, and how its recent calls ended. */
export class CallEvents {
  private readonly listeners = new Set<(event: CallEvent) => void>();
  private readonly ended = new Map<string, CallOutcome>();

  on(listener: (event: CallEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: CallEvent): void {
    if (event.type === 'ended') {
      this.ended.set(event.callId, event.outcome);
      if (this.ended.size > ENDED_KEPT) this.ended.delete(this.ended.keys().next().value!);
    }
    for (const listener of this.listeners) listener(event);
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
