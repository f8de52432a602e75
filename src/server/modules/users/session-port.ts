/**
 * The users module's port to the sessions. Deactivating a user or resetting their password ends their sessions, but
 * the session module (which owns `sessions`) sits above users — it signs users in — so users cannot import it. The
 * composition root (src/server/ports.ts) hands the session module's function in here for each context.
 */
import type { Kysely } from 'kysely';
import type { AppContext } from '../../platform/context.ts';
import type { DB } from '../../platform/db/schema.ts';

export interface SessionEnder {
  /** Ends every session of the user, in the caller's transaction. */
  endSessionsOf(db: Kysely<DB>, userId: string): Promise<void>;
}

const enders = new WeakMap<AppContext, SessionEnder>();

/** Wires what the users module calls to end a user's sessions in this context. */
export function provideSessionEnder(ctx: AppContext, ender: SessionEnder): void {
  enders.set(ctx, ender);
}

export function sessionEnderOf(ctx: AppContext): SessionEnder {
  const ender = enders.get(ctx);
  if (!ender) throw new Error('The users module cannot end sessions in this context: call wirePorts(ctx) from src/server/ports.ts');
  return ender;
}
