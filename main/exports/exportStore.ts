import type { CallAnalysis } from '../../shared/analysis/collect';
import type { CallOutcome, EnrolmentStatus, SkipReason } from '../../shared/campaigns/types';
import type { CallSummary, ToolCall, TranscriptTurn } from '../../shared/calls/types';
import type { CallFilter } from '../calls/callStore';

/**
 * An export's rows, a page at a time: the stream asks for the next page only when the reader has taken the last
 * one, and each page's rows are shaped as they are read, so no export is ever held whole.
 */
export type RowPages<Row> = AsyncIterable<Iterable<Row>>;

/** A call as exports write it: the calls list's row with its transcript, tools and analysis. */
export interface ExportedCall extends CallSummary {
  transcript: TranscriptTurn[];
  tools: ToolCall[];
  analysis: CallAnalysis | null;
}

/** One contact's result in a campaign: where its enrolment stands and the analysis of its latest analysed call. */
export interface ContactResult {
  contactId: string;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  email: string | null;
  status: EnrolmentStatus;
  skipReason: SkipReason | null;
  attempts: number;
  lastOutcome: CallOutcome | null;
  /** UTC ms. */
  updatedAt: number;
  analysis: CallAnalysis | null;
}

/** What exports read, page by page by keyset; every engine implements it. */
export interface ExportStore {
  /** The team's calls the calls list's filters pick, newest first. */
  calls(teamId: string, filter: CallFilter): RowPages<ExportedCall>;
  /** A campaign's enrolments by contact id, each with its contact's latest analysed call of the campaign. */
  results(campaignId: string): RowPages<ContactResult>;
}
