import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Page } from '../../shared/crm/types';
import type { Database } from '../db/schema';

/** Counting past this many rows is not worth its cost to a list screen; it shows "10,000+". */
export const TOTAL_CAP = 10_000;

/** How far a store counts the rows of a page's query: one past the cap tells that there are more. */
export const COUNT_UP_TO = TOTAL_CAP + 1;

/** How many rows a query has, counted no further than `upTo`. */
export async function countUpTo<TB extends keyof Database>(db: Kysely<Database>, query: SelectQueryBuilder<Database, TB, unknown>, upTo: number): Promise<number> {
  const capped = query
    .clearSelect()
    .clearOrderBy()
    .select(sql<number>`1`.as('one'))
    .limit(upTo)
    .as('capped');
  const { n } = await db
    .selectFrom(capped)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return n;
}

/** A count made up to COUNT_UP_TO as a page's total. */
export function cappedCount(counted: number): Pick<Page<unknown>, 'total' | 'totalIsCapped'> {
  return { total: Math.min(counted, TOTAL_CAP), totalIsCapped: counted > TOTAL_CAP };
}

/** How many rows a query has, counted up to TOTAL_CAP. */
export async function cappedTotal<TB extends keyof Database>(
  db: Kysely<Database>,
  query: SelectQueryBuilder<Database, TB, unknown>,
): Promise<Pick<Page<unknown>, 'total' | 'totalIsCapped'>> {
  return cappedCount(await countUpTo(db, query, COUNT_UP_TO));
}

/** One page of a query plus its total, counted up to TOTAL_CAP. */
export async function page<TB extends keyof Database, O, T>(
  db: Kysely<Database>,
  query: SelectQueryBuilder<Database, TB, O>,
  paging: { limit: number; offset: number },
  toItem: (row: O) => T,
): Promise<Page<T>> {
  const rows = await query.limit(paging.limit).offset(paging.offset).execute();
  return {
    items: rows.map(toItem),
    ...(await cappedTotal(db, query)),
    limit: paging.limit,
    offset: paging.offset,
  };
}
