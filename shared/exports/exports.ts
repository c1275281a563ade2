import { z } from 'zod';
import { callsQuery } from '../calls/schemas';

export const CALL_EXPORT_FORMATS = ['csv', 'jsonl'] as const;
export type CallExportFormat = (typeof CALL_EXPORT_FORMATS)[number];

export const callExportFormat = z.enum(CALL_EXPORT_FORMATS, { error: `Must be one of ${CALL_EXPORT_FORMATS.join(', ')}` });

/** Names one export while it runs, so the page that asked for it can show its progress. */
const exportId = z.string().regex(/^[\w-]{1,64}$/, 'Letters, digits, _ and -').optional();

/** What an export is of: one campaign's results (a row per contact), or the calls the Calls page's filters pick. */
export const exportRequest = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('results'), campaignId: z.string({ error: 'campaignId is required' }).min(1, 'campaignId is required'), exportId }),
    z.object({ kind: z.literal('calls'), format: callExportFormat, filters: callsQuery.prefault({}), exportId }),
  ],
  { error: 'kind must be results or calls' },
);
export type ExportRequest = z.input<typeof exportRequest>;
export type ParsedExportRequest = z.output<typeof exportRequest>;

/** Pushed every few thousand rows while an export named by `exportId` is written, and once at its end. */
export interface ExportProgress {
  exportId: string;
  rows: number;
  done: boolean;
}

/** What the desktop window's save answers: where the file went (null when the save dialog was cancelled). */
export interface SavedExport {
  path: string | null;
  rows: number;
}

export const EXPORT_CONTENT_TYPE: Record<CallExportFormat, string> = { csv: 'text/csv; charset=utf-8', jsonl: 'application/x-ndjson; charset=utf-8' };

/** The file an export is saved as. */
export function exportFileName(request: ParsedExportRequest): string {
  if (request.kind === 'results') return `results-${request.campaignId}.csv`;
  return `calls${request.filters.campaignId ? `-${request.filters.campaignId}` : ''}.${request.format}`;
}
