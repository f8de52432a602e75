/**
 * Ports between modules where the lower one needs a fact the higher one owns: wired here, once per context, by every
 * entry point that runs services (the HTTP app, the CLI, the tests' harness). Importing this file loads only the
 * modules it wires.
 */
import type { AppContext } from './platform/context.ts';
import { provideUserDirectory } from './modules/units/index.ts';
import { findUserUnit } from './modules/users/index.ts';

/** Hands each module the lookups it consults through a port (units: the user directory, for a unit's head). */
export function wirePorts(ctx: AppContext): void {
  provideUserDirectory(ctx, { findUserUnit });
}
