/**
 * Scale-out: blob content in the database (`blob_chunks`, for instances that share nothing but PostgreSQL) and the
 * full-text search index (`search_entries`). Both are additive (expand-only), so instances of the previous build keep
 * running against a database this migration has run on.
 */
import { sql, SqliteAdapter, type Kysely } from 'kysely';

function isSqlite(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const sqlite = isSqlite(db);
  // A blob is its ordered chunks (`seq` 0, 1, …); a blob being written lives under a temporary `upload:` key and is
  // renamed to its hash in one statement once complete, so a row under a hash always belongs to a whole blob.
  await db.schema
    .createTable('blob_chunks')
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('data', sqlite ? 'blob' : 'bytea', (c) => c.notNull())
    .addPrimaryKeyConstraint('blob_chunks_pk', ['sha256', 'seq'])
    .execute();

  // One row per searchable piece: a document paragraph, a task, a report. `tokens` holds the CJK bigrams and Latin
  // words of the Simplified-normalised text: on SQLite plain text fed to an FTS5 table, on PostgreSQL a tsvector.
  if (sqlite) {
    // An INTEGER PRIMARY KEY keeps rowids stable (VACUUM may renumber implicit ones), which the FTS table relies on.
    await sql`create table search_entries (
      seq integer primary key,
      id text not null unique,
      type text not null,
      ref_id text not null,
      part integer not null,
      task_id text,
      title text not null,
      body text not null,
      tokens text not null,
      updated_at text not null
    )`.execute(db);
    await sql`create virtual table search_fts using fts5(tokens, content='search_entries', content_rowid='seq', tokenize='unicode61 remove_diacritics 0')`.execute(db);
    await sql`create trigger search_entries_ai after insert on search_entries begin
      insert into search_fts(rowid, tokens) values (new.seq, new.tokens); end`.execute(db);
    await sql`create trigger search_entries_ad after delete on search_entries begin
      insert into search_fts(search_fts, rowid, tokens) values ('delete', old.seq, old.tokens); end`.execute(db);
    await sql`create trigger search_entries_au after update on search_entries begin
      insert into search_fts(search_fts, rowid, tokens) values ('delete', old.seq, old.tokens);
      insert into search_fts(rowid, tokens) values (new.seq, new.tokens); end`.execute(db);
  } else {
    await sql`create table search_entries (
      id text primary key,
      type text not null,
      ref_id text not null,
      part integer not null,
      task_id text,
      title text not null,
      body text not null,
      tokens tsvector not null,
      updated_at text not null
    )`.execute(db);
    await sql`create index search_entries_tokens_idx on search_entries using gin (tokens)`.execute(db);
  }
  await db.schema.createIndex('search_entries_ref_idx').on('search_entries').columns(['type', 'ref_id']).execute();
  await db.schema.createIndex('search_entries_task_idx').on('search_entries').column('task_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isSqlite(db)) {
    await sql`drop trigger if exists search_entries_ai`.execute(db);
    await sql`drop trigger if exists search_entries_ad`.execute(db);
    await sql`drop trigger if exists search_entries_au`.execute(db);
    await sql`drop table if exists search_fts`.execute(db);
  }
  await db.schema.dropTable('search_entries').execute();
  await db.schema.dropTable('blob_chunks').execute();
}
