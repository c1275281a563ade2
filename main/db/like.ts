import { sql, type RawBuilder } from 'kysely';

/** LIKE treats % and _ as wildcards; a search for "50%" means those characters. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Case-insensitive "column contains text" (SQLite's LIKE folds ASCII case). */
export function containsText(column: string, text: string): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} LIKE ${`%${escapeLike(text)}%`} ESCAPE '\\'`;
}
