/**
 * Counts the SQL statements a piece of work sends, as a Kysely plugin: `transformResult` runs once per statement
 * executed (a query compiled but never run is not counted), and the statement's tree is kept so a failing count can
 * say which statements ran. BEGIN and COMMIT go through the driver, not the query executor, and are not counted.
 */
import type { Kysely, KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryId, QueryResult, RootOperationNode, UnknownRow } from 'kysely';

export class StatementCounter implements KyselyPlugin {
  // Weak: a query compiled and never executed leaves nothing behind.
  private readonly pending = new WeakMap<QueryId, RootOperationNode>();
  private readonly ran: RootOperationNode[] = [];

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.pending.set(args.queryId, args.node);
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const node = this.pending.get(args.queryId);
    this.pending.delete(args.queryId);
    if (node) this.ran.push(node);
    return args.result;
  }

  /** Statements executed since the last reset. */
  get count(): number {
    return this.ran.length;
  }

  reset(): void {
    this.ran.length = 0;
  }

  /** The SQL of the statements executed since the last reset, compiled on `db`, for a failure message. */
  statements<DB>(db: Kysely<DB>): string[] {
    return this.ran.map((node, i) => db.getExecutor().compileQuery(node, { queryId: `counted-${i}` }).sql);
  }

  /** Runs `fn` and counts the statements it executes. */
  async measure<T>(fn: () => Promise<T>): Promise<{ result: T; count: number }> {
    this.reset();
    const result = await fn();
    return { result, count: this.count };
  }
}
