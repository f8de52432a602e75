import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/server/platform/auth/actor.ts';
import { createProgramme, updateProgramme } from '../../src/server/modules/programmes/index.ts';
import { createTask, refreshDueHealth, transitionTask } from '../../src/server/modules/tasks/index.ts';
import { startScheduler, type SchedulerJob } from '../../src/server/modules/scheduler/index.ts';
import { sweepNotices } from '../../src/server/modules/notices/index.ts';
import { DIALECTS } from '../support/databases.ts';
import { createTestEnv, TestClock, type TestEnv } from '../support/harness.ts';
import { buildTask, buildUnit, buildUser } from '../support/factories.ts';

describe.each(DIALECTS)('the health job on %s', (dialect) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv(dialect, { clock: new TestClock(new Date('2024-03-01T02:00:00Z')) });
  });
  afterAll(async () => env.close());

  const row = (id: string) => env.ctx.db.selectFrom('tasks').select(['health', 'health_changes_at']).where('id', '=', id).executeTakeFirstOrThrow();
  const due = async () => Number((await env.ctx.db.selectFrom('tasks').select((eb) => eb.fn.countAll<number>().as('n')).where('health_changes_at', '<=', env.clock.now().toISOString()).executeTakeFirstOrThrow()).n);

  it('lights a task in the transaction that assigns it and stores when the light next changes', async () => {
    const unit = await buildUnit(env.ctx);
    const system = systemActor('test');
    const programme = await createProgramme(env.ctx, system, { title: '亮灯', supervisorIds: [(await buildUser(env.ctx, { roles: ['supervisor'] })).id] });
    const task = await createTask(env.ctx, system, { programmeId: programme.id, title: '任务', leadUnitId: unit.id, dueDate: '2024-03-05' });
    expect((await row(task.id)).health_changes_at).toBeNull(); // a draft's light never changes with time
    await transitionTask(env.ctx, system, task.id, { action: 'assign', version: task.version });
    const lit = await row(task.id);
    expect(lit.health).toBe('blue'); // due in 4 days
    // With no progress, a quarter of the time gone turns it yellow: on 03-02 at midnight in Shanghai.
    expect(lit.health_changes_at).toBe('2024-03-01T16:00:00.000Z');

    // Nothing is due before then, so the job touches nothing ...
    await refreshDueHealth(env.ctx.db, env.clock.now());
    expect((await refreshDueHealth(env.ctx.db, env.clock.now())).tasks).toBe(0);
    expect((await row(task.id)).health).toBe('blue');
    // ... and after the date passes it recomputes exactly the tasks whose light could change.
    env.clock.set('2024-03-01T16:00:01Z');
    expect((await refreshDueHealth(env.ctx.db, env.clock.now())).tasks).toBeGreaterThanOrEqual(1);
    expect(await row(task.id)).toMatchObject({ health: 'yellow' });
    env.clock.set('2024-03-05T16:00:01Z');
    const run = await refreshDueHealth(env.ctx.db, env.clock.now());
    expect(run.tasks).toBeGreaterThanOrEqual(1);
    expect((await row(task.id)).health).toBe('red');
    expect(await due()).toBe(0);
    expect((await refreshDueHealth(env.ctx.db, env.clock.now())).tasks).toBe(0);
  });

  it('works in bounded batches and gives the event loop back between them', async () => {
    env.clock.set('2024-04-01T02:00:00Z');
    const unit = await buildUnit(env.ctx);
    const first = await buildTask(env.ctx, { leadUnitId: unit.id, state: 'in_progress', dueDate: '2024-12-31', startDate: '2024-01-01' });
    for (let i = 0; i < 149; i++) await buildTask(env.ctx, { programmeId: first.programmeId, leadUnitId: unit.id, state: 'in_progress', dueDate: '2024-12-31', startDate: '2024-01-01' });
    expect(await due()).toBeGreaterThanOrEqual(150);

    // Something queued behind the job gets its turn before the job ends only if the job yields between batches
    // (on better-sqlite3 its awaits alone never leave the microtask queue).
    let finished = false;
    let ranWhileRunning = false;
    const running = refreshDueHealth(env.ctx.db, env.clock.now(), { batchSize: 20 }).finally(() => (finished = true));
    setImmediate(() => (ranWhileRunning = !finished));
    const run = await running;
    expect(run.tasks).toBeGreaterThanOrEqual(150);
    expect(run.batches).toBeGreaterThanOrEqual(8);
    expect(run.aborted).toBe(false);
    expect(ranWhileRunning).toBe(true);
    expect(await due()).toBe(0);
    expect((await row(first.id)).health).not.toBe('none');
  });

  it('stops between batches when aborted, and the next run picks up the rest', async () => {
    await env.ctx.db.updateTable('tasks').set({ health_changes_at: new Date(0).toISOString() }).where('state', '=', 'in_progress').execute();
    const before = await due();
    expect(before).toBeGreaterThanOrEqual(150);
    const abort = new AbortController();
    const running = refreshDueHealth(env.ctx.db, env.clock.now(), { batchSize: 25, signal: abort.signal });
    abort.abort();
    const stopped = await running;
    expect(stopped).toMatchObject({ tasks: 25, batches: 1, aborted: true });
    expect(await due()).toBe(before - 25);
    const rest = await refreshDueHealth(env.ctx.db, env.clock.now(), { batchSize: 25 });
    expect(rest.tasks).toBe(before - 25);
    expect(await due()).toBe(0);
  });

  it('the scheduler stops a running job at its next batch boundary', async () => {
    let batches = 0;
    let sawAbort = false;
    const job: SchedulerJob = {
      name: 'test.batches',
      async run(_ctx, _now, signal) {
        for (let i = 0; i < 10_000; i++) {
          if (signal.aborted) {
            sawAbort = true;
            return batches;
          }
          batches += 1;
          await new Promise((r) => setTimeout(r, 1));
        }
        return batches;
      },
    };
    const scheduler = startScheduler(env.ctx, { jobs: [job], intervalMs: 3_600_000 });
    while (batches < 3) await new Promise((r) => setTimeout(r, 5));
    await scheduler.stop();
    expect(sawAbort).toBe(true);
    expect(batches).toBeLessThan(10_000);
  });

  it('the reminder sweep pages through open tasks, yields between pages and stops between them when aborted', async () => {
    const open = Number((await env.ctx.db.selectFrom('tasks').select((eb) => eb.fn.countAll<number>().as('n')).where('state', 'in', ['assigned', 'signed', 'in_progress']).where('lead_unit_id', 'is not', null).executeTakeFirstOrThrow()).n);
    expect(open).toBeGreaterThanOrEqual(150);
    // Something queued behind the sweep gets its turn before the sweep ends only if the sweep yields (on
    // better-sqlite3 its awaits alone never leave the microtask queue).
    let finished = false;
    let ranWhileSweeping = false;
    const sweeping = sweepNotices(env.ctx, env.clock.now(), { pageSize: 20 }).finally(() => (finished = true));
    setImmediate(() => (ranWhileSweeping = !finished));
    const all = await sweeping;
    expect(all.tasks).toBe(open);
    expect(all.aborted).toBeUndefined();
    expect(ranWhileSweeping).toBe(true);

    const abort = new AbortController();
    const running = sweepNotices(env.ctx, env.clock.now(), { pageSize: 20, signal: abort.signal });
    abort.abort();
    const stopped = await running;
    expect(stopped.aborted).toBe(true);
    expect(stopped.tasks).toBeLessThan(open);
  });

  it('a change of a programme’s health rules schedules its open tasks, and the next run relights them', async () => {
    env.clock.set('2024-06-01T02:00:00Z');
    const unit = await buildUnit(env.ctx);
    const system = systemActor('test');
    const programme = await createProgramme(env.ctx, system, { title: '规则调整', supervisorIds: [(await buildUser(env.ctx, { roles: ['supervisor'] })).id] });
    // Assigned on 06-01 and due 12-31: on 08-15 35 % of the time is gone and 10 % done — 25 points behind, yellow
    // with the default 15/30 thresholds, green with 30/50.
    const task = await buildTask(env.ctx, { programmeId: programme.id, leadUnitId: unit.id, state: 'in_progress', startDate: '2024-01-01', dueDate: '2024-12-31', progress: 10 });
    const other = await buildTask(env.ctx, { leadUnitId: unit.id, state: 'in_progress', startDate: '2024-01-01', dueDate: '2024-12-31', progress: 10 });
    env.clock.set('2024-08-15T02:00:00Z');
    await refreshDueHealth(env.ctx.db, env.clock.now());
    expect((await row(task.id)).health).toBe('yellow');
    const untouched = (await row(other.id)).health_changes_at;

    await updateProgramme(env.ctx, system, programme.id, { version: programme.version, healthThresholds: { lagYellowPct: 30, lagRedPct: 50 } });
    expect((await row(task.id)).health_changes_at).toBe(new Date(0).toISOString());
    expect((await row(other.id)).health_changes_at).toBe(untouched); // another programme's tasks are not touched
    await refreshDueHealth(env.ctx.db, env.clock.now());
    expect((await row(task.id)).health).toBe('green');
  });
});
