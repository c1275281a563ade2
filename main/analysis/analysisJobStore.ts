import type { AnalysisOutput, CallAnalysis, CollectField } from '../../shared/analysis/collect';
import type { TranscriptTurn } from '../../shared/calls/types';
import type { LeadStatus } from '../../shared/crm/leadStatus';

/** What one analysis works from: the call's conversation and what its assistant collects. */
export interface AnalysisInput {
  callId: string;
  teamId: string;
  campaignId: string;
  contactId: string;
  /** The telephony provider that placed the call ('simulator' for simulated calls). */
  provider: string;
  transcript: TranscriptTurn[];
  fields: CollectField[];
  successCriterion: string | null;
  /** Attempts taken so far, this one included. */
  attempts: number;
}

/** The contact's values an analysis may set. */
export interface MappedContact {
  leadStatus: LeadStatus;
  customFields: Record<string, string>;
}

/** What an analysis changes on its contact: the new values, and one history line for each change. */
export interface ContactChange extends MappedContact {
  history: string[];
}

/** A campaign's analyses counted: by state, the done ones that succeeded, and the done ones by value of each field asked for. */
export interface AnalysisTally {
  pending: number;
  done: number;
  failed: number;
  succeeded: number;
  /** Field key -> value as collected -> how many done analyses collected it. */
  values: Record<string, Record<string, number>>;
}

/**
 * The durable queue of post-call analyses and their answers; every engine implements it. A job is queued by the
 * dialer, in the transaction that ends its call; this is everything the analysis worker and the pages do with it.
 */
export interface AnalysisJobStore {
  /**
   * Takes up to `limit` jobs due at `at`, earliest due first, counting an attempt on each and pushing its next one to
   * `holdUntil` (a worker that dies mid-attempt leaves it due again then); two workers never take the same job.
   */
  claimDue(at: number, holdUntil: number, limit: number): Promise<string[]>;
  /** When the earliest job is due; null when none is waiting. */
  nextDue(): Promise<number | null>;
  /** What the call's job works from; undefined when the call has no job. */
  input(callId: string): Promise<AnalysisInput | undefined>;
  /**
   * Stores the answer at `at` and, all or nothing with it, what `change` makes of the call's contact (null: nothing;
   * not called once the contact is gone) and the webhook event that the call was analysed.
   */
  complete(callId: string, output: AnalysisOutput, at: number, change: (contact: MappedContact) => ContactChange | null): Promise<void>;
  /** Records a failed attempt and its reason at `at`; `retryAt` null: no attempt is left. */
  fail(callId: string, reason: string, retryAt: number | null, at: number): Promise<void>;
  /** The call's analysis as it stands; null when the call has no job. */
  of(callId: string): Promise<CallAnalysis | null>;
  /** The campaign's analyses counted, with the values collected for each of `fieldKeys`. */
  tally(campaignId: string, fieldKeys: readonly string[]): Promise<AnalysisTally>;
}
