import { describe, expect, it } from 'vitest';
import type { AppContext } from './context.ts';
import { definePort } from './port.ts';

describe('definePort', () => {
  it('hands each context its own wiring, and names the port when a context was not wired', () => {
    const port = definePort<{ answer: () => number }>('The test port');
    const one = {} as AppContext;
    const two = {} as AppContext;
    port.provide(one, { answer: () => 1 });
    port.provide(two, { answer: () => 2 });
    expect(port.of(one).answer()).toBe(1);
    expect(port.of(two).answer()).toBe(2);
    expect(() => port.of({} as AppContext)).toThrow('The test port is not wired in this context: call wirePorts(ctx)');
  });
});
