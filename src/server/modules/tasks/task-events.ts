/**
 * Listeners on task transitions, run inside the transition's transaction. Other modules (notices) subscribe here,
 * so the tasks module raises its events without depending on the modules that react to them.
 *
 * Bulk actions (publish and assign, the ledger's bulk assign) run many transitions in one transaction inside
 * `runTaskBatch`: each event then says `batched: true`, and when the batch ends its listeners receive all of its
 * events at once — so a unit handed twenty tasks hears of them in one message, not twenty.
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
  /** True inside `runTaskBatch`: the batch's end delivers this event again with the others. */
  batched: boolean;
}

export type TaskTransitionListener = (trx: Kysely<DB>, ctx: AppContext, e: TaskTransitioned) => Promise<void>;
export type TaskBatchListener = (trx: Kysely<DB>, ctx: AppContext, events: readonly TaskTransitioned[]) => Promise<void>;

const listeners = new WeakMap<AppContext, TaskTransitionListener[]>();
const batchListeners = new WeakMap<AppContext, TaskBatchListener[]>();
// Keyed by the transaction handle: a batch belongs to one transaction and ends with it.
const openBatches = new WeakMap<object, TaskTransitioned[]>();

/** Subscribes a listener for this context's transitions. */
export function onTaskTransitioned(ctx: AppContext, listener: TaskTransitionListener): void {
  listeners.set(ctx, [...(listeners.get(ctx) ?? []), listener]);
}

/** Subscribes a listener for the end of a batch of transitions (see `runTaskBatch`). */
export function onTaskBatchFinished(ctx: AppContext, listener: TaskBatchListener): void {
  batchListeners.set(ctx, [...(batchListeners.get(ctx) ?? []), listener]);
}

/** Runs the listeners in the caller's transaction; a listener's failure rolls the transition back. */
export async function emitTaskTransitioned(trx: Kysely<DB>, ctx: AppContext, e: Omit<TaskTransitioned, 'batched'>): Promise<void> {
  const batch = openBatches.get(trx);
  const event: TaskTransitioned = { ...e, batched: batch !== undefined };
  batch?.push(event);
  for (const listener of listeners.get(ctx) ?? []) await listener(trx, ctx, event);
}

/** Runs `fn` (many transitions in `trx`) as one batch; batch listeners run after it, in the same transaction. */
export async function runTaskBatch<T>(trx: Kysely<DB>, ctx: AppContext, fn: () => Promise<T>): Promise<T> {
  if (openBatches.has(trx)) return fn();
  const events: TaskTransitioned[] = [];
  openBatches.set(trx, events);
  try {
    const result = await fn();
    if (events.length) for (const listener of batchListeners.get(ctx) ?? []) await listener(trx, ctx, events);
    return result;
  } finally {
    openBatches.delete(trx);
  }
}
