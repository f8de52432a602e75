/**
 * The dashboards' result cache: many leaders and supervisors open the same dashboards, and between two writes the
 * answer does not change, so it is computed once and then served for the cost of one small query — the data version.
 *
 * An entry is keyed by what it was computed for (the caller's visibility scope — not the caller: every leader shares
 * one entry — and the normalised filter) and is valid only while the data version (`stats_versions`, moved by
 * database triggers in the same transaction as every write to a table the dashboards read, whichever instance makes
 * it), the local day, and an optional expiry the computation gives (a time-dependent figure's next change) all still
 * hold. The cache is per process; the version is shared through the database, so several instances on one
 * PostgreSQL never serve each other's stale numbers. See docs/ARCHITECTURE.md ("Dashboards and roll-ups").
 */
import { DEFAULT_TZ, toLocalDate } from '../../../core/time.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { visibilityOf } from '../tasks/index.ts';
import { readStatsVersion } from './stats.repository.ts';

/** At most this many results are kept (least recently used go first)… */
export const CACHE_MAX_ENTRIES = 2000;
/**
 * …and at most this many characters of their JSON (a programme's dashboard is 5–300 k). The objects themselves take
 * roughly two to four times their JSON, so the cache stays under about 64 MiB of heap.
 */
export const CACHE_MAX_CHARS = 16 * 1024 * 1024;

/** What a computation returns: its value and, when a figure in it changes with time alone, the instant it does. */
export interface Computed<T> {
  value: T;
  validUntil?: number;
}

interface Entry {
  version: number;
  day: string;
  validUntil: number;
  size: number;
  value: unknown;
}

interface Flight {
  version: number;
  day: string;
  promise: Promise<unknown>;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** An LRU map of computed results with single flight: concurrent misses for the same key and version compute once. */
export class ResultCache {
  private readonly entries = new Map<string, Entry>();
  private readonly flights = new Map<string, Flight>();
  private chars = 0;
  hits = 0;
  misses = 0;

  constructor(
    readonly maxEntries = CACHE_MAX_ENTRIES,
    readonly maxChars = CACHE_MAX_CHARS,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The value for `key` at this version and day: from the cache, from a computation under way, or computed now. */
  async get<T>(key: string, version: number, day: string, now: number, compute: () => Promise<Computed<T>>): Promise<T> {
    const e = this.entries.get(key);
    if (e && e.version === version && e.day === day && now < e.validUntil) {
      this.entries.delete(key);
      this.entries.set(key, e);
      this.hits++;
      return e.value as T;
    }
    const flight = this.flights.get(key);
    if (flight && flight.version === version && flight.day === day) return flight.promise as Promise<T>;
    this.misses++;
    const promise = compute().then(({ value, validUntil }) => {
      this.put(key, { version, day, validUntil: validUntil ?? Infinity, size: JSON.stringify(value)?.length ?? 0, value: deepFreeze(value) });
      return value;
    });
    this.flights.set(key, { version, day, promise });
    try {
      return await promise;
    } finally {
      if (this.flights.get(key)?.promise === promise) this.flights.delete(key);
    }
  }

  private put(key: string, entry: Entry): void {
    const old = this.entries.get(key);
    // A slower computation of an older version must not replace a newer one that finished first.
    if (old && old.version > entry.version) return;
    if (old) this.drop(key, old);
    if (entry.size > this.maxChars) return;
    this.entries.set(key, entry);
    this.chars += entry.size;
    for (const [k, e] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.chars <= this.maxChars) break;
      this.drop(k, e);
    }
  }

  private drop(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.chars -= entry.size;
  }
}

const caches = new WeakMap<AppContext, ResultCache>();

/** This instance's dashboard cache. */
export function statsCacheOf(ctx: AppContext): ResultCache {
  let cache = caches.get(ctx);
  if (!cache) caches.set(ctx, (cache = new ResultCache()));
  return cache;
}

/**
 * `compute(now, today)` for the caller's visibility scope and `what` (the normalised filter and the kind of result),
 * served from the cache while the data version, the day and the result's own expiry hold. Inside a transaction the
 * cache is bypassed: the transaction may see its own uncommitted writes, which no other reader may be served.
 */
export async function cachedForScope<T>(ctx: AppContext, actor: Actor, what: unknown, compute: (now: Date, today: string) => Promise<Computed<T>>): Promise<T> {
  if (ctx.db.isTransaction) {
    const now = ctx.clock.now();
    return (await compute(now, toLocalDate(now, DEFAULT_TZ))).value;
  }
  // The version is read before anything is computed: a write committed after this read moves the version, so a
  // result that missed it is never served again once the write is visible.
  const version = await readStatsVersion(ctx.db);
  const now = ctx.clock.now();
  const today = toLocalDate(now, DEFAULT_TZ);
  const key = JSON.stringify([visibilityOf(actor), what]);
  return statsCacheOf(ctx).get(key, version, today, now.getTime(), () => compute(now, today));
}
