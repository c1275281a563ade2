// Files in the data folder hold contacts, call audio and secrets: only their user may read them, whatever
// the umask (a usual 022 would make them readable by every local user).
import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { chmod, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_FOLDER_MODE = 0o700;

/** For the app's own folders: creates the folder (and parents) 0700 if missing, and makes it 0700 if an older version left it open. */
export function ensurePrivateFolder(folder: string): void {
  mkdirSync(folder, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  chmodSync(folder, PRIVATE_FOLDER_MODE);
}

/** Creates the file empty and 0600 if missing; an existing one keeps its content and becomes 0600. */
export function ensurePrivateFile(file: string): void {
  closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  chmodSync(file, PRIVATE_FILE_MODE);
}

/** Makes an existing file 0600; a missing one is fine. */
export function tightenIfPresent(file: string): void {
  try {
    chmodSync(file, PRIVATE_FILE_MODE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/**
 * Writes a file 0600, creating its folder 0700 if missing. An existing folder keeps its mode: it may be the
 * user's own (the app tightens its folders once, with ensurePrivateFolder). Chunks (an iterable) are made and
 * written one at a time, into a file beside it that is renamed over it once whole: whoever opens the file
 * (a player of the recording, a test) sees it complete or not at all, never half written.
 */
export async function writePrivateFile(file: string, data: Uint8Array | string | Iterable<Uint8Array>): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: PRIVATE_FOLDER_MODE });
  const partial = `${file}.${randomUUID()}.part`;
  try {
    await writeFile(partial, data, { mode: PRIVATE_FILE_MODE });
    await chmod(partial, PRIVATE_FILE_MODE);
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}
