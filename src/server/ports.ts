/**
 * Ports between modules where the lower one needs a fact the higher one owns: wired here, once per context, by every
 * entry point that runs services (the HTTP app, the CLI, the tests' harness). Importing this file loads only the
 * modules it wires.
 */
import type { AppContext } from './platform/context.ts';
import { provideUserDirectory } from './modules/units/index.ts';
import { deleteSessionsOf } from './modules/session/index.ts';
import { findUserUnit, provideSessionEnder } from './modules/users/index.ts';
import { providePublicTasks } from './modules/leads/index.ts';
import { findPublishedProgrammeOfTask } from './modules/publication/index.ts';
import { provideReportStates } from './modules/notices/index.ts';
import { reportStatesOfTasks } from './modules/reports/index.ts';

/**
 * Hands each module what it calls through a port: units the user directory (a unit's head), users the sessions,
 * leads whether a task is public, notices the reports' states (reminders about owed reports).
 */
export function wirePorts(ctx: AppContext): void {
  provideUserDirectory(ctx, { findUserUnit });
  provideSessionEnder(ctx, { endSessionsOf: deleteSessionsOf });
  providePublicTasks(ctx, { findPublishedProgrammeOfTask });
  provideReportStates(ctx, { reportStatesOfTasks });
}
