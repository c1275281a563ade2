import { chmodSync, existsSync, mkdtempSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { clusterFiles, removeCluster, startCluster, writeWhole } from './postgresCluster';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The folder of the run's PostgreSQL cluster, started once a test file asks for it (test/support/postgres.ts). */
    postgresRoot: string;
  }
}

/**
 * The run's main process owns the cluster: it outlives every test process, starts the cluster when the
 * first test file asks (a run without PostgreSQL tests starts none) and stops it at the end. The exit hook
 * also covers an interrupted run (vitest exits on SIGINT and SIGTERM).
 */
export default function setup(project: TestProject): () => void {
  const root = mkdtempSync(join(tmpdir(), 'dialwell-pg-'));
  // the server's account (postgres, when the tests run as root) reaches its cluster folder inside
  chmodSync(root, 0o711);
  const files = clusterFiles(root);
  let asked = false;
  const watcher = watch(root, (_event, name) => {
    if (asked || name !== basename(files.wanted) || !existsSync(files.wanted)) return;
    asked = true;
    try {
      writeWhole(files.port, String(startCluster(root)));
    } catch (error) {
      writeWhole(files.failed, String(error));
    }
  });
  project.provide('postgresRoot', root);
  const teardown = () => {
    process.off('exit', teardown);
    watcher.close();
    removeCluster(root);
  };
  process.on('exit', teardown);
  return teardown;
}
