import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { CsvImportProgress, CsvImportResult, CsvMapping, CsvPreview, CsvRowError } from '../../shared/crm/csvImport';
import { contactInput, type ContactInput } from '../../shared/crm/schemas';
import type { Store } from '../db/open';
import { eventLoopShare } from '../eventLoopShare';
import { dedupeKey } from './contactKeys';
import type { CrmDeps, TeamScope } from './context';
import { contactRow, type ContactService } from './contacts';
import { mapColumns } from './csvColumns';
import { csvRecords } from './csvRecords';
import { createImportJobs, type ImportedContact, type RowError } from './importJobs';

/** Rows per committed batch: a transaction short enough not to keep the main thread's own writes waiting long. */
const BATCH_ROWS = 500;
const MAX_REPORTED_ERRORS = 10_000;
/** Text hashed between two looks at the event loop. */
const HASH_CHARS = 1 << 20;

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

/** What makes an import the same job again: the company, the columns as mapped, and the text. */
async function jobHash(companyId: string, mapping: CsvMapping, text: string, share: () => Promise<void>): Promise<string> {
  const hash = createHash('sha256').update(JSON.stringify([companyId, mapping]));
  for (let at = 0; at < text.length; at += HASH_CHARS) {
    hash.update(text.slice(at, at + HASH_CHARS));
    await share();
  }
  return hash.digest('hex');
}

/** The records of a CSV text after its header (the first record), and the header's names. */
function withHeader(text: string) {
  const records = csvRecords(text);
  const first = records.next();
  return { records, headers: first.done ? [] : first.value.cells.map((h) => h.trim()) };
}

const isBlank = (row: string[]) => row.every((cell) => !cell.trim());

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

/** Why a record cannot be read as a row of this file, or null. */
function malformation(malformed: string | null, cells: string[], headers: string[]): string | null {
  if (malformed) return malformed;
  if (cells.length !== headers.length) return `This row has ${cells.length} ${cells.length === 1 ? 'cell' : 'cells'}; the header has ${headers.length}`;
  return null;
}

export function createCsvImporter({ now }: CrmDeps, contacts: ContactService, store: Pick<Store, 'sqlite' | 'writer'>) {
  const jobs = createImportJobs(store, now);

  return {
    async preview(source: string | Readable, overrides?: CsvMapping): Promise<CsvPreview> {
      const { records, headers } = withHeader(await textOf(source));
      const sampleRows: string[][] = [];
      for (const { cells } of records) {
        if (sampleRows.length >= 5) break;
        if (!isBlank(cells)) sampleRows.push(cells);
      }
      return { headers, mapping: mapColumns(headers, overrides), sampleRows };
    },

    /**
     * Imports contacts into one company as a job (its id is `importId`). Bad and malformed rows are reported (row,
     * field, reason) and never stop the good ones; a row whose key (phone, else email, else name) the company
     * already has, or an earlier row had, is skipped as a duplicate. Batches are committed as they go, off the main
     * thread, and the main thread's own share yields to the event loop every few ms. When the same file is imported
     * again after a crash, the job resumes after its last committed row, and the result counts the whole file.
     */
    async import(team: TeamScope, source: string | Readable, options: CsvImportOptions): Promise<CsvImportResult> {
      await contacts.assertCompany(team, options.companyId);
      const share = eventLoopShare();
      const text = await textOf(source);
      const { records, headers } = withHeader(text);
      const mapping = mapColumns(headers, options.mapping);
      const job = await jobs.open(team, options.companyId, await jobHash(options.companyId, mapping, text, share), MAX_REPORTED_ERRORS);
      try {
        const { committed } = job;
        const progress: CsvImportProgress = { importId: job.id, processedRows: 0, imported: 0, duplicates: committed.duplicates, failed: committed.failed };
        const errors: CsvRowError[] = [...committed.errors];
        let errorsTruncated = committed.errorCount > errors.length;
        const report = ({ row, field, reason }: CsvRowError) => {
          if (errors.length < MAX_REPORTED_ERRORS) errors.push({ row, field, reason });
          else errorsTruncated = true;
        };
        /** Every processed row is committed whenever progress is told, so the imported rows are the rest. */
        const counts = (): CsvImportProgress => ({ ...progress, imported: progress.processedRows - progress.failed - progress.duplicates });

        const seenKeys = new Set<string>();
        const emptyBatch = () => ({ contacts: [] as ImportedContact[], errors: [] as RowError[], rows: 0 });
        let batch = emptyBatch();
        const fail = (rowErrors: RowError[]) => {
          progress.failed++;
          rowErrors.forEach(report);
          batch.errors.push(...rowErrors);
        };
        const duplicate = (error: CsvRowError) => {
          progress.duplicates++;
          report(error);
        };
        const take = (row: number, input: ContactInput) => {
          const key = dedupeKey(input);
          if (seenKeys.has(key.id)) {
            const error = { row, field: key.field, reason: `Duplicate: ${key.label} appears earlier in this file` };
            duplicate(error);
            batch.errors.push({ ...error, kind: 'duplicate' });
            return;
          }
          seenKeys.add(key.id);
          batch.contacts.push({ row, key, values: contactRow(team, input, now()), duplicateReason: `Duplicate: ${key.label} is already a contact of this company` });
        };
        const flush = async (rowsDone: number) => {
          const ifDuplicate = batch.contacts.map(({ row, key, duplicateReason }): CsvRowError => ({ row, field: key.field, reason: duplicateReason }));
          const committed = jobs.commit(job, batch, rowsDone);
          batch = emptyBatch();
          const inserted = await committed;
          ifDuplicate.forEach((error, i) => inserted[i] || duplicate(error));
          options.onProgress?.(counts());
        };

        let lastRow = job.rowsDone;
        for (const { row, cells, malformed } of records) {
          if (!malformed && isBlank(cells)) continue;
          progress.processedRows++;
          await share();
          if (row <= job.rowsDone) continue;
          lastRow = row;
          batch.rows++;
          const problem = malformation(malformed, cells, headers);
          if (problem) fail([{ row, field: 'row', reason: problem, kind: 'invalid' }]);
          else {
            const parsed = contactInput.safeParse(recordToInput(headers, mapping, cells, options.companyId));
            if (parsed.success) take(row, parsed.data);
            else fail(parsed.error.issues.map((issue) => ({ row, field: issue.path.join('.'), reason: issue.message, kind: 'invalid' })));
          }
          if (batch.rows >= BATCH_ROWS) await flush(row);
        }
        if (batch.rows > 0) await flush(lastRow);
        await jobs.finish(job);
        errors.sort((a, b) => a.row - b.row);
        return { ...counts(), errors, errorsTruncated };
      } finally {
        jobs.release(job);
      }
    },
  };
}

export type CsvImporter = ReturnType<typeof createCsvImporter>;
