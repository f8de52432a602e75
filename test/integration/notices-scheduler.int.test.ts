import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJobs, startScheduler, type SchedulerJob, type SchedulerLogger } from '../../src/server/modules/scheduler/index.ts';
import { DIALECTS } from '../support/databases.ts';
import { createTestEnv, TestClock, type TestEnv } from '../support/harness.ts';
import { buildTask, buildUnit, buildUser } from '../support/factories.ts';

function recordingLog() {
  const entries: Array<{ level: string; obj: Record<string, unknown>; msg?: string }> = [];
  const log: SchedulerLogger = {
    info: (obj, msg) => entries.push({ level: 'info', obj: obj as Record<string, unknown>, msg }),
    warn: (obj, msg) => entries.push({ level: 'warn', obj: obj as Record<string, unknown>, msg }),
    error: (obj, msg) => entries.push({ level: 'error', obj: obj as Record<string, unknown>, msg }),
  };
  return { entries, log };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the scheduler loop', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv('sqlite');
  });
  afterAll(async () => env.close());

  it('runs the jobs in order, never overlapping, survives a failing job, and stops cleanly', async () => {
    const order: string[] = [];
    let running = 0;
    let maxRunning = 0;
    let closed = 0;
    const slow: SchedulerJob = {
      name: 'slow',
      async run() {
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        order.push('slow');
        await sleep(30);
        running -= 1;
      },
      close: () => {
        closed += 1;
      },
    };
    const failing: SchedulerJob = {
      name: 'failing',
      async run() {
        order.push('failing');
        throw new Error('database unreachable');
      },
    };
    const last: SchedulerJob = { name: 'last', run: async () => order.push('last') };
    const { entries, log } = recordingLog();
    // An interval far shorter than a run: runs must still queue, not overlap.
    const scheduler = startScheduler(env.ctx, { jobs: [slow, failing, last], log, intervalMs: 1 });
    await Promise.all([scheduler.runNow(), scheduler.runNow()]);
    await sleep(100);
    await scheduler.stop();
    const runsAtStop = order.length;
    await sleep(50);

    expect(maxRunning).toBe(1);
    expect(order.length).toBe(runsAtStop);
    expect(order.length % 3).toBe(0);
    expect(order.slice(0, 6)).toEqual(['slow', 'failing', 'last', 'slow', 'failing', 'last']);
    expect(entries.filter((e) => e.level === 'error').every((e) => e.obj.job === 'failing' && (e.obj.err as Error).message === 'database unreachable')).toBe(true);
    expect(entries.some((e) => e.level === 'error')).toBe(true);
    expect(closed).toBe(1);
    await scheduler.stop();
    expect(closed).toBe(1);
  });
});

describe.each(DIALECTS)('the default jobs on %s', (dialect) => {
  let env: TestEnv;
  const clock = new TestClock(new Date('2024-06-07T01:00:00Z'));
  beforeAll(async () => {
    env = await createTestEnv(dialect, { clock });
  });
  afterAll(async () => env.close());

  it('sweep then deliver, reporting problems as warnings', async () => {
    const unit = await buildUnit(env.ctx);
    const liaison = await buildUser(env.ctx, { roles: ['liaison'], unitId: unit.id });
    const task = await buildTask(env.ctx, { state: 'signed', leadUnitId: unit.id, dueDate: '2024-06-08', cadence: { kind: 'custom', dates: [] } });
    const { entries, log } = recordingLog();
    const { DEFAULT_JOBS } = await import('../../src/server/modules/scheduler/index.ts');
    await runJobs(env.ctx, DEFAULT_JOBS, log);
    expect(entries.filter((e) => e.level === 'info').map((e) => e.obj.job)).toEqual(['tasks.health', 'stats.snapshots', 'relays.sweep', 'notices.sweep', 'notices.deliver']);
    const warning = entries.find((e) => e.level === 'warn');
    expect(warning?.obj).toMatchObject({ job: 'notices.sweep', problems: [expect.stringContaining(`task ${task.id}: cadence ignored`)] });
    const notes = await env.ctx.db.selectFrom('notifications').select('user_id').where('user_id', '=', liaison.id).execute();
    expect(notes).toHaveLength(1);
  });
});
