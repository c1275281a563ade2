import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { currentHostBundle } from '../support/hostBundle';
import { tempFile } from '../support/tempFiles';
import { percentile, report, withinLimit } from './measure';

const STARTS = 5;
/** How long a started host is left alone before its memory is read. */
const IDLE_MS = 3000;
const TARGET_START_MS = 1500;
const TARGET_RSS_MB = 150;

/** A process and all its descendants (tsx runs the program in a child process of its own). */
function processTree(pid: number): number[] {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    return [pid, ...children.flatMap((child) => processTree(Number(child)))];
  } catch {
    return [];
  }
}

/** Resident memory (VmRSS) of the processes together, in MB. */
function rssMb(pids: number[]): number {
  let kb = 0;
  for (const pid of pids) {
    try {
      kb += Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+)/m)?.[1] ?? 0);
    } catch {
      // the process ended meanwhile
    }
  }
  return kb / 1024;
}

interface Sample {
  startMs: number;
  rssMb: number;
  processes: number;
}

/** Starts the host, times it to the printed URL, reads its memory after it idled, and stops it. */
async function startOnce(command: string, args: string[]): Promise<Sample> {
  const started = performance.now();
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'ignore'] });
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`${command} exited with ${code} before printing its URL`))));
  const url = new Promise<void>((resolve) => createInterface({ input: child.stdout! }).once('line', () => resolve()));
  await withinLimit(Promise.race([url, exited]), 60_000, `${command} ${args[0]}`);
  const startMs = performance.now() - started;
  await sleep(IDLE_MS);
  const tree = processTree(child.pid!);
  const sample = { startMs, rssMb: rssMb(tree), processes: tree.length };
  const gone = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await gone;
  return sample;
}

async function measure(command: string, args: string[]): Promise<{ startMs: number; startMaxMs: number; rssMb: number; processes: number }> {
  const samples: Sample[] = [];
  for (let i = 0; i < STARTS; i++) samples.push(await startOnce(command, args));
  return {
    startMs: percentile(samples.map((s) => s.startMs), 50),
    startMaxMs: Math.max(...samples.map((s) => s.startMs)),
    rssMb: percentile(samples.map((s) => s.rssMb), 50),
    processes: samples[0].processes,
  };
}

/**
 * Real time: the headless host from `npm run build` (node out/host/cli.js) against the way `npm run serve`
 * used to run it (tsx main/host/cli.ts, transpiling on every start): time from spawn to the printed URL, and
 * resident memory after idling, on a demo workspace that already exists (the usual start).
 */
export async function benchHostStart(): Promise<void> {
  const bundle = await currentHostBundle();
  const dbFile = tempFile('host-start.db');
  // the first start creates and fills the workspace; the measured ones open it
  await startOnce(process.execPath, [bundle, '--db', dbFile, '--port', '0', '--demo']);
  const hostArgs = ['--db', dbFile, '--port', '0'];
  const before = await measure('node_modules/.bin/tsx', ['main/host/cli.ts', ...hostArgs]);
  const built = await measure(process.execPath, [bundle, ...hostArgs]);
  report('headless host start, tsx main/host/cli.ts (floor: how serve ran before)', before);
  report('headless host start, node out/host/cli.js', {
    ...built,
    startVsTsx: built.startMs / before.startMs,
    rssVsTsx: built.rssMb / before.rssMb,
    targetStartMs: TARGET_START_MS,
    targetRssMb: TARGET_RSS_MB,
    meetsTarget: built.startMs <= TARGET_START_MS && built.rssMb < TARGET_RSS_MB ? 'yes' : 'no',
  });
}
