// Runs in plain Node before `electron .`: builds better-sqlite3 for Electron's ABI into native/electron/,
// leaving node_modules on the Node ABI that the tests use. Needs internet the first time (Electron headers
// or a prebuilt addon); afterwards it is a no-op until the Electron version changes.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const electronVersion: string = require('electron/package.json').version;
const outDir = resolve('native/electron');
const marker = join(outDir, 'electron-version');

if (existsSync(marker) && readFileSync(marker, 'utf8') === electronVersion) process.exit(0);

const work = mkdtempSync(join(tmpdir(), 'dialwell-native-'));
const pkg = join(work, 'better-sqlite3');
try {
  cpSync(resolve('node_modules/better-sqlite3'), pkg, { recursive: true });
  rmSync(join(pkg, 'build'), { recursive: true, force: true });
  const run = (command: string, args: string[]) => execFileSync(command, args, { cwd: pkg, stdio: 'inherit' });
  try {
    run(process.execPath, [require.resolve('prebuild-install/bin.js'), '--runtime', 'electron', '--target', electronVersion, '--arch', process.arch]);
  } catch {
    process.stderr.write('No prebuilt better-sqlite3 for this Electron; compiling it against Electron headers.\n');
    run('npx', ['--yes', 'node-gyp', 'rebuild', '--release', `--target=${electronVersion}`, '--dist-url=https://electronjs.org/headers']);
  }
  mkdirSync(outDir, { recursive: true });
  cpSync(join(pkg, 'build/Release/better_sqlite3.node'), join(outDir, 'better_sqlite3.node'));
  writeFileSync(marker, electronVersion);
  process.stdout.write(`better-sqlite3 built for Electron ${electronVersion} in ${outDir}\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
