import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openCore } from '../core';
import { seedDemo } from '../demo/seedDemo';
import { workspaceLogger } from '../platform/logFile';
import { createFileSettingsStore } from '../settings/fileSettingsStore';
import { createHost } from './server';
import { failureOf } from '../platform/commandLine';

const USAGE = 'usage: npm run serve -- --db FILE [--port N] [--demo] [--time-scale N]';

const fail: (message: string) => never = failureOf('serve');

function parseCli() {
  try {
    const { values } = parseArgs({
      options: {
        db: { type: 'string' },
        port: { type: 'string', default: '4123' },
        demo: { type: 'boolean', default: false },
        // the simulator's speed-up: 60 makes a minute-long call last a second (default: the saved setting)
        'time-scale': { type: 'string' },
      },
      strict: true,
    });
    if (!values.db) fail(`--db FILE is required (${USAGE})`);
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a whole number from 0 to 65535, not "${values.port}"`);
    const timeScale = values['time-scale'] === undefined ? undefined : Number(values['time-scale']);
    if (timeScale !== undefined && !(timeScale >= 1 && timeScale <= 10_000)) fail(`--time-scale must be a number from 1 to 10000, not "${values['time-scale']}"`);
    return { db: values.db, port, demo: values.demo ?? false, timeScale };
  } catch (error) {
    fail(`${(error as Error).message} (${USAGE})`);
  }
}

async function main(): Promise<void> {
  const args = parseCli();
  const rendererDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../out/renderer');
  if (!existsSync(resolve(rendererDir, 'index.html'))) fail(`the UI is not built (${rendererDir}); run npm run build`);
  // settings.json beside the workspace, as the desktop app keeps its settings beside dialwell.db
  const settings = createFileSettingsStore(join(dirname(resolve(args.db)), 'settings.json'));
  const simulatorTimeScale = args.timeScale ?? settings.get().telephony.simulatorTimeScale;
  const shell = { shell: 'headless' as const, apiPort: null, fromCommandLine: args.timeScale === undefined ? [] : ['simulatorTimeScale' as const] };
  const leaseExpiryMs = settings.get().dialer.leaseExpirySeconds * 1000;
  // the log goes to logs/ beside the workspace, and to stderr for whoever watches the terminal
  const log = workspaceLogger(args.db, (line) => process.stderr.write(line));
  const core = await openCore({ dbFile: args.db, simulatorTimeScale, leaseExpiryMs, settings, shell, log, dailyBackups: true }).catch((error: Error) => fail(error.message));
  if (args.demo && (await seedDemo(core.services, core.localTeam))) core.log.info('demo data added');
  const host = createHost({ core, rendererDir });
  const url = await host.listen(args.port).catch((error: Error) => fail(`cannot listen on port ${args.port}: ${error.message}`));
  process.stdout.write(`${url}\n`);
  core.log.info('host listening', { url, db: resolve(args.db), pid: process.pid });
  const stop = async () => {
    await host.close();
    await core.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
