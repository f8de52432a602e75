/** Small SQL builders that behave the same on SQLite and PostgreSQL. */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from './schema.ts';

/** Tables whose rows carry an optimistic-concurrency `version`. */
export type VersionedTable = 'units' | 'users' | 'programme_drafts' | 'programmes' | 'tasks' | 'milestones' | 'reports' | 'webhooks';

/** The version a row has now, read after a conditional update found it changed; null when the row is gone. */
export async function currentVersion(db: Kysely<DB>, table: VersionedTable, id: string): Promise<number | null> {
  const row = await sql<{ version: number }>`select version from ${sql.table(table)} where id = ${id}`.execute(db);
  const v = row.rows[0]?.version;
  return v === undefined ? null : Number(v);
}

/** Escapes LIKE wildcards so user input matches literally. */
export function likePattern(q: string): string {
  return `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `lower(column) LIKE %q%` with an explicit escape character (SQLite has no default one). */
export function containsText(column: string, q: string): RawBuilder<boolean> {
  return sql<boolean>`lower(${sql.ref(column)}) like ${likePattern(q)} escape '\\'`;
}
