import type { CallAnalysis, CollectField, FieldValue } from '../../shared/analysis/collect';
import type { ToolCall, TranscriptTurn } from '../../shared/calls/types';
import { iso } from '../db/instants';
import type { CsvCell } from './csv';
import type { ContactResult, ExportedCall } from './exportStore';

/** A CSV export's shape: its header and the cells of one row, in the same order. */
export interface CsvTable<Row> {
  header: string[];
  cells(row: Row): CsvCell[];
}

/** Every export's analysis columns: a call's own, or a contact's latest analysed call. */
const ANALYSIS_HEADER = ['analysis_state', 'summary', 'success'];
const analysisCells = (analysis: CallAnalysis | null): CsvCell[] => [analysis?.state, analysis?.summary, analysis?.success];

/** A collected value as a cell; a field the analysis left unanswered is empty. */
const fieldCell = (value: FieldValue | undefined): CsvCell => (value === undefined || value === null ? '' : value);

/** One row per enrolled contact, with a column per field the campaign's assistant collects. */
export function resultsTable(collect: readonly CollectField[]): CsvTable<ContactResult> {
  return {
    header: ['contact_id', 'first_name', 'last_name', 'phone', 'email', 'status', 'skip_reason', 'attempts', 'last_outcome', 'updated_at', ...ANALYSIS_HEADER, ...collect.map((field) => field.key)],
    cells: (r) => [
      r.contactId, r.firstName, r.lastName, r.phone, r.email, r.status, r.skipReason, r.attempts, r.lastOutcome, iso(r.updatedAt),
      ...analysisCells(r.analysis),
      ...collect.map((field) => fieldCell(r.analysis?.fields[field.key])),
    ],
  };
}

/** A transcript in one cell: a line per turn, "agent: …" or "contact: …". */
const transcriptText = (turns: readonly TranscriptTurn[]) => turns.map((turn) => `${turn.speaker}: ${turn.text}`).join('\n');
/** The tools in one cell: a line per call, "name {arguments} -> result". */
const toolsText = (tools: readonly ToolCall[]) => tools.map((tool) => `${tool.name} ${JSON.stringify(tool.arguments)}${tool.result === null ? '' : ` -> ${tool.result}`}`).join('\n');

/** One row per call; the collected fields (each campaign's assistant has its own) as one JSON cell. */
export const CALLS_TABLE: CsvTable<ExportedCall> = {
  header: [
    'call_id', 'campaign_id', 'campaign_name', 'contact_id', 'contact_name', 'from_number', 'to_number', 'attempt', 'outcome',
    'started_at', 'answered_at', 'ended_at', 'duration_seconds', 'error', 'amd_decision', 'transcript', 'tools', ...ANALYSIS_HEADER, 'fields',
  ],
  cells: (c) => [
    c.id, c.campaignId, c.campaignName, c.contactId, c.contactName, c.fromNumber, c.toNumber, c.attempt, c.outcome,
    c.startedAt, c.answeredAt, c.endedAt, c.durationSeconds, c.error, c.amd?.decision, transcriptText(c.transcript), toolsText(c.tools),
    ...analysisCells(c.analysis), c.analysis ? JSON.stringify(c.analysis.fields) : '',
  ],
};
