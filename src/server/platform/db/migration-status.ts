/**
 * Whether this build and a database fit together, for rolling upgrades (docs/OPERATIONS.md). Migrations are
 * *expand* (additive: old builds keep working) unless their name ends in `-contract` (they remove or change what
 * older builds use). Comparing the database's applied migrations with this build's list:
 * - up to date: the same list;
 * - ahead: the database has migrations this build does not know (a newer build ran them) — fine if all are expand,
 *   incompatible if any is a contract migration;
 * - behind: this build has migrations the database lacks — `luoshi migrate` (or starting the server) applies them;
 *   expand-only ones are safe while older instances still run, a contract one only once they are gone.
 */
import { sql } from 'kysely';
import { migrations } from '../../migrations/index.ts';
import type { Database } from './database.ts';

export type MigrationState = 'up-to-date' | 'ahead' | 'ahead-incompatible' | 'behind' | 'behind-contract';

export interface MigrationStatus {
  state: MigrationState;
  /** This build's migrations that the database lacks. */
  pending: string[];
  /** The database's migrations that this build does not know. */
  unknown: string[];
  /** Whether this build can serve requests against the database as it is (after applying `pending`, if any). */
  compatible: boolean;
}

export const isContractMigration = (name: string): boolean => name.endsWith('-contract');

/** Compares applied and known migration names (pure, for tests and the CLI). */
export function compareMigrations(applied: readonly string[], known: readonly string[]): MigrationStatus {
  const appliedSet = new Set(applied);
  const knownSet = new Set(known);
  const pending = known.filter((n) => !appliedSet.has(n));
  const unknown = applied.filter((n) => !knownSet.has(n));
  if (unknown.some(isContractMigration)) return { state: 'ahead-incompatible', pending, unknown, compatible: false };
  if (unknown.length > 0) return { state: 'ahead', pending, unknown, compatible: true };
  if (pending.some(isContractMigration)) return { state: 'behind-contract', pending, unknown, compatible: true };
  if (pending.length > 0) return { state: 'behind', pending, unknown, compatible: true };
  return { state: 'up-to-date', pending, unknown, compatible: true };
}

/** The names of the migrations applied to the database (none when it was never migrated). */
export async function appliedMigrations(database: Database): Promise<string[]> {
  try {
    const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(database.db);
    return rows.rows.map((r) => r.name);
  } catch {
    return [];
  }
}

/** How this build relates to the database. */
export async function migrationStatus(database: Database): Promise<MigrationStatus> {
  return compareMigrations(await appliedMigrations(database), Object.keys(migrations));
}
