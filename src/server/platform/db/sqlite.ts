/** SQLite specifics: one file, WAL, foreign keys, busy timeout and write-intent transactions. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver } from 'kysely';

// BEGIN IMMEDIATE takes the write lock up front. With a plain (deferred) BEGIN, two processes that both read and then
// write would deadlock on the lock upgrade and one would fail with SQLITE_BUSY despite the busy timeout.
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly db: SqliteDatabase.Database) {
    super({ database: db });
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
