import type BetterSqlite3 from 'better-sqlite3';
import type { Migration } from './types';

/** The end of the outcome list in the CHECK migration 004 wrote, and what it becomes. */
const OUTCOMES_BEFORE = "'failed','cancelled')";
const OUTCOMES_AFTER = "'failed','cancelled','transferred')";

/**
 * Lets calls.outcome be 'transferred'. SQLite cannot alter a CHECK, and rebuilding calls would copy every
 * row and make each index and trigger again. A wider list only lets more through, so every stored row
 * still holds; for such a change SQLite documents rewriting the table's SQL in the schema and bumping
 * schema_version, so that every connection reads it again. better-sqlite3 opens connections in SQLite's
 * defensive mode, which refuses writes to the schema; unsafe mode lifts that for this one statement.
 */
function allowTransferredOutcome(db: BetterSqlite3.Database): void {
  const table = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'calls'").pluck().get() as string;
  if (table.split(OUTCOMES_BEFORE).length !== 2) throw new Error('calls.outcome does not have the CHECK migration 004 wrote');
  const version = db.pragma('schema_version', { simple: true }) as number;
  db.unsafeMode(true);
  try {
    db.pragma('writable_schema = ON');
    db.prepare("UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'calls'").run(table.replace(OUTCOMES_BEFORE, OUTCOMES_AFTER));
    db.pragma(`schema_version = ${version + 1}`);
  } finally {
    db.pragma('writable_schema = OFF');
    db.unsafeMode(false);
  }
}

/**
 * What was said and done on a call, and the calls found by team, outcome and date.
 *
 * A call's turns (who spoke, what, when from the answer, whether the other side cut in) and the tools the
 * assistant called (name, arguments, when, what came of it), each numbered in the order recorded and read by
 * call. The new outcome `transferred`. And indexes for the calls list, newest first, by team or campaign,
 * optionally by outcome, so a page and its count stay index scans at millions of calls. A recording needs
 * no column: it is recordings/<call id>.wav in the data folder, when the call was recorded.
 */
export const callTranscripts: Migration = {
  version: 17,
  name: 'call-transcripts',
  up(db) {
    allowTransferredOutcome(db);
    db.exec(`
      CREATE TABLE call_turns (
        call_id TEXT NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL CHECK (seq >= 1),
        speaker TEXT NOT NULL CHECK (speaker IN ('agent', 'contact')),
        text TEXT NOT NULL,
        -- from the answer
        offset_ms INTEGER NOT NULL CHECK (offset_ms >= 0),
        interrupted INTEGER NOT NULL DEFAULT 0 CHECK (interrupted IN (0, 1)),
        PRIMARY KEY (call_id, seq)
      ) WITHOUT ROWID;

      CREATE TABLE call_tools (
        call_id TEXT NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL CHECK (seq >= 1),
        name TEXT NOT NULL CHECK (length(name) > 0),
        arguments TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(arguments)),
        at INTEGER NOT NULL,
        -- what the app answered the model; NULL when it had nothing to say
        result TEXT,
        PRIMARY KEY (call_id, seq)
      ) WITHOUT ROWID;

      CREATE INDEX calls_team_started ON calls (team_id, started_at);
      CREATE INDEX calls_team_outcome_started ON calls (team_id, outcome, started_at);
      CREATE INDEX calls_campaign_outcome_started ON calls (campaign_id, outcome, started_at);
    `);
  },
};
