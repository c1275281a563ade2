import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The better-sqlite3 addon built for Electron's ABI lives beside the Node one (tests keep using that),
 * so both can exist at once. `npm start` builds it; without it the Node build is tried.
 */
export function electronNativeBinding(appPath: string): string | undefined {
  const candidate = join(appPath, 'native', 'electron', 'better_sqlite3.node');
  return existsSync(candidate) ? candidate : undefined;
}
