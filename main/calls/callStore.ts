import type { CallCursor, CallsQuery } from '../../shared/calls/schemas';
import type { Call } from '../../shared/campaigns/types';
import type { Speaker, TranscriptTurn } from '../../shared/calls/types';

/** A call as kept, with the names of its campaign and contact (null once the contact is deleted). Instants are UTC ms. */
export interface StoredCall extends Omit<Call, 'startedAt' | 'answeredAt' | 'endedAt'> {
  startedAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  /** The order calls were placed in: with startedAt, where a page of calls ends. */
  seq: number;
  campaignName: string;
  contactName: string | null;
}

/** Which calls a list holds: of one campaign or the whole team, of one outcome, started from `from` to `to` (exclusive), by what their analysis found. */
export type CallFilter = Pick<CallsQuery, 'campaignId' | 'outcome' | 'from' | 'to' | 'success' | 'field' | 'value'>;

/** One page of calls: `limit` of them after `offset`, or after the call `after` names. */
export interface CallPaging {
  limit: number;
  offset: number;
  after?: CallCursor;
}

export interface StoredCallPage {
  items: StoredCall[];
  /** How many calls the filter picks, counted up to a cap (`totalIsCapped` when there are more). */
  total: number;
  totalIsCapped: boolean;
  /** Where the next page starts; null when this page is not full. */
  next: CallCursor | null;
}

/** A turn as the voice engine reports it: offsetMs from the answer; `interrupted` when the other side cut in. */
export interface TurnRecord {
  speaker: Speaker;
  text: string;
  offsetMs: number;
  interrupted?: boolean;
}

/** A tool call as the voice engine reports it once the app has carried it out: `at` in UTC ms. */
export interface ToolRecord {
  name: string;
  arguments?: Record<string, unknown>;
  at: number;
  result?: string | null;
}

/** A tool call as kept: its arguments as given ({} when none), `at` in UTC ms. */
export interface StoredTool {
  name: string;
  arguments: Record<string, unknown>;
  at: number;
  result: string | null;
}

/**
 * Where calls and what was said and done on them persist, after the dialer wrote them; every engine implements it.
 * The dialer writes a call's end, with its conversation, inside its own transactions; this is what the calls pages read.
 */
export interface CallStore {
  /** A page of the team's calls (with a campaign: that campaign's, its team checked by the caller), newest first by start, then by placing order. */
  list(teamId: string, filter: CallFilter, paging: CallPaging): Promise<StoredCallPage>;
  /** One call of the team; undefined when the team has no such call. */
  call(teamId: string, id: string): Promise<StoredCall | undefined>;
  /** A call's turns in the order spoken, turns that start together in the order recorded; [] for an unknown call. */
  transcript(callId: string): Promise<TranscriptTurn[]>;
  /** A call's tool calls in the order recorded; [] for an unknown call. */
  tools(callId: string): Promise<StoredTool[]>;
  /** Appends a turn to a call's transcript (an offset before the answer counts from the answer); false when there is no such call. */
  recordTurn(callId: string, turn: TurnRecord): Promise<boolean>;
  /** Appends a tool call to a call's record; false when there is no such call. */
  recordTool(callId: string, tool: ToolRecord): Promise<boolean>;
}
