import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { currentHostBundle } from './hostBundle';

export interface HostProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export interface HostProcessOptions {
  /**
   * For a test about the hour: the host's clock starts at this UTC instant ("2027-01-13 07:00:00") and runs on at
   * the real rate (libfaketime preloaded into the host alone: the faketime command would fork, and stopping it would
   * leave the host running).
   */
  startsAt?: string;
}

const LIBFAKETIME = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1';

/** Runs `npm run serve`'s program (the built host, node out/host/cli.js) as a real child process and waits for the URL it prints. */
export async function startHostProcess(args: string[], { startsAt }: HostProcessOptions = {}): Promise<HostProcess> {
  const clock = startsAt ? { LD_PRELOAD: LIBFAKETIME, FAKETIME: `@${startsAt}`, TZ: 'UTC' } : {};
  const child = spawn(process.execPath, [await currentHostBundle(), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...clock },
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`host exited with ${code}: ${stderr}`)));
  });
  return {
    url,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
