import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { bundleHost, HOST_BUNDLE, HOST_SOURCES } from '../../main/host/tools/bundleHost';

function newestChange(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * The built host (`npm run build` makes it), rebuilt first when it is missing or older than a source file it
 * bundles, so a test always runs the code beside it even when only the renderer was rebuilt since.
 */
export async function currentHostBundle(): Promise<string> {
  let built = 0;
  try {
    built = statSync(HOST_BUNDLE).mtimeMs;
  } catch {
    // not built yet
  }
  if (HOST_SOURCES.some((dir) => newestChange(dir) > built)) await bundleHost();
  return HOST_BUNDLE;
}
