import type BetterSqlite3 from 'better-sqlite3';
import { CamelCasePlugin, type Compilable, type UnknownRow } from 'kysely';

// An export's page here is one statement whose rows are read one by one, synchronously, so nothing else runs on
// the connection while it is open and no page is ever held whole.

/**
 * Rows per page: other requests run between pages, and a page's formatted bytes are few enough that those still
 * waiting for the reader when the heap is next swept stay few (each that survives a sweep is freed only by a full
 * collection, which V8 puts off until tens of MB of them pile up).
 */
export const EXPORT_PAGE_ROWS = 250;

/** Gives a raw row the names the query builder would (its CamelCasePlugin's). */
class BuilderNames extends CamelCasePlugin {
  readonly of = (row: UnknownRow) => this.mapRow(row);
}
const builderNames = new BuilderNames();

/**
 * A built query run as a statement of the connection itself, its rows taken one at a time: the query builder's
 * own streaming would cost several promises per row and could not keep other work off the open statement.
 */
export function* streamedRows<Row>(sqlite: BetterSqlite3.Database, query: Compilable<Row>): Generator<Row> {
  const { sql, parameters } = query.compile();
  for (const row of sqlite.prepare(sql).iterate(parameters) as IterableIterator<UnknownRow>) yield builderNames.of(row) as Row;
}

/**
 * Pages by keyset: `page(after)` reads up to EXPORT_PAGE_ROWS rows past the key of the previous page's last row
 * (undefined for the first), each shaped by `shape` as it is read.
 */
export async function* keysetPages<Row, Key, Shaped>(
  page: (after: Key | undefined) => Iterable<Row>,
  keyOf: (row: Row) => Key,
  shape: (row: Row) => Shaped,
): AsyncGenerator<Iterable<Shaped>> {
  let after: Key | undefined;
  for (;;) {
    let read = 0;
    let last: Key | undefined;
    yield (function* () {
      for (const row of page(after)) {
        read++;
        last = keyOf(row);
        yield shape(row);
      }
    })();
    if (read < EXPORT_PAGE_ROWS) return;
    after = last;
  }
}
