import { createHash } from 'node:crypto';
import type { CsvImportProgress, CsvImportResult, CsvMapping, CsvRowError } from '../../shared/crm/csvImport';
import { contactInput, type ContactInput } from '../../shared/crm/schemas';
import type { TaskContext } from '../db/taskContext';
import { dedupeKey } from './contactKeys';
import { newContact } from './contacts';
import type { TeamScope } from './context';
import { mapColumns, recordToInput } from './csvColumns';
import { csvWithHeader, isBlankRecord } from './csvRecords';
import type { ContactImportStore, ImportedContact, RowError } from './contactImportStore';
import { createImportJobs, type ImportJob } from './importJobs';

/** Rows per committed batch: a transaction short enough not to keep the main thread's own writes waiting long. */
const BATCH_ROWS = 500;
const MAX_REPORTED_ERRORS = 10_000;
/** Text hashed between two shares of the thread. */
const HASH_CHARS = 1 << 20;

export interface CsvImportInput {
  team: TeamScope;
  companyId: string;
  /** Overrides of the mapping guessed from the headers. */
  mapping?: CsvMapping;
  text: string;
  /** When the import was asked for (the app's clock: this thread has none of its own). */
  at: number;
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

/** Why a record cannot be read as a row of this file, or null. */
function malformation(malformed: string | null, cells: string[], headers: string[]): string | null {
  if (malformed) return malformed;
  if (cells.length !== headers.length) return `This row has ${cells.length} ${cells.length === 1 ? 'cell' : 'cells'}; the header has ${headers.length}`;
  return null;
}

/** The running outcome of a job: its counts (with what a cut-off run had committed) and its reported row errors. */
function outcomeOf(job: ImportJob) {
  const { committed } = job;
  const progress: CsvImportProgress = { importId: job.id, processedRows: 0, imported: 0, duplicates: committed.duplicates, failed: committed.failed };
  const errors: CsvRowError[] = [...committed.errors];
  let errorsTruncated = committed.errorCount > errors.length;
  const report = ({ row, field, reason }: CsvRowError) => {
    if (errors.length < MAX_REPORTED_ERRORS) errors.push({ row, field, reason });
    else errorsTruncated = true;
  };
  /** Every processed row is committed whenever the counts are told, so the imported rows are the rest. */
  const counts = (): CsvImportProgress => ({ ...progress, imported: progress.processedRows - progress.failed - progress.duplicates });
  return {
    progress,
    counts,
    failed(rowErrors: CsvRowError[]) {
      progress.failed++;
      rowErrors.forEach(report);
    },
    duplicate(error: CsvRowError) {
      progress.duplicates++;
      report(error);
    },
    result: (): CsvImportResult => ({ ...counts(), errors: errors.sort((a, b) => a.row - b.row), errorsTruncated }),
  };
}

/**
 * The CSV import as a background task: reads, validates and de-duplicates the rows and commits them in batches, all
 * on the background writer's thread, telling the counts after each batch. Bad and malformed rows are reported (row,
 * field, reason) and never stop the good ones; a row whose key (phone, else email, else name) the company already
 * has, or an earlier row had, is skipped as a duplicate. When the same file is imported again after a crash, the job
 * resumes after its last committed row, and the result counts the whole file.
 */
export function createCsvImportTask(store: ContactImportStore) {
  const jobs = createImportJobs(store);

  return async function importCsv(input: CsvImportInput, { progress: tell, share }: TaskContext<CsvImportProgress>): Promise<CsvImportResult> {
    const { team, companyId, text, at } = input;
    const { records, headers } = csvWithHeader(text);
    const mapping = mapColumns(headers, input.mapping);
    const job = await jobs.open({ team, companyId, fileHash: await jobHash(companyId, mapping, text, share), at }, MAX_REPORTED_ERRORS);
    try {
      const outcome = outcomeOf(job);
      const seenKeys = new Set<string>();
      const emptyBatch = () => ({ contacts: [] as ImportedContact[], errors: [] as RowError[], rows: 0 });
      let batch = emptyBatch();
      const fail = (rowErrors: RowError[]) => {
        outcome.failed(rowErrors);
        batch.errors.push(...rowErrors);
      };
      const take = (row: number, contact: ContactInput) => {
        const key = dedupeKey(contact);
        if (seenKeys.has(key.id)) {
          const error = { row, field: key.field, reason: `Duplicate: ${key.label} appears earlier in this file` };
          outcome.duplicate(error);
          batch.errors.push({ ...error, kind: 'duplicate' });
          return;
        }
        seenKeys.add(key.id);
        batch.contacts.push({ row, key, values: newContact(team, contact, at), duplicateReason: `Duplicate: ${key.label} is already a contact of this company` });
      };
      const flush = async (rowsDone: number) => {
        const inserted = await jobs.commit(job, batch, rowsDone);
        batch.contacts.forEach(({ row, key, duplicateReason }, i) => inserted[i] || outcome.duplicate({ row, field: key.field, reason: duplicateReason }));
        batch = emptyBatch();
        tell(outcome.counts());
      };

      let lastRow = job.rowsDone;
      for (const { row, cells, malformed } of records) {
        if (!malformed && isBlankRecord(cells)) continue;
        outcome.progress.processedRows++;
        await share();
        if (row <= job.rowsDone) continue;
        lastRow = row;
        batch.rows++;
        const problem = malformation(malformed, cells, headers);
        if (problem) fail([{ row, field: 'row', reason: problem, kind: 'invalid' }]);
        else {
          const parsed = contactInput.safeParse(recordToInput(headers, mapping, cells, companyId));
          if (parsed.success) take(row, parsed.data);
          else fail(parsed.error.issues.map((issue) => ({ row, field: issue.path.join('.'), reason: issue.message, kind: 'invalid' })));
        }
        if (batch.rows >= BATCH_ROWS) await flush(row);
      }
      if (batch.rows > 0) await flush(lastRow);
      await jobs.finish(job);
      return outcome.result();
    } finally {
      jobs.release(job);
    }
  };
}
