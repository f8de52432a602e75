/**
 * The units module's port to the user directory. A user belongs to a unit, so units is the lower module and does not
 * import users; yet a unit's head must be one of its members. The composition root (src/server/ports.ts) hands the
 * users module's lookup in here for each context.
 */
import type { Kysely } from 'kysely';
import { definePort } from '../../platform/port.ts';
import type { DB } from '../../platform/db/schema.ts';

export interface UserDirectory {
  /** A user's unit, or null when there is no such user. */
  findUserUnit(db: Kysely<DB>, userId: string): Promise<{ unitId: string | null } | null>;
}

const port = definePort<UserDirectory>("The units module's user directory");

/** Wires the implementation for this context (`src/server/ports.ts`). */
export const provideUserDirectory = port.provide;

export const userDirectoryOf = port.of;
