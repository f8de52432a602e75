/** Everything a service needs, created once per process and passed explicitly (no module-level singletons). */
import type { Kysely } from 'kysely';
import { createBlobStore, type BlobStore } from './blobs.ts';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import type { DB } from './db/schema.ts';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface AppContext {
  config: Config;
  database: Database;
  db: Kysely<DB>;
  blobs: BlobStore;
  clock: Clock;
}

/** Assembles the context from an open database. */
export function createContext(config: Config, database: Database, clock: Clock = systemClock): AppContext {
  return { config, database, db: database.db, blobs: createBlobStore(config, database), clock };
}
