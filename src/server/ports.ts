/**
 * Ports between modules where the lower one needs a fact the higher one owns: wired here, once per context, by every
 * entry point that runs services (the HTTP app, the CLI, the tests' harness). Importing this file loads only the
 * modules it wires.
 */
import type { AppContext } from './platform/context.ts';
import { provideUserDirectory } from './modules/units/index.ts';
import { deleteSessionsOf } from './modules/session/index.ts';
import { findUserUnit, provideSessionEnder } from './modules/users/index.ts';
import { provideReportStates } from './modules/notices/index.ts';
import { reportStatesOfTasks } from './modules/reports/index.ts';

/** Hands each module what it calls through a port: units the user directory (a unit's head), users the sessions. */
export function wirePorts(ctx: AppContext): void {
  provideUserDirectory(ctx, { findUserUnit });
  provideSessionEnder(ctx, { endSessionsOf: deleteSessionsOf });
  // Notices' reminders about owed reports look at the reports, whose module raises notices.
  provideReportStates(ctx, { reportStatesOfTasks });
}
