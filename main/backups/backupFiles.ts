// The backup files of a workspace: backups/ beside its database, one consistent copy per file, private to
// the user like the database itself. Names carry the workspace's own name, the instant and the kind, so the
// folder lists itself and two workspaces in one folder keep apart.
import BetterSqlite3 from 'better-sqlite3';
import { chmodSync, closeSync, copyFileSync, existsSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { BackupInfo, BackupKind } from '../../shared/contract/backupInfo';
import { AppError } from '../../shared/errors';
import { ensurePrivateFile, ensurePrivateFolder, PRIVATE_FILE_MODE } from '../platform/privateFiles';

/** Where a workspace's backups go, and how to open them (the desktop app's SQLite addon is built for Electron). */
export interface BackupFolder {
  dir: string;
  /** The database's file name without its extension: every backup's name starts with it. */
  stem: string;
  nativeBinding?: string;
}

export function backupFolderOf(dbFile: string, nativeBinding?: string): BackupFolder {
  const path = resolve(dbFile);
  return { dir: join(dirname(path), 'backups'), stem: basename(path, extname(path)), nativeBinding };
}

/** 2026-06-01T12:00:00.000Z as 2026-06-01T12-00-00-000Z: no characters a file system refuses. */
const stampOf = (at: number) => new Date(at).toISOString().replace(/[:.]/g, '-');
const NAME = /^(\d{4}-\d\d-\d\dT\d\d)-(\d\d)-(\d\d)-(\d{3})Z-(daily|manual|before-upgrade|before-restore)\.db$/;

const nameOf = (folder: BackupFolder, at: number, kind: BackupKind) => `${folder.stem}-${stampOf(at)}-${kind}.db`;

function parseName(folder: BackupFolder, name: string): { at: number; kind: BackupKind } | null {
  if (!name.startsWith(`${folder.stem}-`)) return null;
  const match = name.slice(folder.stem.length + 1).match(NAME);
  return match ? { at: Date.parse(`${match[1]}:${match[2]}:${match[3]}.${match[4]}Z`), kind: match[5] as BackupKind } : null;
}

/** The workspace's backups, newest first; none when the folder does not exist yet. */
export function listBackups(folder: BackupFolder): BackupInfo[] {
  let names: string[];
  try {
    names = readdirSync(folder.dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const found: (BackupInfo & { at: number })[] = [];
  for (const name of names) {
    const parsed = parseName(folder, name);
    if (parsed) found.push({ id: name, kind: parsed.kind, at: parsed.at, createdAt: new Date(parsed.at).toISOString(), sizeBytes: statSync(join(folder.dir, name)).size });
  }
  return found.sort((a, b) => b.at - a.at || b.id.localeCompare(a.id)).map(({ at: _at, ...info }) => info);
}

/** The path of a listed backup; anything else (another file, a path) is not found. */
export function backupPath(folder: BackupFolder, id: string): string {
  if (!parseName(folder, id) || !existsSync(join(folder.dir, id))) throw AppError.notFound('Backup', id);
  return join(folder.dir, id);
}

/**
 * A consistent copy of the open database, by SQLite's online backup (other connections go on writing
 * meanwhile). It is written under another name and renamed when complete, so a crash leaves no half backup
 * in the list, and it is turned into a plain rollback-journal file, which opens read-only without leaving
 * -wal and -shm files beside it.
 */
export async function createBackup(sqlite: BetterSqlite3.Database, folder: BackupFolder, kind: BackupKind, at: number): Promise<BackupInfo> {
  ensurePrivateFolder(folder.dir);
  let when = at;
  while (existsSync(join(folder.dir, nameOf(folder, when, kind)))) when += 1;
  const file = join(folder.dir, nameOf(folder, when, kind));
  const partial = `${file}.partial`;
  try {
    // created 0600 before SQLite writes into it: the copy holds everything the database does
    ensurePrivateFile(partial);
    await sqlite.backup(partial);
    const copy = new BetterSqlite3(partial, folder.nativeBinding ? { nativeBinding: folder.nativeBinding } : {});
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    renameSync(partial, file);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  return { id: basename(file), kind, createdAt: new Date(when).toISOString(), sizeBytes: statSync(file).size };
}

/** Deletes all but the newest `keep` backups; returns what it deleted. */
export function pruneBackups(folder: BackupFolder, keep: number): BackupInfo[] {
  const old = listBackups(folder).slice(keep);
  for (const backup of old) rmSync(join(folder.dir, backup.id), { force: true });
  return old;
}

/**
 * Refuses a backup that cannot become the workspace: one that does not open, fails SQLite's integrity
 * check, is no Dialwell workspace, or was written by a newer version.
 */
export function checkRestorable(file: string, folder: BackupFolder, knownSchema: number): void {
  const refuse = (why: string) => new AppError('validation', `This backup cannot be restored: ${why}`, { id: why });
  let db: BetterSqlite3.Database;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true, ...(folder.nativeBinding ? { nativeBinding: folder.nativeBinding } : {}) });
  } catch (error) {
    throw refuse(`it does not open (${(error as Error).message})`);
  }
  try {
    let check: unknown;
    try {
      check = db.pragma('integrity_check', { simple: true });
    } catch (error) {
      throw refuse(`it is not a database (${(error as Error).message})`);
    }
    if (check !== 'ok') throw refuse(`it is damaged (${String(check)})`);
    const schema = db.pragma('user_version', { simple: true }) as number;
    if (schema < 1) throw refuse('it is not a Dialwell workspace');
    if (schema > knownSchema) throw refuse(`a newer version of Dialwell wrote it (schema ${schema}; this version knows up to ${knownSchema})`);
  } finally {
    db.close();
  }
}

/**
 * Puts a backup in the place of a closed database: copied beside it and flushed to disk first, then
 * renamed over it in one step, so a crash leaves either the old database or the restored one. The old
 * database's -wal and -shm go, or SQLite would replay them onto the restored file.
 */
export function replaceDatabaseFile(dbFile: string, backupFile: string): void {
  const incoming = `${dbFile}.restoring`;
  copyFileSync(backupFile, incoming);
  chmodSync(incoming, PRIVATE_FILE_MODE);
  const fd = openSync(incoming, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  for (const leftover of ['-wal', '-shm', '-journal']) rmSync(`${dbFile}${leftover}`, { force: true });
  renameSync(incoming, dbFile);
}
