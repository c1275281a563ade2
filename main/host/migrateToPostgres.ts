import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openStore } from '../db/open';
import { openPostgres } from '../db/postgres/open';
import { copyWorkspaceToPostgres } from '../db/postgres/workspaceCopy';
import { failureOf } from '../platform/commandLine';

const USAGE = 'usage: npm run migrate-to-postgres -- --from WORKSPACE.db --to postgres://USER@HOST/DATABASE';

const fail: (message: string) => never = failureOf('migrate-to-postgres');

function parseCli(): { from: string; to: string } {
  let values;
  try {
    ({ values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' } }, strict: true }));
  } catch (error) {
    fail(`${(error as Error).message} (${USAGE})`);
  }
  if (!values.from || !values.to) fail(`--from and --to are both required (${USAGE})`);
  // opening a path that is not there would create an empty workspace and copy nothing
  if (!existsSync(values.from)) fail(`--from: no workspace at ${values.from}`);
  if (!/^postgres(ql)?:\/\//.test(values.to)) fail(`--to must be a postgres:// connection string (${USAGE})`);
  return { from: values.from, to: values.to };
}

/** Where the copy goes, without the password a connection string may carry: it is never printed. */
function described(connectionString: string): string {
  const url = new URL(connectionString);
  return `${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname}`;
}

async function main(): Promise<void> {
  const { from, to } = parseCli();
  // both schemas are brought up to date first (the workspace backed up before an upgrade), so the copy is like for like
  const workspace = await openStore(from).catch((error: Error) => fail(`--from: ${error.message}`));
  try {
    await openPostgres(to).then((db) => db.destroy(), (error: Error) => fail(`--to ${described(to)}: ${error.message}`));
    const client = new pg.Client({ connectionString: to });
    await client.connect();
    try {
      let shown = '';
      const tables = await copyWorkspaceToPostgres(workspace.sqlite, client, ({ table, copied, total }) => {
        const line = `${table}: ${copied.toLocaleString('en')} of ${total.toLocaleString('en')} rows`;
        if (line !== shown) process.stderr.write(`${line}\n`);
        shown = line;
      });
      const rows = tables.reduce((sum, t) => sum + t.rows, 0);
      process.stdout.write(`Copied ${rows.toLocaleString('en')} rows in ${tables.length} tables to ${described(to)}; every table's count matches the workspace.\n`);
    } finally {
      await client.end();
    }
  } catch (error) {
    fail((error as Error).message);
  } finally {
    await workspace.close();
  }
}

void main();
