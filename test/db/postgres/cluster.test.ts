import { existsSync, readdirSync } from 'node:fs';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { TestProject } from 'vitest/node';
import { clusterPortIn } from '../../support/postgres';
import setup from '../../support/postgresGlobalSetup';

/** The global setup run as vitest runs it, on a project that only records what it is handed. */
function setUpRun(): { root: string; teardown: () => void } {
  const provided = new Map<string, unknown>();
  const teardown = setup({ provide: (key: string, value: unknown) => provided.set(key, value) } as unknown as TestProject);
  return { root: provided.get('postgresRoot') as string, teardown };
}

async function connectTo(port: number): Promise<void> {
  const client = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
  await client.connect();
  await client.end();
}

describe("the test run's PostgreSQL cluster", () => {
  it('starts no server until a test file asks for one, and leaves nothing behind', () => {
    const { root, teardown } = setUpRun();
    expect(readdirSync(root)).toEqual([]);
    teardown();
    expect(existsSync(root)).toBe(false);
  });

  it('once asked, accepts password-less connections on loopback; teardown stops it and removes its files', async () => {
    const { root, teardown } = setUpRun();
    const port = await clusterPortIn(root);
    await connectTo(port);
    expect(await clusterPortIn(root)).toBe(port);
    teardown();
    expect(existsSync(root)).toBe(false);
    await expect(connectTo(port)).rejects.toThrow(/ECONNREFUSED/);
  });
});
