import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The better-sqlite3 addon built for Electron's ABI lives beside the Node one (tests keep using that),
 * so both can exist at once. `npm start` / `npm run package` build it; in a package it sits unpacked
 * next to the asar archive, since a native addon cannot load from inside one.
 */
export function electronNativeBinding(appPath: string): string | undefined {
  const candidate = join(appPath.replace(/app\.asar$/, 'app.asar.unpacked'), 'native', 'electron', 'better_sqlite3.node');
  return existsSync(candidate) ? candidate : undefined;
}
