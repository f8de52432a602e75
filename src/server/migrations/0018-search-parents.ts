/**
 * Search over inspection findings and 传达学习 records, and a cheaper match on PostgreSQL. Additive (expand-only):
 * instances of the previous build neither read nor write the new column and keep running against a database this
 * migration has run on.
 * - `parent_id`: the object a finding's or relay record's link opens (its inspection, its campaign).
 * - PostgreSQL keeps each entry's row whole in its heap page up to 8,160 bytes instead of compressing and moving the
 *   `tokens` of long paragraphs to the TOAST table at about 2 kB: matching re-reads `tokens` for every candidate
 *   (phrase positions, or a filter walking the key), and one TOAST fetch per candidate doubled a query's time
 *   (measured on 10,000 paragraphs: a capped count of 民生 14 → 6 ms, a phrase page 10 → 7 ms). It applies to rows
 *   written from now on; `luoshi search reindex` rewrites the existing ones (and indexes the findings and records).
 * - SQLite's FTS table gets a second column, the entry's `type`, so a type filter is one more term of the full-text
 *   match (FTS5 intersects the two lists) instead of a look-up of every match's row to reject it: `type=task` over
 *   a word most paragraphs contain walked every match. The triggers fill it from `search_entries.type`, so instances
 *   of the previous build (which match without naming a column) keep indexing correctly; the table is rebuilt from
 *   `search_entries` here (seconds for 100,000 entries).
 */
import { sql, SqliteAdapter, type Kysely } from 'kysely';

const isSqlite = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof SqliteAdapter;

/** The FTS table over `search_entries` with these columns, its triggers, and its content rebuilt. */
async function createFts(db: Kysely<unknown>, columns: readonly string[]): Promise<void> {
  const list = columns.join(', ');
  const values = (row: 'new' | 'old') => columns.map((c) => `${row}.${c}`).join(', ');
  await sql`drop trigger if exists search_entries_ai`.execute(db);
  await sql`drop trigger if exists search_entries_ad`.execute(db);
  await sql`drop trigger if exists search_entries_au`.execute(db);
  await sql`drop table if exists search_fts`.execute(db);
  await sql.raw(`create virtual table search_fts using fts5(${list}, content='search_entries', content_rowid='seq', tokenize='unicode61 remove_diacritics 0')`).execute(db);
  await sql.raw(`create trigger search_entries_ai after insert on search_entries begin
    insert into search_fts(rowid, ${list}) values (new.seq, ${values('new')}); end`).execute(db);
  await sql.raw(`create trigger search_entries_ad after delete on search_entries begin
    insert into search_fts(search_fts, rowid, ${list}) values ('delete', old.seq, ${values('old')}); end`).execute(db);
  await sql.raw(`create trigger search_entries_au after update on search_entries begin
    insert into search_fts(search_fts, rowid, ${list}) values ('delete', old.seq, ${values('old')});
    insert into search_fts(rowid, ${list}) values (new.seq, ${values('new')}); end`).execute(db);
  await sql`insert into search_fts(search_fts) values ('rebuild')`.execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('search_entries').addColumn('parent_id', 'text').execute();
  if (isSqlite(db)) await createFts(db, ['tokens', 'type']);
  else await sql`alter table search_entries set (toast_tuple_target = 8160)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isSqlite(db)) await createFts(db, ['tokens']);
  else await sql`alter table search_entries reset (toast_tuple_target)`.execute(db);
  await db.schema.alterTable('search_entries').dropColumn('parent_id').execute();
}
