import type BetterSqlite3 from 'better-sqlite3';
import { createDncImportTask } from '../compliance/dncImportTask';
import { createCsvImportTask } from '../crm/csvImportTask';
import { eventLoopShare } from '../platform/eventLoopShare';
import { createSqliteContactImportStore } from './sqlite/contactImportStore';
import { createSqliteDncImportStore } from './sqlite/dncImportStore';
import type { TaskContext } from './taskContext';

/** The bulk jobs of a connection; each keeps what it needs between runs (statements, the files being imported). */
function createTasks(sqlite: BetterSqlite3.Database) {
  return {
    csvImport: createCsvImportTask(createSqliteContactImportStore(sqlite)),
    dncImport: createDncImportTask(createSqliteDncImportStore(sqlite)),
  };
}

type Tasks = ReturnType<typeof createTasks>;
export type TaskName = keyof Tasks;
export type TaskInput<N extends TaskName> = Parameters<Tasks[N]>[0];
export type TaskProgress<N extends TaskName> = Parameters<Tasks[N]>[1] extends TaskContext<infer P> ? P : never;
export type TaskResult<N extends TaskName> = Awaited<ReturnType<Tasks[N]>>;

export const WRITER_CLOSED = 'The workspace was closed before the job finished';

/** Runs the tasks on one connection, any number at once; close stops the running ones at their next share. */
export function createTaskRunner(sqlite: BetterSqlite3.Database) {
  const tasks = createTasks(sqlite);
  const running = new Set<Promise<unknown>>();
  let closing = false;
  return {
    run<N extends TaskName>(name: N, input: TaskInput<N>, progress: (progress: TaskProgress<N>) => void): Promise<TaskResult<N>> {
      const turn = eventLoopShare();
      const share = async () => {
        await turn();
        if (closing) throw new Error(WRITER_CLOSED);
      };
      // a task's input and result are its own (the table is indexed by name, which TypeScript cannot follow)
      const task = tasks[name] as unknown as (input: TaskInput<N>, context: TaskContext<TaskProgress<N>>) => Promise<TaskResult<N>>;
      const done = task(input, { progress, share });
      running.add(done);
      const settled = () => running.delete(done);
      done.then(settled, settled);
      return done;
    },
    async close(): Promise<void> {
      closing = true;
      await Promise.allSettled(running);
    },
  };
}
