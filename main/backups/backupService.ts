import type BetterSqlite3 from 'better-sqlite3';
import type { BackupInfo, BackupList, RestoreResult } from '../../shared/contract/backupInfo';
import { AppError } from '../../shared/errors';
import { migrations } from '../db/migrations';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/log';
import type { SettingsStore } from '../settings/store';
import { backupPath, checkRestorable, createBackup, listBackups, pruneBackups, replaceDatabaseFile, type BackupFolder } from './backupFiles';

export interface BackupServiceOptions {
  dbFile: string;
  sqlite: BetterSqlite3.Database;
  /** null: an in-memory workspace, which keeps no backups. */
  folder: BackupFolder | null;
  /** How many backups to keep (settings.backups.keep). */
  settings: SettingsStore;
  clock: Clock;
  log: Logger;
  /** Closes the open workspace: the dialer ends its calls and the store lets go of the file. */
  closeWorkspace(): Promise<void>;
  /** Opens the workspace file again, in the place of the closed one. */
  openWorkspace(): Promise<void>;
}

export type BackupService = ReturnType<typeof createBackupService>;

/** Backing up the open workspace, keeping the newest N, and putting a backup in its place. */
export function createBackupService(o: BackupServiceOptions) {
  const folder = (): BackupFolder => {
    if (!o.folder) throw AppError.conflict('An in-memory workspace keeps no backups');
    return o.folder;
  };
  return {
    list(): BackupList {
      return { folder: o.folder?.dir ?? null, backups: o.folder ? listBackups(o.folder) : [] };
    },

    /** When the newest backup of any kind was made (UTC ms), or null. */
    newestAt(): number | null {
      const newest = o.folder ? listBackups(o.folder)[0] : undefined;
      return newest ? Date.parse(newest.createdAt) : null;
    },

    /** Backs up now, then deletes the backups beyond the number to keep. */
    async create(kind: 'daily' | 'manual'): Promise<BackupInfo> {
      const made = await createBackup(o.sqlite, folder(), kind, o.clock.now());
      const pruned = pruneBackups(folder(), o.settings.get().backups.keep);
      o.log.info('backup made', { backup: made.id, sizeBytes: made.sizeBytes, deleted: pruned.map((b) => b.id) });
      return made;
    },

    /**
     * Makes the workspace what the backup holds. The backup is checked before anything changes, and the
     * workspace as it is now is backed up first (the safety copy, listed like any backup), so a restore can
     * be undone. If the restored file does not open, the safety copy is put back.
     */
    async restore(id: string): Promise<RestoreResult> {
      const file = backupPath(folder(), id);
      checkRestorable(file, folder(), migrations.length);
      const restored = listBackups(folder()).find((b) => b.id === id)!;
      const safetyCopy = await createBackup(o.sqlite, folder(), 'before-restore', o.clock.now());
      await o.closeWorkspace();
      try {
        replaceDatabaseFile(o.dbFile, file);
        await o.openWorkspace();
      } catch (error) {
        replaceDatabaseFile(o.dbFile, backupPath(folder(), safetyCopy.id));
        await o.openWorkspace();
        o.log.error('restore failed; the workspace is as it was', { backup: id, error: String(error) });
        throw AppError.conflict(`The backup could not be opened, so the workspace was left as it was: ${(error as Error).message}`);
      }
      o.log.warn('backup restored', { backup: id, safetyCopy: safetyCopy.id });
      return { restored, safetyCopy };
    },
  };
}
