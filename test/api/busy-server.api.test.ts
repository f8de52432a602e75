import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEALTH_JOB, startScheduler } from '../../src/server/modules/scheduler/index.ts';
import { optimizeDatabase } from '../../src/server/platform/db/database.ts';
import { createTestApp, TestClock, type TestApp } from '../support/harness.ts';
import { buildUnit, buildUser } from '../support/factories.ts';
import { generatePlanData } from '../support/plan-data.ts';

// With thousands of lights to recompute, the server keeps answering while the scheduler works: the job gives the
// event loop back between batches, and better-sqlite3 would otherwise hold it for the whole run.
describe('a server whose health job has thousands of tasks to do', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite', { clock: new TestClock(new Date('2024-06-15T02:00:00Z')) });
    const units = [];
    for (let i = 0; i < 10; i++) units.push((await buildUnit(t.ctx)).id);
    const user = await buildUser(t.ctx, { roles: ['supervisor'] });
    await generatePlanData(t.ctx.db, { unitIds: units, supervisorId: user.id, authorId: user.id, programmes: 2, tasks: 2000 });
    await optimizeDatabase(t.ctx.database, true);
    await t.ctx.db.updateTable('tasks').set({ health_changes_at: new Date(0).toISOString() }).where('state', 'not in', ['draft', 'closed']).execute();
  }, 120_000);
  afterAll(async () => t.close());

  it('answers /api/health while the job runs, and the job finishes its work', async () => {
    let finished = false;
    const scheduler = startScheduler(t.ctx, { jobs: [HEALTH_JOB], intervalMs: 3_600_000 });
    const run = scheduler.runNow().then(() => (finished = true));
    const answeredWhileRunning: number[] = [];
    // The first run starts on the next tick; ask until it is over.
    // A request a few milliseconds apart, as clients would send them (inject alone never leaves the microtask queue).
    for (let i = 0; !finished && i < 100_000; i++) {
      await new Promise((r) => setTimeout(r, 5));
      const res = await t.app.inject({ method: 'GET', url: '/api/health' });
      expect(res.statusCode).toBe(200);
      if (!finished) answeredWhileRunning.push(res.statusCode);
    }
    await run;
    await scheduler.stop();
    expect(answeredWhileRunning.length).toBeGreaterThan(1);
    const due = await t.ctx.db.selectFrom('tasks').select((eb) => eb.fn.countAll<number>().as('n')).where('health_changes_at', '<=', t.ctx.clock.now().toISOString()).executeTakeFirstOrThrow();
    expect(Number(due.n)).toBe(0);
  }, 120_000);
});
