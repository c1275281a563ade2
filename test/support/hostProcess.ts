import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface HostProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Runs `npm run serve`'s program as a real child process and waits for the URL it prints. */
export async function startHostProcess(args: string[]): Promise<HostProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/host/cli.ts', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
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
