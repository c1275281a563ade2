import type BetterSqlite3 from 'better-sqlite3';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** One statement run: the index of its SQL in the transaction's list, and its parameters. */
export type WriteStep = readonly [statement: number, params: readonly unknown[]];

/**
 * Bulk writes (imports) off the main thread, where the SIP timers and the RTP pacer run: a worker thread with its own
 * connection runs each transaction, so a batch's inserts (the search index makes them ~0.1 ms a row) never hold up
 * the event loop. Transactions run one after another, in the order asked.
 */
export interface BackgroundWriter {
  /** Runs the steps in order as one IMMEDIATE transaction; resolves with each step's `changes`, or rejects and rolls it all back. */
  transaction(statements: readonly string[], steps: readonly WriteStep[]): Promise<number[]>;
  close(): Promise<void>;
}

/*
 * The worker's program, plain CommonJS so it runs the same from TypeScript sources (tests, tsx) and from any bundle:
 * it loads nothing of ours, only the SQLite driver the main thread resolved.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {});
for (const pragma of workerData.pragmas) db.pragma(pragma);
const prepared = new Map();
const statement = (sql) => prepared.get(sql) ?? prepared.set(sql, db.prepare(sql)).get(sql);
const run = db.transaction((statements, steps) => steps.map(([index, params]) => statement(statements[index]).run(params).changes));
parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    parentPort.postMessage({ id: message.id, changes: run.immediate(message.statements, message.steps) });
  } catch (error) {
    parentPort.postMessage({ id: message.id, error: String(error && error.message ? error.message : error) });
  }
});
`;

interface Reply {
  id: number;
  changes?: number[];
  error?: string;
}

/**
 * The writer for a database file. The worker starts with the first transaction and keeps the process alive only
 * while one is pending. A database only `sqlite` can see (in memory: `file` null) runs the transactions in place.
 */
export function createBackgroundWriter(
  sqlite: BetterSqlite3.Database,
  file: string | null,
  options: { nativeBinding?: string; pragmas: readonly string[] },
): BackgroundWriter {
  if (file === null) return inPlaceWriter(sqlite);
  let worker: Worker | null = null;
  let exited: Promise<void> = Promise.resolve();
  let nextId = 0;
  const pending = new Map<number, { resolve: (changes: number[]) => void; reject: (error: Error) => void }>();

  const failAll = (error: Error) => {
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };

  function start(): Worker {
    const started = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { driver: createRequire(import.meta.url).resolve('better-sqlite3'), file, nativeBinding: options.nativeBinding, pragmas: options.pragmas },
    });
    started.on('message', ({ id, changes, error }: Reply) => {
      const waiting = pending.get(id);
      pending.delete(id);
      if (error === undefined) waiting?.resolve(changes!);
      else waiting?.reject(new Error(error));
      if (pending.size === 0) started.unref();
    });
    started.on('error', failAll);
    exited = new Promise((resolve) =>
      started.once('exit', () => {
        failAll(new Error('the background writer stopped'));
        if (worker === started) worker = null;
        resolve();
      }),
    );
    return started;
  }

  return {
    transaction(statements, steps) {
      worker ??= start();
      worker.ref();
      const id = nextId++;
      const done = new Promise<number[]>((resolve, reject) => pending.set(id, { resolve, reject }));
      worker.postMessage({ id, statements, steps });
      return done;
    },
    async close() {
      worker?.ref();
      worker?.postMessage('close');
      await exited;
    },
  };
}

function inPlaceWriter(sqlite: BetterSqlite3.Database): BackgroundWriter {
  const prepared = new Map<string, BetterSqlite3.Statement>();
  const statement = (sql: string) => prepared.get(sql) ?? prepared.set(sql, sqlite.prepare(sql)).get(sql)!;
  const run = sqlite.transaction((statements: readonly string[], steps: readonly WriteStep[]) =>
    steps.map(([index, params]) => statement(statements[index]).run(params).changes),
  );
  return {
    transaction: async (statements, steps) => run.immediate(statements, steps),
    close: async () => {},
  };
}
