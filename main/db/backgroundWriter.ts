import type BetterSqlite3 from 'better-sqlite3';
import type { Worker } from 'node:worker_threads';
import { AppError, type AppErrorShape } from '../../shared/errors';
import { startWorkerProgram } from '../platform/workerProgram';
import { createTaskRunner, type TaskInput, type TaskName, type TaskProgress, type TaskResult } from './backgroundTasks';

/**
 * Bulk jobs (CSV and DNC imports) off the main thread, where the SIP timers and the RTP pacer run: a worker thread
 * with its own connection runs each job whole (reading the file, validating its rows, writing them in batches), so
 * neither its computing nor its garbage ever holds up the event loop. The main thread hears its progress and result.
 */
export interface BackgroundWriter {
  /** Runs a task (several may run at once); `onProgress` hears what it tells as it goes. Rejects as the task does. */
  run<N extends TaskName>(task: N, input: TaskInput<N>, onProgress?: (progress: TaskProgress<N>) => void): Promise<TaskResult<N>>;
  /** Stops the running tasks between two of their transactions (they reject), then closes the connection. */
  close(): Promise<void>;
}

/** What the worker opens a writer's connection with. */
export interface ConnectionSetup {
  file: string;
  nativeBinding?: string;
  pragmas: readonly string[];
}

/** To the worker: run a task on a writer's connection (opened with the first), or close that connection. */
export type WriterRequest =
  | { kind: 'run'; writer: number; setup: ConnectionSetup; id: number; task: TaskName; input: TaskInput<TaskName> }
  | { kind: 'close'; writer: number; id: number };

export type WriterReply =
  | { id: number; progress: unknown }
  | { id: number; result: unknown }
  | { id: number; error: AppErrorShape | { message: string } };

interface Pending {
  resolve(result: unknown): void;
  reject(error: Error): void;
  progress?: (progress: never) => void;
}

const errorOf = (shape: AppErrorShape | { message: string }): Error =>
  'code' in shape ? new AppError(shape.code, shape.message, shape.fields) : new Error(shape.message);

/**
 * The one worker of the process, shared by its writers (each with a connection of its own there): loading the
 * program (the validation schemas, the phone metadata) is paid once, however many workspaces are opened. It starts
 * with the first task and keeps the process alive only while a request is pending.
 */
const worker = (() => {
  let started: Worker | null = null;
  let nextId = 0;
  const pending = new Map<number, Pending>();
  const failAll = (error: Error) => {
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };

  function start(): Worker {
    const thread = startWorkerProgram('backgroundWorker', import.meta.url);
    thread.on('message', (reply: WriterReply) => {
      const waiting = pending.get(reply.id);
      if ('progress' in reply) return waiting?.progress?.(reply.progress as never);
      pending.delete(reply.id);
      if ('result' in reply) waiting?.resolve(reply.result);
      else waiting?.reject(errorOf(reply.error));
      if (pending.size === 0) thread.unref();
    });
    thread.on('error', failAll);
    thread.once('exit', () => {
      failAll(new Error('the background writer stopped'));
      started = null;
    });
    return thread;
  }

  return {
    /** Whether the thread is up (it has no connection open when it is not). */
    running: () => started !== null,
    /** Sends a request (its id added), starting the thread if need be; resolves with its result. */
    ask(request: DistributiveOmit<WriterRequest, 'id'>, progress?: Pending['progress']): Promise<unknown> {
      started ??= start();
      started.ref();
      const id = nextId++;
      const done = new Promise<unknown>((resolve, reject) => pending.set(id, { resolve, reject, progress }));
      started.postMessage({ ...request, id });
      return done;
    },
  };
})();

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

let nextWriter = 0;

/** The writer for a database file. A database only `sqlite` can see (in memory: `file` null) runs the tasks in place. */
export function createBackgroundWriter(sqlite: BetterSqlite3.Database, file: string | null, options: Omit<ConnectionSetup, 'file'>): BackgroundWriter {
  if (file === null) return inPlaceWriter(sqlite);
  const writer = nextWriter++;
  const setup: ConnectionSetup = { ...options, file };
  let opened = false;
  return {
    run<N extends TaskName>(task: N, input: TaskInput<N>, onProgress?: (progress: TaskProgress<N>) => void) {
      opened = true;
      return worker.ask({ kind: 'run', writer, setup, task, input }, onProgress as Pending['progress']) as Promise<TaskResult<N>>;
    },
    async close() {
      if (opened && worker.running()) await worker.ask({ kind: 'close', writer });
    },
  };
}

function inPlaceWriter(sqlite: BetterSqlite3.Database): BackgroundWriter {
  const runner = createTaskRunner(sqlite);
  return {
    run: (task, input, onProgress) => runner.run(task, input, onProgress ?? (() => {})),
    close: () => runner.close(),
  };
}
