import type { CallOutcome } from '../../shared/campaigns/types';

/** One line of the --out file: one call attempt. */
export interface CallRecord {
  callId: string;
  contactId: string;
  phone: string;
  timezone: string;
  /** Every zone the window was applied in (a number spanning zones has several). */
  zones: string[];
  from: string;
  attempt: number;
  startedAt: string;
  endedAt: string | null;
  outcome: CallOutcome | null;
  /** The tools the assistant called, in order (calls with a conversation only). */
  tools?: string[];
  /** The callback the person asked for: when, as said, and what the dialer made of it. */
  callback?: { at: string; note: string; result: string | null };
}
