// SQL for PostgreSQL lives in main/db/postgres, implementing the interfaces the features declare.
import { CamelCasePlugin, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from '../schema';
import { postgresMigrations, type PostgresMigration } from './migrations';

interface SchemaMigrationTable {
  version: number;
  name: string;
  appliedAt: number;
}

/** Any constant shared by every server of a deployment: the advisory lock that has their migrations take turns. */
const MIGRATION_LOCK = 0x6469616c; // 'dial'

/** Instants are BIGINT UTC ms: pg hands INT8 back as a string unless told, and the code counts on numbers. */
function int8AsNumber(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`BIGINT ${text} does not fit a JavaScript number`);
  return value;
}

const types = new pg.TypeOverrides();
types.setTypeParser(pg.types.builtins.INT8, int8AsNumber);

/** The query builder on a PostgreSQL database (camelCase names, as for SQLite), its schema brought up to date. */
export async function openPostgres(connectionString: string, migrations: readonly PostgresMigration[] = postgresMigrations): Promise<Kysely<Database>> {
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString, types }) }),
    plugins: [new CamelCasePlugin()],
  });
  try {
    await migrate(db, migrations);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return db;
}

/** Applies the pending migrations in one transaction: PostgreSQL's DDL is transactional, so a failed upgrade leaves the schema as it was. */
async function migrate(db: Kysely<Database>, list: readonly PostgresMigration[]): Promise<void> {
  await db.transaction().execute(async (tx) => {
    // servers opening the same database at once take turns: the second finds nothing pending
    await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(tx);
    await sql`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`.execute(tx);
    const versions = tx.withTables<{ schemaMigrations: SchemaMigrationTable }>();
    const { current } = await versions
      .selectFrom('schemaMigrations')
      .select((eb) => eb.fn.coalesce(eb.fn.max('version'), eb.lit(0)).as('current'))
      .executeTakeFirstOrThrow();
    if (current > list.length) throw new Error(`The database's schema is version ${current}; this version of Dialwell knows up to ${list.length}. Update Dialwell to open it.`);
    for (const migration of list.slice(current)) {
      await migration.up(tx);
      await versions.insertInto('schemaMigrations').values({ version: migration.version, name: migration.name, appliedAt: Date.now() }).execute();
    }
  });
}
