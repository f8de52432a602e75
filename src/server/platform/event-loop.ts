/**
 * Background work and the event loop. On better-sqlite3 every query is synchronous, so an `await` between queries
 * does not let requests in: a job must give the loop back explicitly, between batches (never inside a transaction,
 * whose connection a request would then share).
 */

/** Resolves after the I/O waiting now (requests, timers) has had its turn. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
