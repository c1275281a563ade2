import type BetterSqlite3 from 'better-sqlite3';
import type { DncImportResult } from '../../shared/compliance/types';
import type { TaskContext } from '../db/taskContext';
import { parseDncFile } from './dncFile';

const MAX_REPORTED_ERRORS = 10_000;
/** Numbers per committed batch of an import. */
const BATCH_NUMBERS = 1000;

export interface DncImportInput {
  teamId: string;
  listId: string;
  /** The name of the list to create as `listId`, or null when the list exists. */
  newListName: string | null;
  text: string;
  /** When the import was asked for (the app's clock: this thread has none of its own). */
  at: number;
}

/** What the import did; the list itself is read by the caller, after its contacts are scrubbed. */
export type DncImportOutcome = Omit<DncImportResult, 'list'>;

/**
 * The DNC import as a background task: reads the file and adds its numbers to the list in batches, all on the
 * background writer's thread. An import cut off part-way leaves the numbers it committed, and importing the file
 * again adds the rest (a number already listed is counted, not added twice).
 */
export function createDncImportTask(sqlite: BetterSqlite3.Database) {
  const q = {
    createList: sqlite.prepare(`INSERT INTO dnc_lists (id, team_id, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`),
    addNumber: sqlite.prepare(`INSERT OR IGNORE INTO dnc_numbers (list_id, team_id, e164, added_at) VALUES (?, ?, ?, ?)`),
    touchList: sqlite.prepare(`UPDATE dnc_lists SET updated_at = ? WHERE id = ?`),
  };
  const addBatch = sqlite.transaction((input: DncImportInput, numbers: string[]) =>
    numbers.reduce((added, e164) => added + q.addNumber.run(input.listId, input.teamId, e164, input.at).changes, 0),
  );

  return async function importDnc(input: DncImportInput, { share }: TaskContext<never>): Promise<DncImportOutcome> {
    const { teamId, listId, newListName, at } = input;
    const parsed = await parseDncFile(input.text, MAX_REPORTED_ERRORS, share);
    const unique = [...new Set(parsed.numbers.map((n) => n.e164))];
    if (newListName !== null) q.createList.run(listId, teamId, newListName, at, at);
    let added = 0;
    for (let from = 0; from < unique.length; from += BATCH_NUMBERS) {
      added += addBatch.immediate(input, unique.slice(from, from + BATCH_NUMBERS));
      await share();
    }
    q.touchList.run(at, listId);
    return {
      processedRows: parsed.processedRows,
      added,
      alreadyListed: unique.length - added,
      duplicates: parsed.numbers.length - unique.length,
      failed: parsed.failed,
      errors: parsed.errors,
      errorsTruncated: parsed.failed > parsed.errors.length,
    };
  };
}
