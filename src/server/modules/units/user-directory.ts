/**
 * The units module's port to the user directory. A user belongs to a unit, so units is the lower module and does not
 * import users; yet a unit's head must be one of its members. The composition root (src/server/ports.ts) hands the
 * users module's lookup in here for each context.
 */
import type { Kysely } from 'kysely';
import type { AppContext } from '../../platform/context.ts';
import type { DB } from '../../platform/db/schema.ts';

export interface UserDirectory {
  /** A user's unit, or null when there is no such user. */
  findUserUnit(db: Kysely<DB>, userId: string): Promise<{ unitId: string | null } | null>;
}

const directories = new WeakMap<AppContext, UserDirectory>();

/** Wires the user directory the units module consults for this context. */
export function provideUserDirectory(ctx: AppContext, directory: UserDirectory): void {
  directories.set(ctx, directory);
}

export function userDirectoryOf(ctx: AppContext): UserDirectory {
  const directory = directories.get(ctx);
  if (!directory) throw new Error('The units module has no user directory for this context: call wirePorts(ctx) from src/server/ports.ts');
  return directory;
}
