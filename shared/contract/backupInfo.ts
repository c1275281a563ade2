/** Why a backup was made: the daily one, "Back up now", before a schema upgrade, or of the workspace a restore replaced. */
export type BackupKind = 'daily' | 'manual' | 'before-upgrade' | 'before-restore';

/** One backup of the workspace database, as the Backups panel lists it. */
export interface BackupInfo {
  /** Its file name in the backups folder. */
  id: string;
  kind: BackupKind;
  createdAt: string;
  sizeBytes: number;
}

export interface BackupList {
  /** Where the backups are kept; null for an in-memory workspace, which has none. */
  folder: string | null;
  /** Newest first. */
  backups: BackupInfo[];
}

export interface RestoreResult {
  restored: BackupInfo;
  /** The workspace as it was just before the restore, to go back to. */
  safetyCopy: BackupInfo;
}
