import type BetterSqlite3 from 'better-sqlite3';
import type { CsvRowError } from '../../shared/crm/csvImport';
import { AppError } from '../../shared/errors';
import { newId } from '../platform/ids';
import type { ContactTable } from '../db/schema';
import { contactColumns } from '../db/kysely/contactRows';
import type { TeamScope } from './context';
import type { DedupeKey } from './contactKeys';
import type { NewContact } from './contactStore';

/** The fields an imported contact fills, in the order their parameters are bound. */
const FIELDS = [
  'id', 'teamId', 'companyId', 'firstName', 'lastName', 'phone', 'phoneZones', 'phoneSecondary', 'email', 'jobTitle',
  'leadStatus', 'source', 'timezone', 'doNotCall', 'notes', 'tags', 'customFields', 'createdAt', 'updatedAt',
] as const satisfies readonly (keyof ContactTable)[];

/** The column of a field, as the store's CamelCasePlugin names it. */
const column = (field: string) => field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

const INSERT_CONTACT = `INSERT INTO contacts (${FIELDS.map(column).join(', ')})`;
const VALUES = FIELDS.map(() => '?').join(', ');
/** Contacts keyed by email or name have no phone; the partial indexes of migration 014 answer these. */
const WITHOUT_PHONE = 'SELECT 1 FROM contacts WHERE company_id = ? AND phone IS NULL';

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

/** What a job that was cut off had committed: the errors of its rows (as many as asked for), and their counts. */
export interface CommittedOutcome {
  errors: CsvRowError[];
  errorCount: number;
  failed: number;
  duplicates: number;
}

export interface ImportJob {
  id: string;
  /** When this run of the job started: the stamp of its contacts and of its own row. */
  at: number;
  /** The company and file it imports. */
  file: string;
  /** Rows up to this one are committed (1, the header, for a new job). */
  rowsDone: number;
  committed: CommittedOutcome;
}

/**
 * Import jobs: one per file and company, committed in batches. A batch writes its contacts, its row errors and the
 * row it reached in one transaction, so a job cut off by a crash holds exactly the outcome of its committed rows,
 * and the same file imported again goes on from there. `sqlite` is the connection of the background writer's thread.
 */
export function createImportJobs(sqlite: BetterSqlite3.Database) {
  const q = {
    cutOff: sqlite.prepare<[string, string, string], { id: string; rowsDone: number }>(
      `SELECT id, rows_done AS rowsDone FROM import_jobs WHERE company_id = ? AND file_hash = ? AND team_id = ? AND status = 'running' ORDER BY created_at DESC LIMIT 1`,
    ),
    errors: sqlite.prepare<[string, number], CsvRowError>(`SELECT row, field, reason FROM import_job_errors WHERE job_id = ? ORDER BY row, rowid LIMIT ?`),
    counts: sqlite.prepare<[string], { errorCount: number; failed: number; duplicates: number }>(
      `SELECT count(*) AS errorCount, count(DISTINCT CASE WHEN kind = 'invalid' THEN row END) AS failed,
       count(CASE WHEN kind = 'duplicate' THEN 1 END) AS duplicates FROM import_job_errors WHERE job_id = ?`,
    ),
    createJob: sqlite.prepare(`INSERT INTO import_jobs (id, team_id, company_id, file_hash, status, created_at, updated_at) VALUES (?, ?, ?, ?, 'running', ?, ?)`),
    insertError: sqlite.prepare(`INSERT INTO import_job_errors (job_id, row, field, reason, kind) VALUES (?, ?, ?, ?, ?)`),
    // a phone already in the company hits the unique index contacts_company_phone
    insertByPhone: sqlite.prepare(`${INSERT_CONTACT} VALUES (${VALUES}) ON CONFLICT DO NOTHING`),
    insertByEmail: sqlite.prepare(`${INSERT_CONTACT} SELECT ${VALUES} WHERE NOT EXISTS (${WITHOUT_PHONE} AND email IS NOT NULL AND lower(email) = lower(?))`),
    insertByName: sqlite.prepare(
      `${INSERT_CONTACT} SELECT ${VALUES} WHERE NOT EXISTS (${WITHOUT_PHONE} AND email IS NULL AND lower(first_name) = lower(?) AND lower(last_name) = lower(?))`,
    ),
    rowsDone: sqlite.prepare(`UPDATE import_jobs SET rows_done = ?, updated_at = ? WHERE id = ?`),
    finish: sqlite.prepare(`UPDATE import_jobs SET status = 'done', updated_at = ? WHERE id = ?`),
    dropErrors: sqlite.prepare(`DELETE FROM import_job_errors WHERE job_id = ?`),
  };
  /** The files (company and hash) this process is importing now: a job left 'running' but not here was cut off. */
  const running = new Set<string>();

  /** Inserts a contact unless the company has its key already; true when inserted. */
  function insert(contact: ImportedContact): boolean {
    const row = contactColumns(contact.values);
    const values = FIELDS.map((field) => row[field] ?? null);
    if (contact.key.kind === 'phone') return q.insertByPhone.run(values).changes === 1;
    if (contact.key.kind === 'email') return q.insertByEmail.run([...values, row.companyId, row.email]).changes === 1;
    return q.insertByName.run([...values, row.companyId, row.firstName, row.lastName]).changes === 1;
  }

  const commit = sqlite.transaction((job: ImportJob, batch: { contacts: ImportedContact[]; errors: RowError[] }, rowsDone: number) => {
    for (const e of batch.errors) q.insertError.run(job.id, e.row, e.field, e.reason, e.kind);
    const inserted = batch.contacts.map((contact) => {
      const added = insert(contact);
      if (!added) q.insertError.run(job.id, contact.row, contact.key.field, contact.duplicateReason, 'duplicate');
      return added;
    });
    q.rowsDone.run(rowsDone, job.at, job.id);
    return inserted;
  });
  const finish = sqlite.transaction((job: ImportJob) => {
    q.finish.run(job.at, job.id);
    q.dropErrors.run(job.id);
  });

  return {
    /** The job of this file (its company and hash), started at `at`: the one cut off, resumed, or a new one. */
    open({ team, companyId, fileHash, at }: { team: TeamScope; companyId: string; fileHash: string; at: number }, errorLimit: number): ImportJob {
      const file = `${companyId}:${fileHash}`;
      if (running.has(file)) throw AppError.conflict('This file is being imported into this company already');
      const cutOff = q.cutOff.get(companyId, fileHash, team.teamId);
      const job = cutOff
        ? { ...cutOff, at, file, committed: { errors: q.errors.all(cutOff.id, errorLimit), ...q.counts.get(cutOff.id)! } }
        : { id: newId('imp'), at, file, rowsDone: 1, committed: { errors: [], errorCount: 0, failed: 0, duplicates: 0 } };
      if (!cutOff) q.createJob.run(job.id, team.teamId, companyId, fileHash, at, at);
      running.add(file);
      return job;
    },

    /**
     * Commits a batch as one transaction: its contacts (each skipped, with a duplicate row error, when the company
     * has it), its row errors, and the row it reached. Returns whether each contact was inserted.
     */
    commit(job: ImportJob, batch: { contacts: ImportedContact[]; errors: RowError[] }, rowsDone: number): boolean[] {
      const inserted = commit.immediate(job, batch, rowsDone);
      job.rowsDone = rowsDone;
      return inserted;
    },

    /** The job is done: its errors are in the caller's result, and the same file imported again is a new job. */
    finish(job: ImportJob): void {
      finish.immediate(job);
    },

    /** This process no longer runs the job (finished, or failed and left to resume). */
    release(job: ImportJob): void {
      running.delete(job.file);
    },
  };
}

export type ImportJobs = ReturnType<typeof createImportJobs>;
