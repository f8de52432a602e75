/**
 * What a start costs before `/api/health` can answer: no route's request or response schema is compiled until a
 * request needs it, and the scheduler's first run can wait until the server has begun answering.
 */
import { Ajv } from 'ajv';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { startScheduler, type SchedulerJob } from '../../src/server/modules/scheduler/index.ts';
import { createTestApp, type TestApp } from '../support/harness.ts';
import { signedInUser } from '../support/factories.ts';

describe('start-up', () => {
  let t: TestApp | null = null;
  afterAll(async () => t?.close());

  it('compiles a route’s schemas on its first request, not when the server becomes ready', async () => {
    const compile = vi.spyOn(Ajv.prototype, 'compile');
    t = await createTestApp('sqlite');
    expect(t.app.routeTable.length).toBeGreaterThan(100);
    expect(compile).not.toHaveBeenCalled();
    const health = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({ status: 'ok', database: 'sqlite' });
    // Validation still applies, compiled on first use: a body of the wrong type is refused with the field named.
    const admin = await signedInUser(t.app, t.ctx, ['admin']);
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/units', headers: admin.headers, payload: { name: 123 } });
    expect(bad.statusCode).toBe(400);
    expect(compile).toHaveBeenCalled();
    compile.mockRestore();
  });

  it('waits firstRunDelayMs before the scheduler’s first run', async () => {
    t ??= await createTestApp('sqlite');
    const runs: number[] = [];
    const job: SchedulerJob = { name: 'probe', run: async () => runs.push(Date.now()) };
    const started = Date.now();
    const scheduler = startScheduler(t.ctx, { jobs: [job], intervalMs: 3_600_000, firstRunDelayMs: 300 });
    await new Promise((r) => setTimeout(r, 100));
    expect(runs).toEqual([]);
    await vi.waitFor(() => expect(runs).toHaveLength(1), { timeout: 5000, interval: 20 });
    expect(runs[0]! - started).toBeGreaterThanOrEqual(290);
    await scheduler.stop();
  });
});
