import type { CollectField } from '../../shared/analysis/collect';
import type { TranscriptTurn } from '../../shared/calls/types';

/** One call to analyse: what was said, what to collect, and what counts as success. */
export interface AnalysisRequest {
  transcript: readonly TranscriptTurn[];
  fields: readonly CollectField[];
  successCriterion: string | null;
}

/** What reads a call's conversation and answers `{ summary, success, fields }` (checked by the worker, not trusted). */
export interface Analyst {
  analyse(request: AnalysisRequest): Promise<unknown>;
}

/** A failure worth naming as is (no key, a model answer that is not JSON): its message is the stored reason. */
export class AnalysisFailure extends Error {}

/** The transcript as lines the model reads: who spoke, and what. */
export const transcriptText = (transcript: readonly TranscriptTurn[]) =>
  transcript.map((turn) => `${turn.speaker === 'agent' ? 'Agent' : 'Contact'}: ${turn.text}${turn.interrupted ? ' [cut off]' : ''}`).join('\n');
