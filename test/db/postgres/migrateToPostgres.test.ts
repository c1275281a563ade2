import { spawnSync } from 'node:child_process';
import type BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { forget, openWorld } from '../../dialer/dialerFixtures';
import { freshPostgresDatabase } from '../../support/postgres';
import { tempFile } from '../../support/tempFiles';

const CONTACTS = 100_000;

/** The command as a user runs it (through tsx, as `npm run migrate-to-postgres` does), its exit code and output. */
function migrate(...args: string[]) {
  const run = spawnSync('npx', ['tsx', 'main/host/migrateToPostgres.ts', ...args], { encoding: 'utf8', timeout: 240_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A workspace with everything a team has: the demo's CRM, a finished campaign's calls and enrolments, 100k more contacts. */
async function fullWorkspace(): Promise<string> {
  const world = await openWorld({ demo: true });
  // the campaign's call events wait in the outbox and the event table for the webhook worker: the copy settles them
  await world.api.invoke('webhooks.create', { url: 'http://127.0.0.1:9/hook', events: ['call.started', 'call.ended'] });
  const contacts = await world.addContacts(20);
  const campaign = await world.createCampaign({ maxConcurrentCalls: 3 });
  await world.enrol(campaign.id, contacts.map((c) => c.id));
  await world.run(campaign.id, 'start');
  await world.runToEnd(campaign.id);
  const insert = world.sqlite.prepare(
    `INSERT INTO contacts (id, team_id, company_id, first_name, last_name, phone, email, do_not_call, custom_fields, created_at, updated_at)
     VALUES (?, 'team_default', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  world.sqlite.transaction(() => {
    for (let i = 0; i < CONTACTS; i++) {
      insert.run(`bulk_${i}`, world.companyId, `First${i}`, `Last${i}`, `+1212${String(5_000_000 + i).padStart(7, '0')}`, `p${i}@example.com`, i % 40 === 0 ? 1 : 0, JSON.stringify({ n: i }), i, i);
    }
  })();
  forget(world.core);
  await world.core.close();
  return world.dbFile;
}

/** A table's rows in a form both engines agree on (BOOLEAN as 0/1, BIGINT as numbers), sorted. */
function canonical(rows: Record<string, unknown>[]): string[] {
  return rows
    .map((row) => JSON.stringify(Object.keys(row).sort().map((key) => [key, typeof row[key] === 'boolean' ? Number(row[key]) : row[key]])))
    .sort();
}

async function compareTables(file: string, url: string): Promise<Record<string, number>> {
  const { default: Sqlite } = await import('better-sqlite3');
  const source: BetterSqlite3.Database = new Sqlite(file, { readonly: true });
  const types = new pg.TypeOverrides();
  types.setTypeParser(pg.types.builtins.INT8, Number);
  const target = new pg.Client({ connectionString: url, types });
  await target.connect();
  const counts: Record<string, number> = {};
  try {
    const { rows: tables } = await target.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'schema_migrations'`,
    );
    for (const { name } of tables) {
      const { rows: targetColumns } = await target.query<{ name: string }>(`SELECT column_name AS name FROM information_schema.columns WHERE table_name = $1`, [name]);
      const columns = source
        .prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${name}')`)
        .all()
        .filter((c) => targetColumns.some((t) => t.name === c.name))
        .map((c) => `"${c.name}"`)
        .join(', ');
      if (!columns) continue;
      const expected = canonical(source.prepare<[], Record<string, unknown>>(`SELECT ${columns} FROM "${name}"`).all());
      const { rows } = await target.query(`SELECT ${columns} FROM "${name}"`);
      expect(canonical(rows), name).toEqual(expected);
      counts[name] = rows.length;
    }
  } finally {
    source.close();
    await target.end();
  }
  return counts;
}

describe('npm run migrate-to-postgres', () => {
  it('copies a 100k-contact workspace with every row of every table equal on PostgreSQL, and refuses to copy onto it again', async () => {
    const file = await fullWorkspace();
    const url = await freshPostgresDatabase();
    const run = migrate('--from', file, '--to', url);
    expect(run.stderr).toContain(`contacts: ${(CONTACTS + 240).toLocaleString('en')} of ${(CONTACTS + 240).toLocaleString('en')} rows`);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Copied [\d,]+ rows in \d+ tables to 127\.0\.0\.1:\d+\/dialwell_\w+; every table's count matches the workspace\.\n$/);

    const counts = await compareTables(file, url);
    expect(counts.contacts).toBe(CONTACTS + 240);
    expect(counts.calls).toBeGreaterThanOrEqual(20);
    // the demo's draft campaign enrols 20 of its own beside the finished campaign's 20
    expect(counts.campaign_contacts).toBe(40);
    expect(counts.webhook_deliveries).toBe(counts.calls! * 2);

    const again = migrate('--from', file, '--to', url);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/^dialwell migrate-to-postgres: The PostgreSQL database already holds a workspace \(table \w+ has rows\): copy into an empty database\.\n$/);
  }, 300_000);

  it('says in one line what is wrong with its arguments, and exits non-zero', async () => {
    const missing = migrate('--from', tempFile('absent.db'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe('dialwell migrate-to-postgres: --from and --to are both required (usage: npm run migrate-to-postgres -- --from WORKSPACE.db --to postgres://USER@HOST/DATABASE)\n');
    const absent = migrate('--from', tempFile('absent.db'), '--to', 'postgres://u@127.0.0.1/x');
    expect(absent.stderr).toMatch(/^dialwell migrate-to-postgres: --from: no workspace at .*absent\.db\n$/);
    const notPostgres = migrate('--from', 'package.json', '--to', 'mysql://u@h/x');
    expect(notPostgres.stderr).toMatch(/^dialwell migrate-to-postgres: --to must be a postgres:\/\/ connection string/);
    const unknown = migrate('--form', 'x');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr.split('\n')).toHaveLength(2);
  }, 120_000);

  it('never prints the password of the connection string, even when the server turns it away', async () => {
    const url = new URL(await freshPostgresDatabase());
    url.username = 'nobody';
    url.password = 'hunter2-secret';
    const file = await smallWorkspace();
    const run = migrate('--from', file, '--to', url.toString());
    expect(run.status).toBe(2);
    expect(run.stderr.split('\n')).toHaveLength(2);
    expect(run.stderr + run.stdout).not.toContain('hunter2');
  }, 120_000);
});

/** A workspace file with a little in it (the fixture's caller and company). */
async function smallWorkspace(): Promise<string> {
  const world = await openWorld();
  forget(world.core);
  await world.core.close();
  return world.dbFile;
}
