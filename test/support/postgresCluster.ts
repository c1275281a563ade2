import { execFileSync } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Debian keeps each major version's server binaries apart; the newest installed serves. */
function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  if (versions.length === 0) throw new Error(`no PostgreSQL server under ${root}: install Debian's postgresql (.ci/run does)`);
  return join(root, versions.sort((a, b) => Number(a) - Number(b)).at(-1)!, 'bin');
}

/** initdb refuses to run as root, so root runs the server as the postgres account; anyone else as themselves. */
const asRoot = process.getuid?.() === 0;

function serverTool(dir: string, tool: string, args: string[]): void {
  const path = join(binDir(), tool);
  const [file, fileArgs] = asRoot ? ['runuser', ['-u', 'postgres', '--', path, ...args]] : [path, args];
  execFileSync(file, fileArgs, { cwd: dir, stdio: 'pipe' });
}

/** The files through which test processes ask the run's main process for the cluster, and learn its port or why it failed. */
export function clusterFiles(root: string) {
  return { wanted: join(root, 'wanted'), port: join(root, 'port'), failed: join(root, 'failed') };
}

/** Written beside and renamed over: a reader never sees half of it. */
export function writeWhole(file: string, text: string): void {
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
}

/** Where in a run's folder the cluster lives (its files owned by the server's account). */
const clusterIn = (root: string) => join(root, 'cluster');

// Throw-away data: nothing needs to survive a crash, so the server skips the disk flushes.
const SETTINGS = `
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
fsync = off
synchronous_commit = off
full_page_writes = off
`;

/**
 * Below Linux's ephemeral range, where outgoing connections take their ports; one in use already
 * makes the server fail to bind, and another is tried, up to START_ATTEMPTS.
 */
const PORTS = { from: 20_000, count: 12_000 };
const START_ATTEMPTS = 5;

/**
 * Creates a cluster in the run's folder `root` (trust on loopback, no password) and starts it on a free
 * port of 127.0.0.1; returns that port once the server accepts connections. Synchronous: the process
 * that owns the cluster cannot exit halfway through starting it and leave a server nobody stops.
 */
export function startCluster(root: string): number {
  const dir = clusterIn(root);
  mkdirSync(dir, { mode: 0o700 });
  if (asRoot) {
    const account = (option: string) => Number(execFileSync('id', [option, 'postgres'], { encoding: 'utf8' }));
    chownSync(dir, account('-u'), account('-g'));
  }
  const data = join(dir, 'data');
  serverTool(dir, 'initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync']);
  appendFileSync(join(data, 'postgresql.conf'), SETTINGS);
  const log = join(dir, 'server.log');
  for (let attempt = 1; ; attempt++) {
    const port = PORTS.from + Math.floor(Math.random() * PORTS.count);
    try {
      // -w: returns once the server accepts connections
      serverTool(dir, 'pg_ctl', ['start', '-D', data, '-w', '-t', '60', '-l', log, '-o', `-p ${port}`]);
      return port;
    } catch (error) {
      // a server still running bound its port and is slow to get ready: another port would not help (teardown stops it)
      const running = existsSync(join(data, 'postmaster.pid'));
      if (running || attempt === START_ATTEMPTS) throw new Error(`PostgreSQL did not start: ${String(error)}\n${existsSync(log) ? readFileSync(log, 'utf8') : ''}`);
    }
  }
}

/** Stops the cluster in the run's folder `root` if it runs, and removes the folder; synchronous, so it also serves on process exit. */
export function removeCluster(root: string): void {
  const dir = clusterIn(root);
  const data = join(dir, 'data');
  if (existsSync(join(data, 'postmaster.pid'))) serverTool(dir, 'pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w']);
  rmSync(root, { recursive: true, force: true });
}
