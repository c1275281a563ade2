import type { CsvRowError } from '../../shared/crm/csvImport';
import type { DedupeKey } from './contactKeys';
import type { NewContact } from './contactStore';

/** A row the import could not take: bad (`invalid`), or a contact already there (`duplicate`). */
export interface RowError extends CsvRowError {
  kind: 'invalid' | 'duplicate';
}

export interface ImportedContact {
  row: number;
  key: DedupeKey;
  values: NewContact;
  /** The row error it gets when the company already has it. */
  duplicateReason: string;
}

/** One batch of a file: the contacts to insert and the rows that failed. */
export interface ImportBatch {
  contacts: ImportedContact[];
  errors: RowError[];
}

/** What a job that was cut off had committed: the errors of its rows (as many as asked for), and their counts. */
export interface CommittedOutcome {
  errors: CsvRowError[];
  errorCount: number;
  failed: number;
  duplicates: number;
}

/** A job left running: its id and the last row it committed. */
export interface UnfinishedJob {
  id: string;
  rowsDone: number;
}

/** A new job of a file (its company and hash) for the team, started at `at`. */
export interface NewImportJob {
  id: string;
  teamId: string;
  companyId: string;
  fileHash: string;
  at: number;
}

/**
 * Where the CSV import keeps its jobs and writes its contacts; every engine implements it on its own writer (the
 * import runs where it cannot hold up live calls). Instants are UTC ms.
 */
export interface ContactImportStore {
  /** The team's latest job of this file still running (cut off, unless this process runs it). */
  unfinishedJob(teamId: string, companyId: string, fileHash: string): Promise<UnfinishedJob | undefined>;
  /** What a job has committed: up to `errorLimit` of its row errors, by row, and its counts. */
  committed(jobId: string, errorLimit: number): Promise<CommittedOutcome>;
  /** Starts a job at its first data row (1, the header, is done). */
  createJob(job: NewImportJob): Promise<void>;
  /**
   * One transaction: the batch's contacts (each skipped, with its duplicate row error, when the company has its key),
   * its row errors, and `rowsDone`, the job changed at `at`. Returns whether each contact was inserted.
   */
  commitBatch(jobId: string, batch: ImportBatch, rowsDone: number, at: number): Promise<boolean[]>;
  /** The job is done, at `at`: its errors are dropped, and the same file imported again is a new job. */
  finishJob(jobId: string, at: number): Promise<void>;
}
