import { sql, type RawBuilder } from 'kysely';

/** A LIKE pattern (with ESCAPE '\') for "contains text": % and _ are wildcards, so a search for "50%" means those characters. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Case-insensitive "column contains text" (SQLite's LIKE folds ASCII case). */
export function containsText(column: string, text: string): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} LIKE ${likePattern(text)} ESCAPE '\\'`;
}
