import type { AnalysisJobStore } from '../analysis/analysisJobStore';
import { callCursorText, type CallsQuery } from '../../shared/calls/schemas';
import type { CallDetail, CallPage, CallSummary, ToolCall } from '../../shared/calls/types';
import { AppError } from '../../shared/errors';
import type { CampaignService } from '../campaigns/campaignService';
import type { TeamScope } from '../crm/context';
import { iso, isoOrNull } from '../db/instants';
import type { CallStore, StoredCall, StoredTool, ToolRecord, TurnRecord } from './callStore';
import { findRecording, type RecordingFile } from './recordings';

export interface CallServiceDeps {
  store: CallStore;
  analyses: AnalysisJobStore;
  campaigns: CampaignService;
  /** The data folder's recordings; null for an in-memory workspace, which records nothing. */
  recordingsDir: string | null;
}

// field by field: what a store hands back beyond the interface never reaches a caller
const toSummary = (call: StoredCall): CallSummary => ({
  id: call.id,
  campaignId: call.campaignId,
  contactId: call.contactId,
  fromNumber: call.fromNumber,
  toNumber: call.toNumber,
  attempt: call.attempt,
  outcome: call.outcome,
  startedAt: iso(call.startedAt),
  answeredAt: isoOrNull(call.answeredAt),
  endedAt: isoOrNull(call.endedAt),
  durationSeconds: call.durationSeconds,
  error: call.error,
  amd: call.amd,
  campaignName: call.campaignName,
  contactName: call.contactName,
});

/** A tool call as the call's detail (and its export) shows it. */
export const shownTool = (tool: StoredTool): ToolCall => ({ name: tool.name, arguments: tool.arguments, at: iso(tool.at), result: tool.result });

/** Calls after the fact: the list, one call's detail, its recording; and the transcript as the voice engine writes it. */
export function createCallService({ store, analyses, campaigns, recordingsDir }: CallServiceDeps) {
  async function teamCall(team: TeamScope, id: string): Promise<CallSummary> {
    const call = await store.call(team.teamId, id);
    if (!call) throw AppError.notFound('Call', id);
    return toSummary(call);
  }

  /** A call that is not there is the caller's mistake, said as such. */
  const forCall = async (callId: string, written: Promise<boolean>) => {
    if (!(await written)) throw AppError.notFound('Call', callId);
  };

  return {
    /** Appends a turn to a call's transcript (the voice engine, as each turn ends). */
    recordTurn: (callId: string, turn: TurnRecord) => forCall(callId, store.recordTurn(callId, turn)),
    /** Records a tool the assistant called on a call, once the app has carried it out. */
    recordTool: (callId: string, tool: ToolRecord) => forCall(callId, store.recordTool(callId, tool)),

    async list(team: TeamScope, { cursor, limit, offset, ...filter }: CallsQuery): Promise<CallPage> {
      if (filter.campaignId) await campaigns.get(team, filter.campaignId);
      const page = await store.list(team.teamId, filter, { limit, offset, after: cursor });
      return { items: page.items.map(toSummary), total: page.total, totalIsCapped: page.totalIsCapped, limit, offset, nextCursor: page.next && callCursorText(page.next) };
    },

    /** One call with its transcript and tools; `recordingUrl` says where the asking client loads the recording from. */
    async detail(team: TeamScope, id: string, recordingUrl: (callId: string) => string): Promise<CallDetail> {
      const call = await teamCall(team, id);
      const [transcript, tools, analysis, recording] = await Promise.all([store.transcript(id), store.tools(id), analyses.of(id), findRecording(recordingsDir, id)]);
      return { ...call, transcript, tools: tools.map(shownTool), analysis, recording: recording && { url: recordingUrl(id), bytes: recording.bytes } };
    },

    /** The recording of one of the team's calls, or null when it has none; an unknown call is a not_found. */
    recordingOf: async (team: TeamScope, id: string): Promise<RecordingFile | null> => findRecording(recordingsDir, (await teamCall(team, id)).id),

    /** A recording by call id alone, for a link that was signed after its team was checked. */
    recordingFile: (callId: string) => findRecording(recordingsDir, callId),
  };
}

export type CallService = ReturnType<typeof createCallService>;
