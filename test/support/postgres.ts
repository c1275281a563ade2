import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { inject } from 'vitest';
import { clusterFiles } from './postgresCluster';

/** How long a test file waits for the cluster to start (initdb on two busy cores). */
const START_WAIT_MS = 120_000;

const serverUrl = (port: number, database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;

/** Asks the process that owns the cluster folder `root` (postgresGlobalSetup.ts) for its cluster, and waits for its port. */
export async function clusterPortIn(root: string): Promise<number> {
  const files = clusterFiles(root);
  if (!existsSync(files.port)) writeFileSync(files.wanted, '');
  for (const deadline = Date.now() + START_WAIT_MS; Date.now() < deadline; await sleep(50)) {
    if (existsSync(files.port)) return Number(readFileSync(files.port, 'utf8'));
    if (existsSync(files.failed)) throw new Error(`PostgreSQL did not start for this run:\n${readFileSync(files.failed, 'utf8')}`);
  }
  throw new Error(`PostgreSQL did not start within ${START_WAIT_MS} ms (${root})`);
}

let port: Promise<number> | undefined;

/** The connection string of a new, empty database on the run's throw-away cluster (started on first use). */
export async function freshPostgresDatabase(): Promise<string> {
  const root = inject('postgresRoot');
  if (!root) throw new Error('no postgresRoot: run the tests through vitest.config.ts, whose globalSetup provides it');
  port ??= clusterPortIn(root);
  const at = await port;
  const database = `dialwell_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: serverUrl(at, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${database}`);
  } finally {
    await admin.end();
  }
  return serverUrl(at, database);
}
