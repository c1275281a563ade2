import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { ensurePrivateFolder } from './privateFiles';
import { aesGcmSealer, KEY_BYTES, keyFileSealer, type SecretSealer } from './secrets';

/** The key-file sealer's key, beside the database. */
export const KEY_FILE = 'dialwell.key';

/** Where a workspace keeps its files: the folder of its database. */
export interface DataFolder {
  root: string;
  /** Call recordings, recordings/<call id>.wav. */
  recordings: string;
  /** Uploaded audio, media/<media id>.wav. */
  media: string;
}

/**
 * The data folder of a workspace database, its recordings and media folders made private (0700); null for
 * an in-memory workspace, which keeps no files. The folder itself keeps its mode: with the headless host it
 * may be any folder of the user's.
 */
export function openDataFolder(dbFile: string): DataFolder | null {
  if (dbFile === ':memory:' || dbFile === '') return null;
  const root = dirname(resolve(dbFile));
  const folder = { root, recordings: join(root, 'recordings'), media: join(root, 'media') };
  ensurePrivateFolder(folder.recordings);
  ensurePrivateFolder(folder.media);
  return folder;
}

/**
 * The sealer of the headless host, the CLIs and the tests: the key file beside the database. An in-memory
 * workspace gets a key of its own, whose secrets end with it.
 */
export function keyFileSealerFor(folder: DataFolder | null): SecretSealer {
  return folder ? keyFileSealer(join(folder.root, KEY_FILE)) : aesGcmSealer(randomBytes(KEY_BYTES));
}
