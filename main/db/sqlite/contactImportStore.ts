import type BetterSqlite3 from 'better-sqlite3';
import type { CsvRowError } from '../../../shared/crm/csvImport';
import type { CommittedOutcome, ContactImportStore, ImportBatch, ImportedContact, UnfinishedJob } from '../../crm/contactImportStore';
import type { ContactTable } from '../schema';
import { contactColumns } from '../kysely/contactRows';

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

/**
 * The import jobs' tables and the contacts a batch writes, as statements prepared once: a batch is one immediate
 * transaction of one prepared insert per row, the hot path of a large import.
 */
export function createSqliteContactImportStore(sqlite: BetterSqlite3.Database): ContactImportStore {
  const q = {
    unfinished: sqlite.prepare<[string, string, string], UnfinishedJob>(
      `SELECT id, rows_done AS rowsDone FROM import_jobs WHERE company_id = ? AND file_hash = ? AND team_id = ? AND status = 'running' ORDER BY created_at DESC LIMIT 1`,
    ),
    errors: sqlite.prepare<[string, number], CsvRowError>(`SELECT row, field, reason FROM import_job_errors WHERE job_id = ? ORDER BY row, rowid LIMIT ?`),
    counts: sqlite.prepare<[string], Omit<CommittedOutcome, 'errors'>>(
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

  /** Inserts a contact unless the company has its key already; true when inserted. */
  function insert(contact: ImportedContact): boolean {
    const row = contactColumns(contact.values);
    const values = FIELDS.map((field) => row[field] ?? null);
    if (contact.key.kind === 'phone') return q.insertByPhone.run(values).changes === 1;
    if (contact.key.kind === 'email') return q.insertByEmail.run([...values, row.companyId, row.email]).changes === 1;
    return q.insertByName.run([...values, row.companyId, row.firstName, row.lastName]).changes === 1;
  }

  const commitBatch = sqlite.transaction((jobId: string, batch: ImportBatch, rowsDone: number, at: number) => {
    for (const e of batch.errors) q.insertError.run(jobId, e.row, e.field, e.reason, e.kind);
    const inserted = batch.contacts.map((contact) => {
      const added = insert(contact);
      if (!added) q.insertError.run(jobId, contact.row, contact.key.field, contact.duplicateReason, 'duplicate');
      return added;
    });
    q.rowsDone.run(rowsDone, at, jobId);
    return inserted;
  });
  const finishJob = sqlite.transaction((jobId: string, at: number) => {
    q.finish.run(at, jobId);
    q.dropErrors.run(jobId);
  });

  return {
    unfinishedJob: async (teamId, companyId, fileHash) => q.unfinished.get(companyId, fileHash, teamId),
    committed: async (jobId, errorLimit) => ({ errors: q.errors.all(jobId, errorLimit), ...q.counts.get(jobId)! }),
    createJob: async ({ id, teamId, companyId, fileHash, at }) => void q.createJob.run(id, teamId, companyId, fileHash, at, at),
    commitBatch: async (jobId, batch, rowsDone, at) => commitBatch.immediate(jobId, batch, rowsDone, at),
    finishJob: async (jobId, at) => finishJob.immediate(jobId, at),
  };
}
