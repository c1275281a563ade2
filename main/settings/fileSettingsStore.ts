// Settings in a plain JSON file, for the headless host (the desktop app uses electron-store's file).
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { PRIVATE_FILE_MODE, tightenIfPresent } from '../platform/privateFiles';
import { createSettingsStore, type SettingsStore } from './store';

/** The parsed file, or undefined when it is missing or not JSON: migrateSettings then gives defaults. */
function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Settings kept in `file`, 0600; every write goes to a temporary file first and is renamed over it, so a crash
 * never leaves half a file.
 */
export function createFileSettingsStore(file: string): SettingsStore {
  tightenIfPresent(file);
  return createSettingsStore({
    read: () => readJson(file),
    write(settings) {
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, `${JSON.stringify(settings, null, 2)}\n`, { mode: PRIVATE_FILE_MODE });
      renameSync(temporary, file);
    },
  });
}
