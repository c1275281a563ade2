import BetterSqlite3 from 'better-sqlite3';
import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { AppError } from '../../shared/errors';
import { createTaskRunner } from './backgroundTasks';
import type { ConnectionSetup, WriterReply, WriterRequest } from './backgroundWriter';

/*
 * The background writer's thread (see backgroundWriter.ts): a connection of its own for each writer, on which it runs
 * the tasks the main thread asks for, telling their progress and their result or error as messages.
 */

/** How much lower this thread's priority is than the main thread's, in nice steps (19 is the lowest there is). */
const GIVE_WAY_NICE = 10;
const LOWEST_NICE = 19;

/**
 * A job here competes for the cores with the main thread, whose timers pace the calls' audio every 20 ms. Linux
 * gives each thread a nice value of its own, so this thread lowers its own and the main thread wins every contest
 * between them; other systems schedule it alongside.
 */
function giveWayToTheMainThread(): void {
  if (process.platform !== 'linux') return;
  try {
    const thread = Number(readlinkSync('/proc/thread-self').split('/').pop());
    setPriority(thread, Math.min(LOWEST_NICE, getPriority(thread) + GIVE_WAY_NICE));
  } catch {
    // no /proc to name the thread by (a locked-down container): it keeps the main thread's priority
  }
}

giveWayToTheMainThread();
const port = parentPort!;
const reply = (message: WriterReply) => port.postMessage(message);
const messageOf = (error: unknown) => (error instanceof AppError ? error.toShape() : { message: error instanceof Error ? error.message : String(error) });

const connections = new Map<number, { sqlite: BetterSqlite3.Database; runner: ReturnType<typeof createTaskRunner> }>();

function connection(writer: number, { file, nativeBinding, pragmas }: ConnectionSetup) {
  const open = connections.get(writer);
  if (open) return open;
  const sqlite = new BetterSqlite3(file, nativeBinding ? { nativeBinding } : {});
  for (const pragma of pragmas) sqlite.pragma(pragma);
  const opened = { sqlite, runner: createTaskRunner(sqlite) };
  connections.set(writer, opened);
  return opened;
}

async function close(writer: number): Promise<void> {
  const open = connections.get(writer);
  connections.delete(writer);
  await open?.runner.close();
  open?.sqlite.close();
}

async function answer(request: WriterRequest): Promise<unknown> {
  if (request.kind === 'close') return close(request.writer);
  const { id } = request;
  return connection(request.writer, request.setup).runner.run(request.task, request.input, (progress) => reply({ id, progress }));
}

port.on('message', (request: WriterRequest) => {
  answer(request).then(
    (result) => reply({ id: request.id, result: result ?? null }),
    (error: unknown) => reply({ id: request.id, error: messageOf(error) }),
  );
});
