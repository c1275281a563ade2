import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { ParsedExportRequest, SavedExport } from '../../shared/exports/exports';
import { AppError } from '../../shared/errors';
import type { TeamScope } from '../crm/context';
import type { ExportService } from './exportService';

/** Asks where to save a file, suggesting its name; null when the person cancels. */
export type ChooseSaveFile = (suggestedName: string) => Promise<string | null>;

/**
 * Writes an export to the file the person chooses, at the disk's pace. Only the desktop window can choose a
 * file; elsewhere (the headless host's page) the export is downloaded instead.
 */
export async function saveExport(exports: ExportService, team: TeamScope, request: ParsedExportRequest, chooseFile: ChooseSaveFile | undefined): Promise<SavedExport> {
  if (!chooseFile) throw new AppError('not_found', 'Saving to a file is for the desktop window; here the export downloads from /exports/');
  // checked before the dialog opens: a missing campaign is said at once, not after a file was chosen
  const file = await exports.open(team, request);
  const path = await chooseFile(file.fileName);
  if (path === null) {
    file.body.destroy();
    return { path: null, rows: 0 };
  }
  await pipeline(file.body, createWriteStream(path));
  return { path, rows: file.rowsWritten() };
}
