/**
 * An in-process PostgreSQL (PGlite) behind Kysely, so a machine without a PostgreSQL server still runs every
 * PostgreSQL test. PGlite has one session, so connections are handed out one at a time.
 */
import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';

class PGliteConnection implements DatabaseConnection {
  constructor(private readonly pg: PGlite) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.pg.query<R>(compiled.sql, compiled.parameters as unknown[]);
    const isWrite = /^\s*(insert|update|delete|merge)\b/i.test(compiled.sql);
    return {
      rows: result.rows,
      numAffectedRows: isWrite && result.affectedRows !== undefined ? BigInt(result.affectedRows) : undefined,
    };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not supported on PGlite');
  }
}

// One queue per PGlite instance: several Kysely instances (one per schema) may share it.
const queues = new WeakMap<PGlite, { tail: Promise<void> }>();

class PGliteDriver implements Driver {
  private release: (() => void) | null = null;
  private readonly connection: PGliteConnection;

  constructor(
    private readonly pg: PGlite,
    private readonly schema: string | null,
    private readonly ownsInstance: boolean,
  ) {
    this.connection = new PGliteConnection(pg);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    let queue = queues.get(this.pg);
    if (!queue) queues.set(this.pg, (queue = { tail: Promise.resolve() }));
    const previous = queue.tail;
    let unlock!: () => void;
    queue.tail = new Promise<void>((r) => (unlock = r));
    await previous;
    this.release = unlock;
    // The single session is shared, so each borrower points it at its own schema first.
    if (this.schema) await this.pg.exec(`set search_path to "${this.schema}"`);
    return this.connection;
  }

  async beginTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('begin'));
  }

  async commitTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(): Promise<void> {
    const unlock = this.release;
    this.release = null;
    unlock?.();
  }

  async destroy(): Promise<void> {
    if (this.ownsInstance) await this.pg.close();
  }
}

/**
 * A Kysely dialect over a PGlite instance. With `schema`, the instance is shared (the caller creates the schema and
 * closes the instance); without, the dialect owns the instance and closes it on destroy.
 */
export class PGliteDialect implements Dialect {
  constructor(
    private readonly pg: PGlite,
    private readonly schema: string | null = null,
  ) {
    if (schema !== null && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error('invalid schema name');
  }
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.pg, this.schema, this.schema === null);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
}
