/**
 * The notices module's port to the reports. Reminders about owed reports look at the reports a task has, but the
 * reports module sits above notices — it raises notices — so notices cannot import it. The composition root
 * (src/server/ports.ts) hands the reports module's read in here for each context.
 */
import type { Kysely } from 'kysely';
import { definePort } from '../../platform/port.ts';
import type { DB } from '../../platform/db/schema.ts';

export interface ReportStates {
  /** The reports of these tasks (unit, period, state), in the caller's connection. */
  reportStatesOfTasks(db: Kysely<DB>, taskIds: readonly string[]): Promise<Array<{ taskId: string; unitId: string; periodKey: string; state: string }>>;
}

const port = definePort<ReportStates>("The notices module's reader of reports");

/** Wires the implementation for this context (`src/server/ports.ts`). */
export const provideReportStates = port.provide;

export const reportStatesOf = port.of;
