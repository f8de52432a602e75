/** Small SQL builders that behave the same on SQLite and PostgreSQL. */
import { sql, type RawBuilder } from 'kysely';

/** Escapes LIKE wildcards so user input matches literally. */
export function likePattern(q: string): string {
  return `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `lower(column) LIKE %q%` with an explicit escape character (SQLite has no default one). */
export function containsText(column: string, q: string): RawBuilder<boolean> {
  return sql<boolean>`lower(${sql.ref(column)}) like ${likePattern(q)} escape '\\'`;
}
