import { fork } from 'node:child_process';
import { withinLimit } from './measure';

/** The message every bench child may send instead of its reply: what went wrong. */
export interface ChildFailure {
  type: 'failed';
  message: string;
}

/**
 * Runs a bench's far side (a TypeScript file that talks over IPC, or a bundle of one, which plain Node runs without
 * the TypeScript loader and its memory) in a process of its own, so that its CPU is not the process under test's.
 * `next(type)` is its next reply of that type; a `failed` reply or the child exiting rejects it, naming the last
 * line the child wrote to stderr.
 */
export function forkBenchChild<Request, Reply extends { type: string }>(file: string) {
  const child = fork(file, [], { execArgv: file.endsWith('.ts') ? ['--import', 'tsx'] : [], serialization: 'advanced', stdio: ['ignore', 'inherit', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4_000)));
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code, signal) => {
      const lastLine = stderr.trim().split('\n').at(-1);
      reject(new Error(`${file} exited (${code ?? signal})${lastLine ? `: ${lastLine}` : ''}`));
    }),
  );
  exited.catch(() => {});
  return {
    send: (request: Request) => child.send(request as object),
    next<T extends Reply['type']>(type: T, limitMs: number): Promise<Extract<Reply, { type: T }>> {
      const reply = new Promise<Extract<Reply, { type: T }>>((resolve, reject) => {
        const take = (message: Reply | ChildFailure) => {
          if (message.type !== type && message.type !== 'failed') return;
          child.off('message', take);
          if (message.type === 'failed') reject(new Error((message as ChildFailure).message));
          else resolve(message as Extract<Reply, { type: T }>);
        };
        child.on('message', take);
      });
      return withinLimit(Promise.race([reply, exited]), limitMs, file);
    },
    async close(): Promise<void> {
      child.disconnect();
      await exited.catch(() => {});
    },
  };
}
