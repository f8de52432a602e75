/** Opening the database on either dialect, migrating it, and the few dialect-specific helpers. */
import { join } from 'node:path';
import { Kysely, Migrator, PostgresDialect, sql, type MigrationProvider } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.ts';
import { migrations } from '../../migrations/index.ts';
import type { DB } from './schema.ts';
import { migrationStatus } from './migration-status.ts';
import { openSqlite } from './sqlite.ts';

export type DialectKind = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  kind: DialectKind;
  /** Human-readable location without credentials, for logs and the health route. */
  location: string;
  /** The PostgreSQL schema the database lives in, when not the default one. */
  schema?: string;
  close(): Promise<void>;
}

export type DatabaseTarget =
  | { kind: 'sqlite'; file: string }
  | { kind: 'postgres'; url: string; schema?: string; max?: number }
  | { kind: 'pglite'; dialect: import('kysely').Dialect; schema?: string; close?: () => Promise<void> };

// Its own module, so the CLI can name it without loading the database drivers (`luoshi --help` stays fast).
import { DatabaseUnavailableError } from './unavailable.ts';
export { DatabaseUnavailableError };

// COUNT(*) and other int8 values would otherwise arrive as strings from node-postgres.
pg.types.setTypeParser(20, (v: string) => Number(v));

/** Where the configuration says the data lives. */
export function targetFromConfig(config: Config): DatabaseTarget {
  return config.databaseUrl
    ? { kind: 'postgres', url: config.databaseUrl }
    : { kind: 'sqlite', file: join(config.dataDir, 'luoshi.db') };
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    return `postgres://${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return 'postgres://(unparseable url)';
  }
}

/** Opens a connection (pool) and checks that it answers. */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === 'sqlite') {
    let opened: ReturnType<typeof openSqlite>;
    try {
      opened = openSqlite(target.file);
    } catch (err) {
      throw new DatabaseUnavailableError(`Cannot open SQLite database ${target.file}: ${(err as Error).message}`);
    }
    const db = new Kysely<DB>({ dialect: opened.dialect });
    return { db, kind: 'sqlite', location: target.file, close: () => db.destroy() };
  }
  if (target.kind === 'pglite') {
    const db = new Kysely<DB>({ dialect: target.dialect });
    return { db, kind: 'postgres', location: 'pglite (in-process)', ...(target.schema ? { schema: target.schema } : {}), close: async () => db.destroy() };
  }
  const location = redact(target.url);
  let poolConfig: pg.PoolConfig;
  try {
    poolConfig = {
      connectionString: target.url,
      max: target.max ?? 10,
      connectionTimeoutMillis: 5000,
      ...(target.schema ? { options: `-c search_path=${target.schema}` } : {}),
    };
    new URL(target.url);
  } catch {
    throw new DatabaseUnavailableError(`DATABASE_URL is not a valid URL (${location})`);
  }
  const pool = new pg.Pool(poolConfig);
  // An idle client that loses its server must not crash the process; the next query reports the error.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end().catch(() => {});
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new DatabaseUnavailableError(`Cannot connect to PostgreSQL at ${location}: ${reason}`);
  }
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgres', location, ...(target.schema ? { schema: target.schema } : {}), close: () => db.destroy() };
}

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the schema up to date; safe to run from several instances at once (Kysely takes a migration lock). */
export async function migrateToLatest(database: Database): Promise<string[]> {
  // During a rolling upgrade an older instance may (re)start after a newer one migrated the database: it runs as
  // long as what it does not know is additive, and refuses to start otherwise (see migration-status.ts).
  const status = await migrationStatus(database);
  if (!status.compatible) {
    throw new DatabaseUnavailableError(`The database was migrated by a newer build (${status.unknown.filter((n) => n.endsWith('-contract')).join(', ')} removes what this build uses); run the newer build`);
  }
  if (status.state === 'ahead' && status.pending.length === 0) return [];
  // Kysely looks for its bookkeeping tables in every schema unless told which one: with other schemas on the same
  // server holding theirs (other apps, parallel test runs), it would skip creating its own and then fail to use it.
  const schema = database.kind === 'postgres' ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(database.db)).rows[0]?.schema : undefined;
  const migrator = new Migrator({ db: database.db, provider, ...(schema ? { migrationTableSchema: schema, migrationLockTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new DatabaseUnavailableError(
      `Migration ${failed?.migrationName ?? ''} failed: ${(error as Error).message ?? String(error)}`,
    );
  }
  const applied = (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  await optimizeDatabase(database, applied.length > 0);
  return applied;
}

/**
 * Refreshes the query planner's statistics, which the hot queries' plans depend on (docs/ARCHITECTURE.md,
 * Performance). After a migration (`full`): ANALYZE on PostgreSQL, a sampled ANALYZE on SQLite; otherwise on SQLite
 * `PRAGMA optimize`, which re-analyses only the tables that changed much. `analysis_limit` bounds SQLite's work per
 * index (it runs on the event loop); PostgreSQL analyses on its own side of the wire and samples anyway.
 */
export async function optimizeDatabase(database: Database, full: boolean): Promise<void> {
  if (database.kind === 'postgres') {
    if (full) await sql`analyze`.execute(database.db);
    return;
  }
  await sql`pragma analysis_limit = 1000`.execute(database.db);
  await (full ? sql`analyze` : sql`pragma optimize`).execute(database.db);
}

function errorCode(err: unknown): string {
  const e = err as { code?: unknown };
  return typeof e?.code === 'string' ? e.code : '';
}

/** True when the error is a unique-constraint violation on either dialect. */
export function isUniqueViolation(err: unknown): boolean {
  const code = errorCode(err);
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** True when the error is a foreign-key violation on either dialect. */
export function isForeignKeyViolation(err: unknown): boolean {
  const code = errorCode(err);
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}
