import type { Kysely } from 'kysely';
import { createAnalysisJobs } from '../analysis/analysisJobs';
import type { CallsQuery } from '../../shared/calls/schemas';
import type { CallDetail, CallPage, CallSummary } from '../../shared/calls/types';
import { AppError } from '../../shared/errors';
import type { CampaignService } from '../campaigns/campaignService';
import type { TeamScope } from '../crm/context';
import type { Database } from '../db/schema';
import { callSummary, listCalls } from './callRows';
import { findRecording, type RecordingFile } from './recordings';
import { createTranscripts } from './transcripts';

export interface CallServiceDeps {
  db: Kysely<Database>;
  campaigns: CampaignService;
  /** The data folder's recordings; null for an in-memory workspace, which records nothing. */
  recordingsDir: string | null;
}

/** Calls after the fact: the list, one call's detail, its recording; and the transcript as the voice engine writes it. */
export function createCallService({ db, campaigns, recordingsDir }: CallServiceDeps) {
  const transcripts = createTranscripts(db);
  const analyses = createAnalysisJobs(db);

  async function teamCall(team: TeamScope, id: string): Promise<CallSummary> {
    const call = await callSummary(db, team, id);
    if (!call) throw AppError.notFound('Call', id);
    return call;
  }

  return {
    /** Appends a turn to a call's transcript (the voice engine, as each turn ends). */
    recordTurn: transcripts.recordTurn,
    /** Records a tool the assistant called on a call, once the app has carried it out. */
    recordTool: transcripts.recordTool,

    async list(team: TeamScope, query: CallsQuery): Promise<CallPage> {
      if (query.campaignId) await campaigns.get(team, query.campaignId);
      return listCalls(db, team, query);
    },

    /** One call with its transcript and tools; `recordingUrl` says where the asking client loads the recording from. */
    async detail(team: TeamScope, id: string, recordingUrl: (callId: string) => string): Promise<CallDetail> {
      const call = await teamCall(team, id);
      const [transcript, tools, analysis, recording] = await Promise.all([transcripts.transcript(id), transcripts.tools(id), analyses.of(id), findRecording(recordingsDir, id)]);
      return { ...call, transcript, tools, analysis, recording: recording && { url: recordingUrl(id), bytes: recording.bytes } };
    },

    /** The recording of one of the team's calls, or null when it has none; an unknown call is a not_found. */
    recordingOf: async (team: TeamScope, id: string): Promise<RecordingFile | null> => findRecording(recordingsDir, (await teamCall(team, id)).id),

    /** A recording by call id alone, for a link that was signed after its team was checked. */
    recordingFile: (callId: string) => findRecording(recordingsDir, callId),
  };
}

export type CallService = ReturnType<typeof createCallService>;
