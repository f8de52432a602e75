/**
 * A port: what a lower module calls when it needs a fact or an act of a module above it, which it cannot import (the
 * modules import each other without a cycle). The composition root (`src/server/ports.ts`, `wirePorts`) fills it for
 * each context, so nothing is a module-level singleton and every test context gets its own.
 */
import type { AppContext } from './context.ts';

export interface Port<T> {
  /** Wires the implementation for this context. */
  provide(ctx: AppContext, impl: T): void;
  /** The implementation wired for this context; throws, naming the port, when `wirePorts` was not called. */
  of(ctx: AppContext): T;
}

/** A port named for the error a missing wiring raises ("the notices module's reader of reports"). */
export function definePort<T>(name: string): Port<T> {
  const wired = new WeakMap<AppContext, T>();
  return {
    provide: (ctx, impl) => void wired.set(ctx, impl),
    of: (ctx) => {
      const impl = wired.get(ctx);
      if (impl === undefined) throw new Error(`${name} is not wired in this context: call wirePorts(ctx) from src/server/ports.ts`);
      return impl;
    },
  };
}
