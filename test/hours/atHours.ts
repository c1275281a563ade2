import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';

/**
 * `npm run test:hours [-- --at 03:00,09:00 --tz ZONE] [-- COMMAND…]`: runs a command (by default every test file
 * that dials in real time) once at each of several faked UTC instants of today, with libfaketime, and prints one
 * line per instant. A test that passes at one hour and fails at another depends on the wall clock.
 *
 * The instant is given to faketime with its zone ("… UTC"), which turns it into an offset from the real clock:
 * every process of the run, the headless host, Chromium and SIPp included, sees the same faked time moving at
 * the real rate, whatever TZ says.
 */
const USAGE = 'usage: npm run test:hours -- [--at HH:MM,HH:MM…] [--tz IANA_ZONE] [-- COMMAND ARG…]';
const INSTANTS = ['03:00', '09:00', '15:00', '21:30'];
/** Every test file that starts a dialer on the real clock: the browser suites, the kill -9 test, the SIP suites. */
const REAL_TIME_TESTS = ['npx', 'vitest', 'run', 'test/e2e', 'test/sip', 'test/dialer/crashSafety.test.ts'];
const FAKETIME = '/usr/bin/faketime';
const LOGS = 'test/artifacts';

function fail(message: string): never {
  process.stderr.write(`test:hours: ${message}\n`);
  process.exit(2);
}

function parseCli() {
  const { values, positionals } = (() => {
    try {
      return parseArgs({ options: { at: { type: 'string' }, tz: { type: 'string' } }, allowPositionals: true, strict: true });
    } catch (error) {
      fail(`${(error as Error).message} (${USAGE})`);
    }
  })();
  const instants = values.at ? values.at.split(',') : INSTANTS;
  const bad = instants.filter((t) => !/^([01]\d|2[0-3]):[0-5]\d$/.test(t));
  if (bad.length) fail(`--at takes HH:MM times in UTC, not ${bad.join(', ')} (${USAGE})`);
  if (values.tz !== undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: values.tz });
    } catch {
      fail(`--tz must be an IANA time zone such as America/Adak, not "${values.tz}"`);
    }
  }
  return { instants, tz: values.tz, command: positionals.length ? positionals : REAL_TIME_TESTS };
}

interface Outcome {
  code: number;
  /** The closing "N passed, N failed" line the run printed, when it printed one. */
  summary: string | null;
}

function runAt(instant: string, command: string[], tz: string | undefined, log: string): Promise<Outcome> {
  const date = new Date().toISOString().slice(0, 10);
  const env = { ...process.env, ...(tz ? { TZ: tz } : {}) };
  return new Promise((resolve) => {
    const child = spawn(FAKETIME, [`${date} ${instant}:00 UTC`, ...command], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const file = createWriteStream(log);
    let summary: string | null = null;
    let tail = '';
    const read = (chunk: Buffer) => {
      file.write(chunk);
      const lines = (tail + chunk.toString()).split('\n');
      tail = lines.pop()!;
      for (const line of lines) if (/\d+ passed, \d+ failed/.test(line)) summary = line.trim();
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('close', (code) => {
      file.end();
      resolve({ code: code ?? 1, summary });
    });
  });
}

const { instants, tz, command } = parseCli();
if (!existsSync(FAKETIME)) fail(`${FAKETIME} not found: apt-get install faketime`);
mkdirSync(LOGS, { recursive: true });
process.stdout.write(`test:hours: ${command.join(' ')}${tz ? ` with TZ=${tz}` : ''}, at ${instants.join(', ')} UTC today\n`);
let failures = 0;
for (const instant of instants) {
  const log = `${LOGS}/hours-${instant.replace(':', '')}${tz ? `-${tz.replace(/\W+/g, '_')}` : ''}.log`;
  const started = performance.now();
  const { code, summary } = await runAt(instant, command, tz, log);
  const seconds = Math.round((performance.now() - started) / 1000);
  if (code !== 0) failures++;
  process.stdout.write(`${instant} UTC: ${code === 0 ? 'ok' : `FAILED (exit ${code})`} · ${summary ?? 'no test summary'} · ${seconds} s · ${log}\n`);
}
process.stdout.write(failures ? `test:hours: ${failures} of ${instants.length} instants failed\n` : `test:hours: passed at all ${instants.length} instants\n`);
process.exit(failures ? 1 : 0);
