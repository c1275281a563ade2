// Builds the headless host into one file for plain Node (`node out/host/cli.js`): no TypeScript loader at run
// time, and one file to read instead of every package's hundreds of modules, so it starts in a fraction of
// the time and memory `tsx main/host/cli.ts` takes. The SQLite addon stays a package: it is native code.
// The background writer's and the media thread run programs of their own, bundled beside it (workerProgram.ts).
import { build, type BuildOptions } from 'esbuild';
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));

/** What `npm run build` writes and `npm run serve` runs. */
export const HOST_BUNDLE = root('out/host/cli.js');
/** The folders whose code goes into the bundle. */
export const HOST_SOURCES = [root('main'), root('shared')];

/** The bundles, by file name: the workers' first, so a host started from a new cli.js finds workers as new. */
const ENTRIES = {
  backgroundWorker: root('main/db/backgroundWorker.ts'),
  rtpWorker: root('main/telephony/media/rtpWorker.ts'),
  cli: root('main/host/cli.ts'),
};

/** How the app's code is bundled for plain Node (also what the benches that measure a shipped process run). */
export const NODE_BUNDLE_OPTIONS = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['better-sqlite3'],
  // a third smaller, so quicker to parse at every start; names are kept, so stack traces still read
  minifyWhitespace: true,
  minifySyntax: true,
  // the bundled CommonJS packages call require(), which an ES module does not have
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
} satisfies BuildOptions;

export async function bundleHost(): Promise<void> {
  const folder = dirname(HOST_BUNDLE);
  // written beside and renamed over, so a host starting meanwhile (or a second build) never reads half a file
  const temporary = join(folder, `.build-${process.pid}`);
  mkdirSync(temporary, { recursive: true });
  await build({ ...NODE_BUNDLE_OPTIONS, entryPoints: ENTRIES, outdir: temporary });
  for (const name of Object.keys(ENTRIES)) renameSync(join(temporary, `${name}.js`), join(folder, `${name}.js`));
  rmSync(temporary, { recursive: true });
}
