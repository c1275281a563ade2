import { closeSync, fstatSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { createLineLogger, logLevelFrom, type Logger } from './log';
import { ensurePrivateFolder, tightenIfPresent } from './privateFiles';

/** logs/<workspace>.log in the data folder: logs/dialwell.log beside dialwell.db. */
export function logFileFor(dbFile: string): string {
  const path = resolve(dbFile);
  return join(dirname(path), 'logs', `${basename(path, extname(path))}.log`);
}

export interface RotatingFileOptions {
  /** A file that would grow past this is moved aside first (default 5 MB). */
  maxBytes?: number;
  /** How many moved-aside files are kept, `<file>.1` the newest (at least 1; default 5). */
  keep?: number;
}

export interface RotatingFile {
  write(line: string): void;
}

/**
 * Appends to `file` (0600, in a 0700 folder), rotating by size: `<file>` → `<file>.1` → … → `<file>.<keep>`,
 * the oldest deleted. Writes are synchronous, so lines keep their order and a crash loses none already
 * logged; a write that fails (a full disk) is dropped rather than failing the code that logged.
 */
export function openRotatingFile(file: string, { maxBytes = 5 * 1024 * 1024, keep = 5 }: RotatingFileOptions = {}): RotatingFile {
  ensurePrivateFolder(dirname(file));
  let fd = -1;
  let size = 0;
  const reopen = () => {
    fd = openSync(file, 'a', 0o600);
    tightenIfPresent(file);
    size = fstatSync(fd).size;
  };
  const rotate = () => {
    closeSync(fd);
    try {
      rmSync(`${file}.${keep}`, { force: true });
      for (let i = keep - 1; i >= 1; i--) {
        try {
          renameSync(`${file}.${i}`, `${file}.${i + 1}`);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        }
      }
      renameSync(file, `${file}.1`);
    } finally {
      reopen();
    }
  };
  reopen();
  return {
    write(line) {
      const bytes = Buffer.from(line);
      try {
        if (size > 0 && size + bytes.length > maxBytes) rotate();
        writeSync(fd, bytes);
        size += bytes.length;
      } catch {
        // the log must never take the app down with it
      }
    },
  };
}

/** The logger a shell runs the core with: into the workspace's rotating log file, and to `echo` too (the host's stderr). */
export function workspaceLogger(dbFile: string, echo?: (line: string) => void): Logger {
  const file = openRotatingFile(logFileFor(dbFile));
  return createLineLogger((line) => {
    file.write(line);
    echo?.(line);
  }, logLevelFrom());
}
