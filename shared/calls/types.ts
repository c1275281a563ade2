import type { CallAnalysis } from '../analysis/collect';
import type { Call } from '../campaigns/types';
import type { Page } from '../crm/types';

export const SPEAKERS = ['agent', 'contact'] as const;
export type Speaker = (typeof SPEAKERS)[number];

/** One turn of a call's conversation: who spoke, what, and when, counted from the answer. */
export interface TranscriptTurn {
  speaker: Speaker;
  text: string;
  offsetMs: number;
  /** The other side spoke over it (barge-in), so it was cut short. */
  interrupted: boolean;
}

/** A tool the assistant called during the call, and what the app answered it. */
export interface ToolCall {
  name: string;
  arguments: Record<string, unknown>;
  /** ISO-8601 instant. */
  at: string;
  result: string | null;
}

/** A call as the calls list shows it: with the names of its campaign and contact (null once the contact is deleted). */
export interface CallSummary extends Call {
  campaignName: string;
  contactName: string | null;
}

/** The call's recording: where the client that asked may load it (it answers byte ranges), and its size. */
export interface CallRecording {
  url: string;
  bytes: number;
}

/** Everything kept of one call. */
export interface CallDetail extends CallSummary {
  /** In the order spoken. */
  transcript: TranscriptTurn[];
  /** In the order called. */
  tools: ToolCall[];
  /** Post-call analysis: null for a call with no transcript (nothing to analyse). */
  analysis: CallAnalysis | null;
  /** Null when the call was not recorded (or the file is gone). */
  recording: CallRecording | null;
}

/** A page of the calls list; `nextCursor` continues after its last call (null on the last page). */
export interface CallPage extends Page<CallSummary> {
  nextCursor: string | null;
}
