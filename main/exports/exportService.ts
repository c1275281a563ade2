import type { Readable } from 'node:stream';
import { EXPORT_CONTENT_TYPE, exportFileName, type ParsedExportRequest } from '../../shared/exports/exports';
import type { CampaignService } from '../campaigns/campaignService';
import type { AssistantService } from '../crm/assistants';
import type { TeamScope } from '../crm/context';
import type { EventBus } from '../platform/events';
import type { ExportStore } from './exportStore';
import { CALLS_TABLE, resultsTable } from './exportTables';
import { csvStream, jsonLinesStream, type ExportProgressSink } from './exportStream';

export interface ExportServiceDeps {
  store: ExportStore;
  campaigns: CampaignService;
  assistants: AssistantService;
  events: EventBus;
}

/** An export ready to be sent or saved: what to call it, its type, and its body, read as it is consumed. */
export interface ExportFile {
  fileName: string;
  contentType: string;
  body: Readable;
  /** The rows the body has carried so far. */
  rowsWritten(): number;
}

/**
 * Results and calls that leave the app, as streams: whatever carries them (an HTTP response, a file the desktop
 * window chose) takes the body at its own pace. What is asked for is checked before the first byte, so a
 * missing campaign is an error rather than a broken file.
 */
export function createExportService({ store, campaigns, assistants, events }: ExportServiceDeps) {
  async function body(team: TeamScope, request: ParsedExportRequest, progress: ExportProgressSink): Promise<{ contentType: string; body: Readable }> {
    if (request.kind === 'results') {
      const campaign = await campaigns.get(team, request.campaignId);
      const { collect } = await assistants.get(team, campaign.assistantId);
      return { contentType: EXPORT_CONTENT_TYPE.csv, body: csvStream(resultsTable(collect), store.results(campaign.id), progress) };
    }
    const { filters, format } = request;
    if (filters.campaignId) await campaigns.get(team, filters.campaignId);
    const pages = store.calls(team.teamId, filters);
    return { contentType: EXPORT_CONTENT_TYPE[format], body: format === 'csv' ? csvStream(CALLS_TABLE, pages, progress) : jsonLinesStream(pages, progress) };
  }

  return {
    /** The export a request asks for; progress goes to whoever listens for its exportId, when it has one. */
    async open(team: TeamScope, request: ParsedExportRequest): Promise<ExportFile> {
      let written = 0;
      const { exportId } = request;
      const opened = await body(team, request, (rows, done) => {
        written = rows;
        if (exportId) events.emit('exports.progress', { exportId, rows, done });
      });
      return { fileName: exportFileName(request), ...opened, rowsWritten: () => written };
    },
  };
}

export type ExportService = ReturnType<typeof createExportService>;
