import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Page } from '../../shared/crm/types';
import type { Database } from '../db/schema';

/** Counting past this many rows is not worth its cost to a list screen; it shows "10,000+". */
export const TOTAL_CAP = 10_000;

/** How many rows a query has, counted up to TOTAL_CAP. */
export async function cappedTotal<TB extends keyof Database>(
  db: Kysely<Database>,
  query: SelectQueryBuilder<Database, TB, unknown>,
): Promise<Pick<Page<unknown>, 'total' | 'totalIsCapped'>> {
  const capped = query
    .clearSelect()
    .clearOrderBy()
    .select(sql<number>`1`.as('one'))
    .limit(TOTAL_CAP + 1)
    .as('capped');
  const { n } = await db
    .selectFrom(capped)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { total: Math.min(n, TOTAL_CAP), totalIsCapped: n > TOTAL_CAP };
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
