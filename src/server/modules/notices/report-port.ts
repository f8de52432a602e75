/**
 * The notices module's port to the reports. Reminders about owed reports look at the reports a task has, but the
 * reports module sits above notices — it raises notices — so notices cannot import it. The composition root
 * (src/server/ports.ts) hands the reports module's read in here for each context.
 */
import type { Kysely } from 'kysely';
import type { AppContext } from '../../platform/context.ts';
import type { DB } from '../../platform/db/schema.ts';

export interface ReportStates {
  /** The reports of these tasks (unit, period, state), in the caller's connection. */
  reportStatesOfTasks(db: Kysely<DB>, taskIds: readonly string[]): Promise<Array<{ taskId: string; unitId: string; periodKey: string; state: string }>>;
}

const readers = new WeakMap<AppContext, ReportStates>();

/** Wires what the notices module reads the reports' states through in this context. */
export function provideReportStates(ctx: AppContext, reader: ReportStates): void {
  readers.set(ctx, reader);
}

export function reportStatesOf(ctx: AppContext): ReportStates {
  const reader = readers.get(ctx);
  if (!reader) throw new Error('The notices module cannot read reports in this context: call wirePorts(ctx) from src/server/ports.ts');
  return reader;
}
