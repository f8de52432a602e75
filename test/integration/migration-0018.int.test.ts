import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQuery, searchForm, tokensOf } from '../../src/core/search/index.ts';
import { migrations } from '../../src/server/migrations/index.ts';
import { migrateToLatest } from '../../src/server/platform/db/database.ts';
import { fulltextMatch, fulltextValue } from '../../src/server/platform/db/fulltext.ts';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../support/databases.ts';

// Migration 0018 keeps the entries written before it searchable: on SQLite it rebuilds the FTS table with the type
// column from them, and the triggers keep a later insert in step; down and up again leave the same answers.
describe.each(DIALECTS)('migration 0018 on %s', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(dialect);
  });
  afterAll(async () => database.close());

  it('keeps existing entries found, by type too, and names no type when a query word is a type name', async () => {
    const schema = database.kind === 'postgres' ? (await sql<{ s: string }>`select current_schema() as s`.execute(database.db)).rows[0]!.s : undefined;
    const migrator = new Migrator({ db: database.db, provider: { getMigrations: async () => migrations }, ...(schema ? { migrationTableSchema: schema, migrationLockTableSchema: schema } : {}) });
    expect((await migrator.migrateTo('0016-public')).error).toBeUndefined();
    const db = database.db;
    const entry = (type: string, n: number, text: string) => sql`insert into search_entries (id, type, ref_id, part, task_id, title, body, tokens, updated_at)
      values (${`${type}:r${n}:0`}, ${type}, ${`r${n}`}, 0, null, '题', ${text}, ${fulltextValue(database.kind, tokensOf(searchForm(text)))}, '2024-01-01T00:00:00.000Z')`;
    await entry('document', 1, '保障和改善民生 task').execute(db);
    await entry('task', 2, '民生实事').execute(db);

    expect(await migrateToLatest(database)).toContain('0018-search-parents');
    await entry('task', 3, '民生工程').execute(db);
    // As the search repository asks: the type both in the match (SQLite's FTS column) and on the row.
    const found = async (q: string, type?: string) =>
      (await db.selectFrom('search_entries').select('ref_id').where(fulltextMatch(database.kind, parseQuery(q), type)).$if(type !== undefined, (w) => w.where('type', '=', type!)).orderBy('ref_id').execute()).map((r) => r.ref_id);
    const check = async () => {
      expect(await found('民生')).toEqual(['r1', 'r2', 'r3']);
      expect(await found('民生', 'task')).toEqual(['r2', 'r3']);
      expect(await found('民生', 'document')).toEqual(['r1']);
      // The type column is not searched by the words of a query.
      expect(await found('document')).toEqual([]);
      expect(await found('task')).toEqual(['r1']);
    };
    await check();
    expect((await migrator.migrateTo('0016-public')).error).toBeUndefined();
    expect(await migrateToLatest(database)).toContain('0018-search-parents');
    await check();
  });
});
