/**
 * The leads module's port to the publication. A lead is sent on a public task, so a submission asks whether the task
 * is public; but the publication module shows the accepted leads on the public pages, so it sits above leads and
 * leads does not import it. The composition root (src/server/ports.ts) hands the publication's lookup in here for
 * each context.
 */
import type { Kysely } from 'kysely';
import { definePort } from '../../platform/port.ts';
import type { DB } from '../../platform/db/schema.ts';

export interface PublicTasks {
  /** The programme of a public task (its programme published, the task past draft), or null. */
  findPublishedProgrammeOfTask(db: Kysely<DB>, taskId: string): Promise<string | null>;
}

const port = definePort<PublicTasks>("The leads module's view of public tasks");

/** Wires the implementation for this context (`src/server/ports.ts`). */
export const providePublicTasks = port.provide;

export const publicTasksOf = port.of;
