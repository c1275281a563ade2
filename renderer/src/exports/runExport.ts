import { EXPORT_PATH, EXPORT_REQUEST_PARAM } from '../../../shared/contract/hostSession';
import { AppError, type AppErrorShape } from '../../../shared/errors';
import type { ExportRequest, SavedExport } from '../../../shared/exports/exports';
import { api } from '../api/api';
import { requestSecretHeader } from '../api/httpTransport';
import { downloadBlob } from '../common/download';

/** How long a finished download waits for the host's final row count before it says the last one it heard. */
const LAST_COUNT_WAIT_MS = 2_000;

/** What became of an export: the file it went to (null: the save was cancelled) and how many rows it has. */
export interface ExportOutcome {
  file: string | null;
  rows: number;
}

/** The file name the host gave the download. */
const attachmentName = (response: Response) => /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'export';

/** The headless host's page: the host streams the file, and the browser saves it as a download. */
async function download(request: ExportRequest): Promise<Pick<ExportOutcome, 'file'>> {
  const response = await fetch(`${EXPORT_PATH}?${EXPORT_REQUEST_PARAM}=${encodeURIComponent(JSON.stringify(request))}`, { headers: requestSecretHeader() });
  if (!response.ok) {
    const { error } = (await response.json()) as { error: AppErrorShape };
    throw new AppError(error.code, error.message, error.fields);
  }
  const file = attachmentName(response);
  downloadBlob(file, await response.blob());
  return { file };
}

/**
 * Runs an export where this page runs: the desktop window saves it to a file the person picks, a browser on
 * the headless host downloads it. Either way main tells the rows written so far, for `onRows`.
 */
export async function runExport(request: ExportRequest, onRows: (rows: number) => void): Promise<ExportOutcome> {
  const exportId = crypto.randomUUID();
  let rows = 0;
  let told: () => void = () => {};
  const allTold = new Promise<void>((resolve) => (told = resolve));
  const off = api.on('exports.progress', (progress) => {
    if (progress.exportId !== exportId) return;
    rows = progress.rows;
    onRows(rows);
    if (progress.done) told();
  });
  try {
    const named: ExportRequest = { ...request, exportId };
    if (window.dialwellBridge) {
      const saved: SavedExport = await api.invoke('exports.save', named);
      return { file: saved.path, rows: saved.rows };
    }
    const { file } = await download(named);
    // the count comes over the event stream, beside the download: wait a moment for its last word
    await Promise.race([allTold, new Promise((resolve) => setTimeout(resolve, LAST_COUNT_WAIT_MS))]);
    return { file, rows };
  } finally {
    off();
  }
}
