import type { Insertable } from 'kysely';
import type { CsvRowError } from '../../shared/crm/csvImport';
import { AppError } from '../../shared/errors';
import type { WriteStep } from '../db/backgroundWriter';
import { newId } from '../db/ids';
import type { Store } from '../db/open';
import type { ContactTable } from '../db/schema';
import type { TeamScope } from './context';
import type { DedupeKey } from './contactKeys';

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

/** The SQL of an import's transactions; a step names its statement by index. */
const SQL = [
  `INSERT INTO import_jobs (id, team_id, company_id, file_hash, status, created_at, updated_at) VALUES (?, ?, ?, ?, 'running', ?, ?)`,
  `INSERT INTO import_job_errors (job_id, row, field, reason, kind) VALUES (?, ?, ?, ?, ?)`,
  // a phone already in the company hits the unique index contacts_company_phone
  `${INSERT_CONTACT} VALUES (${VALUES}) ON CONFLICT DO NOTHING`,
  `${INSERT_CONTACT} SELECT ${VALUES} WHERE NOT EXISTS (${WITHOUT_PHONE} AND email IS NOT NULL AND lower(email) = lower(?))`,
  `${INSERT_CONTACT} SELECT ${VALUES} WHERE NOT EXISTS (${WITHOUT_PHONE} AND email IS NULL AND lower(first_name) = lower(?) AND lower(last_name) = lower(?))`,
  // right after a contact's insert: the row was a duplicate when that insert changed nothing
  `INSERT INTO import_job_errors (job_id, row, field, reason, kind) SELECT ?, ?, ?, ?, 'duplicate' WHERE changes() = 0`,
  `UPDATE import_jobs SET rows_done = ?, updated_at = ? WHERE id = ?`,
  `UPDATE import_jobs SET status = 'done', updated_at = ? WHERE id = ?`,
  `DELETE FROM import_job_errors WHERE job_id = ?`,
] as const;
const [CREATE_JOB, INSERT_ERROR, INSERT_BY_PHONE, INSERT_BY_EMAIL, INSERT_BY_NAME, DUPLICATE_UNLESS_INSERTED, ROWS_DONE, FINISH_JOB, DROP_ERRORS] = SQL.map((_, i) => i);

export interface RowError extends CsvRowError {
  kind: 'invalid' | 'duplicate';
}

export interface ImportedContact {
  row: number;
  key: DedupeKey;
  values: Insertable<ContactTable>;
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
  /** The company and file it imports. */
  file: string;
  /** Rows up to this one are committed (1, the header, for a new job). */
  rowsDone: number;
  committed: CommittedOutcome;
}

function contactStep(contact: ImportedContact): WriteStep {
  const values = FIELDS.map((field) => contact.values[field] ?? null);
  const { values: row } = contact;
  if (contact.key.kind === 'phone') return [INSERT_BY_PHONE, values];
  if (contact.key.kind === 'email') return [INSERT_BY_EMAIL, [...values, row.companyId, row.email]];
  return [INSERT_BY_NAME, [...values, row.companyId, row.firstName, row.lastName]];
}

/**
 * Import jobs: one per file and company, committed in batches through the background writer. A batch writes its
 * contacts, its row errors and the row it reached in one transaction, so a job cut off by a crash holds exactly
 * the outcome of its committed rows, and the same file imported again goes on from there.
 */
export function createImportJobs({ sqlite, writer }: Pick<Store, 'sqlite' | 'writer'>, now: () => number) {
  const q = {
    cutOff: sqlite.prepare<[string, string, string], { id: string; rowsDone: number }>(
      `SELECT id, rows_done AS rowsDone FROM import_jobs WHERE company_id = ? AND file_hash = ? AND team_id = ? AND status = 'running' ORDER BY created_at DESC LIMIT 1`,
    ),
    errors: sqlite.prepare<[string, number], CsvRowError>(`SELECT row, field, reason FROM import_job_errors WHERE job_id = ? ORDER BY row, rowid LIMIT ?`),
    counts: sqlite.prepare<[string], { errorCount: number; failed: number; duplicates: number }>(
      `SELECT count(*) AS errorCount, count(DISTINCT CASE WHEN kind = 'invalid' THEN row END) AS failed,
       count(CASE WHEN kind = 'duplicate' THEN 1 END) AS duplicates FROM import_job_errors WHERE job_id = ?`,
    ),
  };
  /** The files (company and hash) this process is importing now: a job left 'running' but not here was cut off. */
  const running = new Set<string>();

  return {
    /** The job of this file: the one cut off, resumed, or a new one. */
    async open(team: TeamScope, companyId: string, fileHash: string, errorLimit: number): Promise<ImportJob> {
      const file = `${companyId}:${fileHash}`;
      if (running.has(file)) throw AppError.conflict('This file is being imported into this company already');
      running.add(file);
      const cutOff = q.cutOff.get(companyId, fileHash, team.teamId);
      if (cutOff) return { ...cutOff, file, committed: { errors: q.errors.all(cutOff.id, errorLimit), ...q.counts.get(cutOff.id)! } };
      const id = newId('imp');
      const at = now();
      try {
        await writer.transaction(SQL, [[CREATE_JOB, [id, team.teamId, companyId, fileHash, at, at]]]);
      } catch (error) {
        running.delete(file);
        throw error;
      }
      return { id, file, rowsDone: 1, committed: { errors: [], errorCount: 0, failed: 0, duplicates: 0 } };
    },

    /**
     * Commits a batch: its contacts (each skipped when the company has it), its row errors, and the row it reached.
     * Resolves with whether each contact was inserted. Nothing of the batch is held while the writer works: the main
     * thread's garbage collector, which pauses it, has the less to keep.
     */
    commit(job: ImportJob, batch: { contacts: ImportedContact[]; errors: RowError[] }, rowsDone: number): Promise<boolean[]> {
      const steps: WriteStep[] = batch.errors.map((e) => [INSERT_ERROR, [job.id, e.row, e.field, e.reason, e.kind]]);
      const firstContact = steps.length;
      const count = batch.contacts.length;
      for (const contact of batch.contacts) {
        steps.push(contactStep(contact), [DUPLICATE_UNLESS_INSERTED, [job.id, contact.row, contact.key.field, contact.duplicateReason]]);
      }
      steps.push([ROWS_DONE, [rowsDone, now(), job.id]]);
      return writer.transaction(SQL, steps).then((changes) => {
        job.rowsDone = rowsDone;
        return Array.from({ length: count }, (_, i) => changes[firstContact + 2 * i] === 1);
      });
    },

    /** The job is done: its errors are in the caller's result, and the same file imported again is a new job. */
    async finish(job: ImportJob): Promise<void> {
      await writer.transaction(SQL, [
        [FINISH_JOB, [now(), job.id]],
        [DROP_ERRORS, [job.id]],
      ]);
    },

    /** This process no longer runs the job (finished, or failed and left to resume). */
    release(job: ImportJob): void {
      running.delete(job.file);
    },
  };
}

export type ImportJobs = ReturnType<typeof createImportJobs>;
