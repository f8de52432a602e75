/** Small SQL builders that behave the same on SQLite and PostgreSQL. */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from './schema.ts';

/** Escapes LIKE wildcards so user input matches literally. */
export function likePattern(q: string): string {
  return `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `lower(column) LIKE %q%` with an explicit escape character (SQLite has no default one). */
export function containsText(column: string, q: string): RawBuilder<boolean> {
  return sql<boolean>`lower(${sql.ref(column)}) like ${likePattern(q)} escape '\\'`;
}

let savepoints = 0;

/**
 * Runs `fn` inside a savepoint of the caller's transaction: if it throws, its writes are undone and the
 * transaction stays usable (on PostgreSQL a failed statement would otherwise abort the whole transaction).
 */
export async function withSavepoint<T>(trx: Kysely<DB>, fn: () => Promise<T>): Promise<T> {
  const name = sql.raw(`sp_${++savepoints}`);
  await sql`savepoint ${name}`.execute(trx);
  try {
    const result = await fn();
    await sql`release savepoint ${name}`.execute(trx);
    return result;
  } catch (err) {
    await sql`rollback to savepoint ${name}`.execute(trx);
    await sql`release savepoint ${name}`.execute(trx);
    throw err;
  }
}
