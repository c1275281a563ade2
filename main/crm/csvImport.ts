import { Readable } from 'node:stream';
import Papa from 'papaparse';
import type { CsvImportProgress, CsvImportResult, CsvMapping, CsvPreview, CsvRowError } from '../../shared/crm/csvImport';
import { contactInput } from '../../shared/crm/schemas';
import { newId } from '../db/ids';
import type { CrmDeps, TeamScope } from './context';
import { contactRow, type ContactService } from './contacts';
import { mapColumns } from './csvColumns';

const BATCH_ROWS = 1000;
const MAX_REPORTED_ERRORS = 10_000;

export interface CsvImportOptions {
  companyId: string;
  mapping?: CsvMapping;
  onProgress?: (progress: CsvImportProgress) => void;
}

const CHUNK_CHARS = 64 * 1024;

/** Text in moderate chunks (papaparse's stream mode is quadratic on one huge chunk), decoded as UTF-8, BOM removed. */
async function* textChunks(source: string | Readable): AsyncGenerator<string> {
  let first = true;
  const strip = (text: string) => (first ? ((first = false), text.replace(/^\uFEFF/, '')) : text);
  if (typeof source === 'string') {
    for (let i = 0; i < source.length; i += CHUNK_CHARS) yield strip(source.slice(i, i + CHUNK_CHARS));
    return;
  }
  source.setEncoding('utf8');
  for await (const chunk of source as AsyncIterable<string>) yield strip(chunk);
}

/** Rows of a CSV text or stream, parsed as they arrive (papaparse's Node stream mode). */
async function* csvRows(source: string | Readable): AsyncGenerator<string[]> {
  const parser = Readable.from(textChunks(source)).pipe(Papa.parse(Papa.NODE_STREAM_INPUT, { header: false, skipEmptyLines: false }));
  for await (const row of parser as AsyncIterable<string[]>) yield row;
}

function cleanHeaders(row: string[]): string[] {
  return row.map((h) => h.trim());
}

const isBlank = (row: string[]) => row.every((cell) => !cell?.trim());

/** One CSV record -> the raw contact input the shared schema validates. */
function recordToInput(headers: string[], mapping: CsvMapping, cells: string[], companyId: string) {
  const raw: Record<string, unknown> = { companyId };
  headers.forEach((header, i) => {
    const target = mapping[header];
    const value = cells[i]?.trim() ?? '';
    if (!target || target === 'ignore' || value === '') return;
    if (target === 'fullName') {
      const [first, ...rest] = value.split(/\s+/);
      raw.firstName ??= first;
      raw.lastName ??= rest.join(' ');
    } else if (target === 'leadStatus') {
      raw.leadStatus = value.toLowerCase().replace(/[\s-]+/g, '_');
    } else if (target === 'tags') {
      raw.tags = value.split(/[;,]/).map((t) => t.trim()).filter(Boolean);
    } else {
      raw[target] = value;
    }
  });
  return raw;
}

export function createCsvImporter({ now }: CrmDeps, contacts: ContactService) {
  return {
    async preview(source: string | Readable, overrides?: CsvMapping): Promise<CsvPreview> {
      let headers: string[] | null = null;
      const sampleRows: string[][] = [];
      for await (const row of csvRows(source)) {
        if (!headers) headers = cleanHeaders(row);
        else if (!isBlank(row)) sampleRows.push(row);
        if (sampleRows.length >= 5) break;
      }
      const found = headers ?? [];
      return { headers: found, mapping: mapColumns(found, overrides), sampleRows };
    },

    /**
     * Imports contacts into one company. Bad rows are reported (row, field, reason) and never stop the
     * good ones; a phone already in the company (or earlier in the file) is skipped as a duplicate.
     * Each batch is written by one statement, so a batch is all-or-nothing.
     */
    async import(team: TeamScope, source: string | Readable, options: CsvImportOptions): Promise<CsvImportResult> {
      await contacts.assertCompany(team, options.companyId);
      const progress: CsvImportProgress = { importId: newId('imp'), processedRows: 0, imported: 0, duplicates: 0, failed: 0 };
      const errors: CsvRowError[] = [];
      let errorsTruncated = false;
      const report = (error: CsvRowError) => {
        if (errors.length < MAX_REPORTED_ERRORS) errors.push(error);
        else errorsTruncated = true;
      };
      const seenPhones = new Set<string>();
      let batch: { row: number; values: ReturnType<typeof contactRow> }[] = [];

      const flush = async () => {
        if (batch.length === 0) return;
        const insertedIds = await contacts.insertMany(batch.map((b) => b.values));
        for (const { row, values } of batch) {
          if (insertedIds.has(values.id)) continue;
          progress.duplicates++;
          report({ row, field: 'phone', reason: `Duplicate: ${values.phone} is already a contact of this company` });
        }
        progress.imported += insertedIds.size;
        batch = [];
        options.onProgress?.({ ...progress });
      };

      let headers: string[] | null = null;
      let mapping: CsvMapping = {};
      let rowNumber = 0;
      for await (const cells of csvRows(source)) {
        rowNumber++;
        if (!headers) {
          headers = cleanHeaders(cells);
          mapping = mapColumns(headers, options.mapping);
          continue;
        }
        if (isBlank(cells)) continue;
        progress.processedRows++;
        const parsed = contactInput.safeParse(recordToInput(headers, mapping, cells, options.companyId));
        if (!parsed.success) {
          progress.failed++;
          for (const issue of parsed.error.issues) report({ row: rowNumber, field: issue.path.join('.'), reason: issue.message });
          continue;
        }
        const phone = parsed.data.phone;
        if (phone && seenPhones.has(phone)) {
          progress.duplicates++;
          report({ row: rowNumber, field: 'phone', reason: `Duplicate: ${phone} appears earlier in this file` });
          continue;
        }
        if (phone) seenPhones.add(phone);
        batch.push({ row: rowNumber, values: contactRow(team, parsed.data, now()) });
        if (batch.length >= BATCH_ROWS) await flush();
      }
      await flush();
      return { ...progress, errors, errorsTruncated };
    },
  };
}

export type CsvImporter = ReturnType<typeof createCsvImporter>;
