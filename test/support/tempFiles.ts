import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dirs: string[] = [];

/** A fresh file path in its own temp folder; removeTempFiles() deletes them all. */
export function tempFile(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'dialwell-'));
  dirs.push(dir);
  return join(dir, name);
}

export function removeTempFiles(): void {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
}
