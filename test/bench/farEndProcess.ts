import { fork } from 'node:child_process';
import { join } from 'node:path';
import type { FarEndCall, FarEndReply } from './farEnds';
import { withinLimit } from './measure';

export type FarEnds = Awaited<ReturnType<typeof startFarEnds>>;

/** Starts farEnds.ts in a process of its own and hands it the calls' audio (μ-law, 8 kHz), sent to calls by clip index. */
export async function startFarEnds(clips: Uint8Array[]) {
  const child = fork(join(import.meta.dirname, 'farEnds.ts'), [], { execArgv: ['--import', 'tsx'], serialization: 'advanced', stdio: ['ignore', 'inherit', 'pipe', 'ipc'] });
  // kept for the one line a failure is reported in
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code, signal) => {
      const lastLine = stderr.trim().split('\n').at(-1);
      reject(new Error(`far ends exited (${code ?? signal})${lastLine ? `: ${lastLine}` : ''}`));
    }),
  );
  exited.catch(() => {});
  /** The next reply of this type, or a failure of the process. */
  const next = <T extends FarEndReply['type']>(type: T) =>
    Promise.race([
      new Promise<Extract<FarEndReply, { type: T }>>((resolve, reject) => {
        const take = (reply: FarEndReply) => {
          if (reply.type !== type && reply.type !== 'failed') return;
          child.off('message', take);
          if (reply.type === 'failed') reject(new Error(reply.message));
          else resolve(reply as Extract<FarEndReply, { type: T }>);
        };
        child.on('message', take);
      }),
      exited,
    ]);
  const { port } = await withinLimit(next('ready'), 30_000, 'far ends process');
  child.send({ type: 'clips', clips });
  return {
    /** Where the far ends send from (and where the calls should send to). */
    port,
    /** Streams `seconds` of each call's clip in real time; resolves once all has been sent, with when (and how late) it was. */
    async stream(calls: FarEndCall[], seconds: number): Promise<{ lateFrames: number; sentAt: Float64Array[] }> {
      child.send({ type: 'stream', calls, seconds });
      const { lateFrames, sentAt } = await next('streamed');
      return { lateFrames, sentAt };
    },
    async close(): Promise<void> {
      child.disconnect();
      await exited.catch(() => {});
    },
  };
}
