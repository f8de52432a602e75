/** SQLite specifics: one file, WAL, foreign keys, busy timeout and write-intent transactions. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDatabase as KyselySqliteDatabase } from 'kysely';

// BEGIN IMMEDIATE takes the write lock up front. With a plain (deferred) BEGIN, two processes that both read and then
// write would deadlock on the lock upgrade and one would fail with SQLITE_BUSY despite the busy timeout.
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/** How many prepared statements stay cached: far more than the distinct SQL texts the app issues. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * The database as Kysely's SQLite driver sees it, preparing each SQL text once: Kysely prepares every query it runs,
 * and preparing costs as much as running a small query. Statements are kept per SQL text (least recently used out
 * first); one still iterating rows (`busy`) is not shared, a fresh one is prepared instead. SQLite re-prepares a
 * cached statement by itself after a schema change.
 */
export function cachingDatabase(db: SqliteDatabase.Database, size = STATEMENT_CACHE_SIZE): KyselySqliteDatabase {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => {
      cache.clear();
      db.close();
    },
    prepare: (text: string) => {
      const hit = cache.get(text);
      if (hit && !hit.busy) {
        cache.delete(text);
        cache.set(text, hit);
        return hit;
      }
      const stmt = db.prepare(text);
      if (!hit) {
        cache.set(text, stmt);
        if (cache.size > size) cache.delete(cache.keys().next().value!);
      }
      return stmt;
    },
  };
}

class ImmediateSqliteDialect extends SqliteDialect {
  private readonly db: KyselySqliteDatabase;
  constructor(raw: SqliteDatabase.Database) {
    const db = cachingDatabase(raw);
    super({ database: db });
    this.db = db;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver({ database: this.db });
  }
}

/** Opens (creating if needed) the SQLite file with the pragmas Luoshi relies on. */
export function openSqlite(file: string): { dialect: SqliteDialect; raw: SqliteDatabase.Database } {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const raw = new SqliteDatabase(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 10000');
  raw.pragma('synchronous = NORMAL');
  return { dialect: new ImmediateSqliteDialect(raw), raw };
}
