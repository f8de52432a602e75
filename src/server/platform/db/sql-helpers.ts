/** Small SQL builders that behave the same on SQLite and PostgreSQL. */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DialectKind } from './database.ts';
import type { DB } from './schema.ts';

/** Tables whose rows carry an optimistic-concurrency `version`. */
export type VersionedTable = 'units' | 'users' | 'programme_drafts' | 'programmes' | 'tasks' | 'milestones' | 'reports' | 'webhooks';

/** The version a row has now, read after a conditional update found it changed; null when the row is gone. */
export async function currentVersion(db: Kysely<DB>, table: VersionedTable, id: string): Promise<number | null> {
  const row = await sql<{ version: number }>`select version from ${sql.table(table)} where id = ${id}`.execute(db);
  const v = row.rows[0]?.version;
  return v === undefined ? null : Number(v);
}

/**
 * A top-level string field of a JSON text column, as SQL text (null when absent). `key` must be a plain identifier:
 * it is written into the SQL, never taken from input.
 */
export function jsonTextField(dialect: DialectKind, column: string, key: string): RawBuilder<string | null> {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw new Error(`jsonTextField: bad key ${key}`);
  return dialect === 'sqlite'
    ? sql<string | null>`json_extract(${sql.ref(column)}, ${`$.${key}`})`
    : sql<string | null>`(${sql.ref(column)}::jsonb ->> ${sql.lit(key)})`;
}

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

/**
 * Seconds from one ISO-8601 UTC timestamp column to another (`to - from`), as SQL; null when either is null.
 * Columns must be plain references (`table.column`): they are written into the SQL, never taken from input.
 */
export function secondsBetween(dialect: DialectKind, from: string, to: string): RawBuilder<number | null> {
  for (const c of [from, to]) if (!/^[a-z_]+\.[a-z_]+$/.test(c)) throw new Error(`secondsBetween: bad column ${c}`);
  return dialect === 'sqlite'
    ? sql<number | null>`((julianday(${sql.ref(to)}) - julianday(${sql.ref(from)})) * 86400.0)`
    : sql<number | null>`extract(epoch from (${sql.ref(to)}::timestamptz - ${sql.ref(from)}::timestamptz))`;
}

/**
 * A JSON array of one object per row of the enclosing (sub)query, as SQL: an aggregate, so it goes in
 * `(select ${jsonRows(…)} from … where …)`. Fields map keys to column references (`alias.column`), written into the SQL,
 * never taken from input. No rows gives `[]` on SQLite and null on PostgreSQL; read the value with `parseJsonRows`.
 * Order within the array is not promised: sort what it holds in the caller.
 */
export function jsonRows(dialect: DialectKind, fields: Record<string, string>): RawBuilder<unknown> {
  const pairs = Object.entries(fields).map(([key, column]) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key) || !/^[a-z_]+\.[a-z_][a-z0-9_]*$/.test(column)) throw new Error(`jsonRows: bad field ${key}: ${column}`);
    return sql`${sql.lit(key)}, ${sql.ref(column)}`;
  });
  return dialect === 'sqlite' ? sql`json_group_array(json_object(${sql.join(pairs)}))` : sql`json_agg(json_build_object(${sql.join(pairs)}))`;
}

/** The rows of a `jsonRows` value: SQLite answers JSON text, PostgreSQL drivers parse `json` themselves (null: none). */
export function parseJsonRows<T>(value: unknown): T[] {
  if (value === null || value === undefined) return [];
  return (typeof value === 'string' ? JSON.parse(value) : value) as T[];
}
