import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

/** A fresh real SQLite file path in a temp folder, removed after the test. */
export function tempDbFile(name = 'dialwell.db'): string {
  const dir = mkdtempSync(join(tmpdir(), 'dialwell-test-'));
  dirs.push(dir);
  return join(dir, name);
}
