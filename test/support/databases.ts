/**
 * Test databases on both dialects, each run isolated: SQLite in a fresh temporary file; PostgreSQL in a fresh schema
 * of the server named by LUOSHI_TEST_DATABASE_URL, or — when none is named — an in-process PGlite.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrateToLatest, openDatabase, type Database } from '../../src/server/platform/db/database.ts';
import { PGliteDialect } from './pglite-dialect.ts';

export const DIALECTS = ['sqlite', 'postgres'] as const;
export type TestDialect = (typeof DIALECTS)[number];

export interface TestDatabase extends Database {
  /** Where the SQLite file or blobs may go; removed on close. */
  tmpDir: string;
  /** For PostgreSQL servers: a URL plus schema another instance can open to share this database. */
  share?: { url: string; schema: string };
  /** A second, independent connection (pool) to this same database, as another app instance would open. */
  reopen(): Promise<Database>;
}

let pglite: Promise<import('@electric-sql/pglite').PGlite> | null = null;
function sharedPglite(): Promise<import('@electric-sql/pglite').PGlite> {
  pglite ??= import('@electric-sql/pglite').then(({ PGlite }) => PGlite.create());
  return pglite;
}

export const postgresUrl = (): string | undefined => process.env.LUOSHI_TEST_DATABASE_URL?.trim() || undefined;

/** Opens and migrates a brand-new database of the given dialect. */
export async function openTestDatabase(dialect: TestDialect): Promise<TestDatabase> {
  const tmpDir = mkdtempSync(join(tmpdir(), 'luoshi-test-'));
  const removeTmp = () => rmSync(tmpDir, { recursive: true, force: true });
  let database: Database;
  let share: TestDatabase['share'];
  let dropSchema: (() => Promise<void>) | null = null;
  let reopen: () => Promise<Database>;
  if (dialect === 'sqlite') {
    database = await openDatabase({ kind: 'sqlite', file: join(tmpDir, 'luoshi.db') });
    reopen = () => openDatabase({ kind: 'sqlite', file: join(tmpDir, 'luoshi.db') });
  } else {
    const url = postgresUrl();
    if (url) {
      const schema = `t_${process.pid}_${randomBytes(5).toString('hex')}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`create schema ${schema}`);
      await admin.end();
      database = await openDatabase({ kind: 'postgres', url, schema, max: 5 });
      share = { url, schema };
      reopen = () => openDatabase({ kind: 'postgres', url, schema, max: 5 });
      dropSchema = async () => {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`drop schema if exists ${schema} cascade`);
        await c.end();
      };
    } else {
      // One in-process PostgreSQL per test worker (it takes seconds to start); each test database is a schema in it.
      const instance = await sharedPglite();
      const schema = `t_${randomBytes(5).toString('hex')}`;
      await instance.exec(`create schema ${schema}`);
      database = await openDatabase({ kind: 'pglite', dialect: new PGliteDialect(instance, schema), schema });
      // PGlite has one session: a second "connection" queues behind the first (see platform/db/pglite.ts).
      reopen = () => openDatabase({ kind: 'pglite', dialect: new PGliteDialect(instance, schema), schema });
      dropSchema = async () => {
        await instance.exec(`drop schema if exists ${schema} cascade`);
      };
    }
  }
  await migrateToLatest(database);
  const close = database.close.bind(database);
  return {
    ...database,
    tmpDir,
    share,
    reopen,
    async close() {
      await close();
      if (dropSchema) await dropSchema();
      removeTmp();
    },
  };
}
