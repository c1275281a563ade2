import type { Migration } from './types';

/**
 * Post-call analysis and what it changes on contacts.
 *
 * An assistant's fields to collect (a JSON list) and its success criterion. One analysis per call, which is
 * also its durable job: `pending` until a worker gets an answer (`done`); an attempt that fails leaves it
 * `failed` with the reason, and due again later while attempts remain. `next_attempt_at` is when it is due,
 * pushed ahead while a worker holds it, so a job whose worker died comes due again. The index serves the worker's "due now" read. And a contact's history: dated lines
 * saying what changed it (the analysis writing its lead status or a custom field), newest first per contact.
 */
export const callAnalyses: Migration = {
  version: 18,
  name: 'call-analyses',
  up(db) {
    db.exec(`
      ALTER TABLE assistants ADD COLUMN collect TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(collect));
      ALTER TABLE assistants ADD COLUMN success_criterion TEXT;

      CREATE TABLE call_analyses (
        call_id TEXT PRIMARY KEY REFERENCES calls(id) ON DELETE CASCADE,
        team_id TEXT NOT NULL REFERENCES teams(id),
        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed')),
        summary TEXT,
        success INTEGER CHECK (success IN (0, 1)),
        fields TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(fields)),
        error TEXT,
        attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        -- when the next attempt is due; NULL once done, or failed with no attempt left
        next_attempt_at INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX call_analyses_due ON call_analyses (next_attempt_at) WHERE next_attempt_at IS NOT NULL;

      CREATE TABLE contact_history (
        seq INTEGER PRIMARY KEY,
        contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        at INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (length(kind) > 0),
        text TEXT NOT NULL,
        call_id TEXT REFERENCES calls(id) ON DELETE SET NULL
      );
      CREATE INDEX contact_history_contact_at ON contact_history (contact_id, at);
    `);
  },
};
