import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { CsvImportProgress, CsvImportResult, CsvMapping, CsvPreview } from '../../shared/crm/csvImport';
import type { Store } from '../db/open';
import { announcerOf, type CrmDeps, type TeamScope } from './context';
import type { ContactService } from './contacts';
import { mapColumns } from './csvColumns';
import { csvWithHeader, isBlankRecord } from './csvRecords';

export interface CsvImportOptions {
  companyId: string;
  mapping?: CsvMapping;
  onProgress?: (progress: CsvImportProgress) => void;
}

/** The whole text of a CSV (bodies are size-limited where they arrive); a stream is decoded as UTF-8. */
async function textOf(source: string | Readable): Promise<string> {
  if (typeof source === 'string') return source;
  const decoder = new StringDecoder('utf8');
  let text = '';
  for await (const chunk of source as AsyncIterable<string | Buffer>) text += typeof chunk === 'string' ? chunk : decoder.write(chunk);
  return text + decoder.end();
}

export function createCsvImporter({ now, events }: CrmDeps, contacts: ContactService, store: Pick<Store, 'writer'>) {
  const changed = announcerOf(events, 'contact');
  return {
    async preview(source: string | Readable, overrides?: CsvMapping): Promise<CsvPreview> {
      const { records, headers } = csvWithHeader(await textOf(source));
      const sampleRows: string[][] = [];
      for (const { cells } of records) {
        if (sampleRows.length >= 5) break;
        if (!isBlankRecord(cells)) sampleRows.push(cells);
      }
      return { headers, mapping: mapColumns(headers, overrides), sampleRows };
    },

    /**
     * Imports contacts into one company as a resumable job (its id is `importId`; see createCsvImportTask). The
     * whole import (parsing, validation, writes) runs on the background writer's thread, where it cannot hold up
     * the SIP timers and the RTP pacer: this thread only hears its counts after each batch, and its result.
     */
    async import(team: TeamScope, source: string | Readable, options: CsvImportOptions): Promise<CsvImportResult> {
      await contacts.assertCompany(team, options.companyId);
      const text = await textOf(source);
      try {
        return await store.writer.run('csvImport', { team: { teamId: team.teamId }, companyId: options.companyId, mapping: options.mapping, text, at: now() }, options.onProgress);
      } finally {
        // an import that stopped partway has written its earlier batches
        changed(undefined);
      }
    },
  };
}

export type CsvImporter = ReturnType<typeof createCsvImporter>;
