import type { DncImportResult } from '../../shared/compliance/types';
import type { TaskContext } from '../db/taskContext';
import { parseDncFile } from './dncFile';
import type { DncImportStore } from './dncImportStore';

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
export function createDncImportTask(store: DncImportStore) {
  return async function importDnc(input: DncImportInput, { share }: TaskContext<never>): Promise<DncImportOutcome> {
    const { teamId, listId, newListName, at } = input;
    const parsed = await parseDncFile(input.text, MAX_REPORTED_ERRORS, share);
    const unique = [...new Set(parsed.numbers.map((n) => n.e164))];
    if (newListName !== null) await store.createList(teamId, listId, newListName, at);
    let added = 0;
    for (let from = 0; from < unique.length; from += BATCH_NUMBERS) {
      added += await store.addNumbers(teamId, listId, unique.slice(from, from + BATCH_NUMBERS), at);
      await share();
    }
    await store.touchList(teamId, listId, at);
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
