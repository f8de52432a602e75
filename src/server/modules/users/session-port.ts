/**
 * The users module's port to the sessions. Deactivating a user or resetting their password ends their sessions, but
 * the session module (which owns `sessions`) sits above users — it signs users in — so users cannot import it. The
 * composition root (src/server/ports.ts) hands the session module's function in here for each context.
 */
import type { Kysely } from 'kysely';
import { definePort } from '../../platform/port.ts';
import type { DB } from '../../platform/db/schema.ts';

export interface SessionEnder {
  /** Ends every session of the user, in the caller's transaction. */
  endSessionsOf(db: Kysely<DB>, userId: string): Promise<void>;
}

const port = definePort<SessionEnder>("The users module's session ender");

/** Wires the implementation for this context (`src/server/ports.ts`). */
export const provideSessionEnder = port.provide;

export const sessionEnderOf = port.of;
