import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/log';
import type { BackupService } from './backupService';

export const BACKUP_INTERVAL_MS = 24 * 60 * 60 * 1000;
/**
 * The first backup of a run waits this long after the start, so that starting stays quick and a short run
 * (a test, a quick look) makes none; a desktop app open for the working day still gets its daily one.
 */
export const FIRST_BACKUP_DELAY_MS = 10 * 60 * 1000;
/** A failed backup (a full disk, a folder made read-only) is tried again this much later, not at once. */
const RETRY_AFTER_FAILURE_MS = 60 * 60 * 1000;

/**
 * A backup a day while the app runs: 24 h after the newest backup (of any kind), and at the latest
 * FIRST_BACKUP_DELAY_MS after the start when that is already past (the app was closed for days).
 */
export function scheduleDailyBackups(backups: BackupService, clock: Clock, log: Logger): { stop(): void } {
  let timer: number | undefined;
  let stopped = false;

  const arm = (earliest: number) => {
    const newest = backups.newestAt();
    timer = clock.at(Math.max(earliest, newest === null ? earliest : newest + BACKUP_INTERVAL_MS), run);
  };
  // returning the promise lets a virtual clock wait for the backup before moving on
  const run = async () => {
    if (stopped) return;
    let retryAfter = 0;
    try {
      await backups.create('daily');
    } catch (error) {
      log.error('daily backup failed; trying again in an hour', { error: String(error) });
      retryAfter = RETRY_AFTER_FAILURE_MS;
    }
    if (!stopped) arm(clock.now() + retryAfter);
  };

  arm(clock.now() + FIRST_BACKUP_DELAY_MS);
  return {
    stop() {
      stopped = true;
      if (timer !== undefined) clock.cancel(timer);
    },
  };
}
