/**
 * The leads module's port to the publication. A lead is sent on a public task, so a submission asks whether the task
 * is public; but the publication module shows the accepted leads on the public pages, so it sits above leads and
 * leads does not import it. The composition root (src/server/ports.ts) hands the publication's lookup in here for
 * each context.
 */
import type { Kysely } from 'kysely';
import type { AppContext } from '../../platform/context.ts';
import type { DB } from '../../platform/db/schema.ts';

export interface PublicTasks {
  /** The programme of a public task (its programme published, the task past draft), or null. */
  findPublishedProgrammeOfTask(db: Kysely<DB>, taskId: string): Promise<string | null>;
}

const registry = new WeakMap<AppContext, PublicTasks>();

/** Wires what the leads module asks whether a task is public, in this context. */
export function providePublicTasks(ctx: AppContext, publicTasks: PublicTasks): void {
  registry.set(ctx, publicTasks);
}

export function publicTasksOf(ctx: AppContext): PublicTasks {
  const publicTasks = registry.get(ctx);
  if (!publicTasks) throw new Error('The leads module cannot tell a public task in this context: call wirePorts(ctx) from src/server/ports.ts');
  return publicTasks;
}
