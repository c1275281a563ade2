import { afterAll } from 'vitest';
import { removeTempFiles, tempFile } from './tempFiles';

afterAll(removeTempFiles);

/** A fresh real SQLite file path in a temp folder, removed after the test file. */
export function tempDbFile(name = 'dialwell.db'): string {
  return tempFile(name);
}
