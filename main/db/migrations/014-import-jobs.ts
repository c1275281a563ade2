import type { Migration } from './types';

/**
 * CSV imports as jobs that survive a crash: a job is known by its file (hash of the text and the column mapping)
 * and commits its rows in batches, each with the row it reached and the errors of its rows, so the same file
 * imported again resumes where the committed rows end. Contacts without a phone are de-duplicated by email, else
 * by name, within their company; the two indexes hold only such contacts, so they cost nothing to the usual rows.
 */
export const importJobs: Migration = {
  version: 14,
  name: 'import-jobs',
  up(db) {
    db.exec(`
      CREATE TABLE import_jobs (
        id TEXT PRIMARY KEY,
        team_id TEXT NOT NULL REFERENCES teams(id),
        company_id TEXT NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
        file_hash TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('running', 'done')),
        -- every row up to this spreadsheet row is committed: imported, or in import_job_errors
        rows_done INTEGER NOT NULL DEFAULT 1,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX import_jobs_file ON import_jobs (company_id, file_hash, status);

      -- a running job's row errors (a finished job's are in its result, and deleted)
      CREATE TABLE import_job_errors (
        job_id TEXT NOT NULL REFERENCES import_jobs(id) ON DELETE CASCADE,
        row INTEGER NOT NULL,
        field TEXT NOT NULL,
        reason TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('invalid', 'duplicate'))
      );
      CREATE INDEX import_job_errors_job ON import_job_errors (job_id, row);

      CREATE INDEX contacts_company_email_key ON contacts (company_id, lower(email)) WHERE phone IS NULL AND email IS NOT NULL;
      CREATE INDEX contacts_company_name_key ON contacts (company_id, lower(first_name), lower(last_name)) WHERE phone IS NULL AND email IS NULL;
    `);
  },
};
