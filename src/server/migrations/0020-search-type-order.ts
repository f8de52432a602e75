/**
 * PostgreSQL: an index on search entries by (type, id), so a search narrowed to one type (tasks only, say) walks that
 * type's entries newest first and stops after a page, instead of walking the primary key over every entry and
 * rejecting the other types' rows one by one (measured at 100,000 paragraphs and 5,000 tasks: a liaison's 民生 in
 * tasks only, which finds nothing in their scope, 137 ms). SQLite already narrows by type inside the FTS match (0018).
 * Additive (expand-only): instances of the previous build keep running against it.
 */
import { sql, SqliteAdapter, type Kysely } from 'kysely';

const isSqlite = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof SqliteAdapter;

export async function up(db: Kysely<unknown>): Promise<void> {
  if (isSqlite(db)) return;
  await sql`create index if not exists search_entries_type_id_idx on search_entries (type, id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isSqlite(db)) return;
  await sql`drop index if exists search_entries_type_id_idx`.execute(db);
}
