/**
 * Listeners on task transitions, run inside the transition's transaction. Other modules (notices) subscribe here,
 * so the tasks module raises its events without depending on the modules that react to them.
 */
import type { Kysely } from 'kysely';
import type { TaskAction, TaskEventType } from '../../../core/tasks/index.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { Task } from './tasks.repository.ts';

export interface TaskTransitioned {
  actor: Actor;
  action: TaskAction;
  event: TaskEventType;
  before: Task;
  after: Task;
  reason: string | null;
  now: Date;
}

export type TaskTransitionListener = (trx: Kysely<DB>, ctx: AppContext, e: TaskTransitioned) => Promise<void>;

const listeners = new WeakMap<AppContext, TaskTransitionListener[]>();

/** Subscribes a listener for this context's transitions. */
export function onTaskTransitioned(ctx: AppContext, listener: TaskTransitionListener): void {
  listeners.set(ctx, [...(listeners.get(ctx) ?? []), listener]);
}

/** Runs the listeners in the caller's transaction; a listener's failure rolls the transition back. */
export async function emitTaskTransitioned(trx: Kysely<DB>, ctx: AppContext, e: TaskTransitioned): Promise<void> {
  for (const listener of listeners.get(ctx) ?? []) await listener(trx, ctx, e);
}
