// SQL for PostgreSQL lives in main/db/postgres, implementing the interfaces the features declare.
import type BetterSqlite3 from 'better-sqlite3';
import type pg from 'pg';
import { createSqliteWebhookStore } from '../sqlite/webhookStore';

/**
 * Tables SQLite keeps that PostgreSQL derives otherwise: the FTS index of contact search (pg_trgm indexes the contacts
 * themselves), the trigger-kept campaign counters and the webhook fan-out's cursor.
 */
const DERIVED_IN_SQLITE = [/^contacts_search(_|$)/, /^campaign_stats$/, /^webhook_fan_out$/];

/**
 * Columns SQLite keeps only until its webhook worker runs: which endpoints an event is still to be fanned out to.
 * The copy fans every event out first, so each one's deliveries exist and carry that.
 */
const SETTLED_BEFORE_COPY: Record<string, string[]> = { webhook_events: ['endpoints'] };

/** Rows per INSERT: large enough that the round trips do not dominate, small enough to keep one batch's JSON in a few MB. */
const BATCH_ROWS = 5_000;

export interface CopyProgress {
  table: string;
  copied: number;
  total: number;
}

export interface CopiedTable {
  table: string;
  rows: number;
}

export class WorkspaceCopyError extends Error {
  override name = 'WorkspaceCopyError';
}

interface TargetTable {
  name: string;
  /** Columns a copy writes (generated ones are computed by the server). */
  columns: string[];
  identityColumns: string[];
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Copies every row of an SQLite workspace into an empty PostgreSQL workspace of the same schema version, in one
 * transaction: either the whole workspace is there, with each table's count equal to the source's, or nothing is.
 */
export async function copyWorkspaceToPostgres(
  source: BetterSqlite3.Database,
  target: pg.ClientBase,
  onProgress: (progress: CopyProgress) => void = () => {},
): Promise<CopiedTable[]> {
  await createSqliteWebhookStore(source).fanOut();
  const sourceTables = readSourceTables(source);
  const targetTables = await listTargetTables(target);
  checkSchemasMatch(sourceTables, targetTables);
  const copied: CopiedTable[] = [];
  // one read transaction: a snapshot of the workspace as it was when the copy began, though the app may go on writing
  source.exec('BEGIN');
  try {
    await target.query('BEGIN');
    await refuseAnExistingWorkspace(target, targetTables);
    for (const table of targetTables) {
      const sourceColumns = sourceTables.get(table.name);
      if (!sourceColumns) continue;
      const rows = await copyTable(source, target, { ...table, columns: table.columns.filter((column) => sourceColumns.includes(column)) }, onProgress);
      copied.push({ table: table.name, rows });
    }
    await target.query('COMMIT');
  } catch (error) {
    await target.query('ROLLBACK');
    throw error;
  } finally {
    source.exec('COMMIT');
  }
  return copied;
}

/** The workspace's own tables (not the derived ones), each with its columns. */
function readSourceTables(source: BetterSqlite3.Database): Map<string, string[]> {
  const rows = source
    .prepare<[], { table: string; column: string }>(
      `SELECT m.name AS "table", c.name AS "column" FROM sqlite_master m, pragma_table_info(m.name) c
       WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, c.cid`,
    )
    .all();
  const tables = new Map<string, string[]>();
  for (const { table, column } of rows) {
    if (DERIVED_IN_SQLITE.some((pattern) => pattern.test(table))) continue;
    tables.set(table, [...(tables.get(table) ?? []), column]);
  }
  return tables;
}

/** The workspace's tables, parents before the tables whose foreign keys point at them. */
async function listTargetTables(target: pg.ClientBase): Promise<TargetTable[]> {
  const { rows: columns } = await target.query<{ table: string; column: string; generated: string; identity: string }>(
    `SELECT table_name AS table, column_name AS column, is_generated AS generated, is_identity AS identity
     FROM information_schema.columns WHERE table_schema = current_schema() AND table_name <> 'schema_migrations'
     ORDER BY table_name, ordinal_position`,
  );
  const tables = new Map<string, TargetTable>();
  for (const row of columns) {
    const table = tables.get(row.table) ?? { name: row.table, columns: [], identityColumns: [] };
    tables.set(row.table, table);
    if (row.generated === 'ALWAYS') continue;
    table.columns.push(row.column);
    if (row.identity === 'YES') table.identityColumns.push(row.column);
  }
  const { rows: references } = await target.query<{ child: string; parent: string }>(
    `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
     FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
     WHERE c.contype = 'f' AND n.nspname = current_schema()`,
  );
  return parentsFirst([...tables.values()], references);
}

function parentsFirst(tables: TargetTable[], references: { child: string; parent: string }[]): TargetTable[] {
  const ordered: TargetTable[] = [];
  const placed = new Set<string>();
  const visit = (table: TargetTable, path: Set<string>) => {
    if (placed.has(table.name) || path.has(table.name)) return;
    path.add(table.name);
    for (const { child, parent } of references) {
      const parentTable = tables.find((t) => t.name === parent);
      // a table pointing at itself keeps its rows in the source's order, where a parent row comes before its children
      if (child === table.name && parent !== table.name && parentTable) visit(parentTable, path);
    }
    placed.add(table.name);
    ordered.push(table);
  };
  for (const table of tables) visit(table, new Set());
  return ordered;
}

/** A copy that would leave a table or a column behind would lose data: it fails before writing, naming each. */
function checkSchemasMatch(sourceTables: Map<string, string[]>, targetTables: TargetTable[]): void {
  const problems: string[] = [];
  for (const [name, columns] of sourceTables) {
    const target = targetTables.find((t) => t.name === name);
    if (!target) {
      problems.push(`table ${name}`);
      continue;
    }
    const settled = SETTLED_BEFORE_COPY[name] ?? [];
    for (const column of columns) if (!target.columns.includes(column) && !settled.includes(column)) problems.push(`column ${name}.${column}`);
  }
  if (problems.length) throw new WorkspaceCopyError(`The PostgreSQL database has no place for ${problems.join(', ')}: update Dialwell on the server's side or copy into a database this version created.`);
}

async function refuseAnExistingWorkspace(target: pg.ClientBase, tables: TargetTable[]): Promise<void> {
  for (const table of tables) {
    const { rows } = await target.query(`SELECT 1 FROM ${quoted(table.name)} LIMIT 1`);
    if (rows.length) throw new WorkspaceCopyError(`The PostgreSQL database already holds a workspace (table ${table.name} has rows): copy into an empty database.`);
  }
}

async function copyTable(
  source: BetterSqlite3.Database,
  target: pg.ClientBase,
  table: TargetTable,
  onProgress: (progress: CopyProgress) => void,
): Promise<number> {
  const { total } = source.prepare<[], { total: number }>(`SELECT count(*) AS total FROM ${quoted(table.name)}`).get()!;
  const list = table.columns.map(quoted).join(', ');
  // json_populate_recordset turns each JSON value into the column's type with that type's own input rules (0/1 into BOOLEAN too)
  const insert = `INSERT INTO ${quoted(table.name)} (${list}) ${table.identityColumns.length ? 'OVERRIDING SYSTEM VALUE' : ''}
    SELECT ${list} FROM json_populate_recordset(NULL::${quoted(table.name)}, $1::json)`;
  let copied = 0;
  let batch: Record<string, unknown>[] = [];
  const flush = async () => {
    if (!batch.length) return;
    await target.query(insert, [JSON.stringify(batch)]);
    copied += batch.length;
    batch = [];
    onProgress({ table: table.name, copied, total });
  };
  onProgress({ table: table.name, copied, total });
  for (const row of source.prepare<[], Record<string, unknown>>(`SELECT ${list} FROM ${quoted(table.name)}`).iterate()) {
    batch.push(row);
    if (batch.length === BATCH_ROWS) await flush();
  }
  await flush();
  for (const column of table.identityColumns) {
    await target.query(
      `SELECT setval(pg_get_serial_sequence($1, $2), max_value) FROM (SELECT max(${quoted(column)}) AS max_value FROM ${quoted(table.name)}) m WHERE max_value IS NOT NULL`,
      [table.name, column],
    );
  }
  const { rows } = await target.query<{ count: string }>(`SELECT count(*) AS count FROM ${quoted(table.name)}`);
  if (Number(rows[0]!.count) !== total) throw new WorkspaceCopyError(`Table ${table.name}: ${total} rows in the workspace, ${rows[0]!.count} arrived; nothing was copied.`);
  return total;
}
