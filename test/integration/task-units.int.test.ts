import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/server/platform/auth/actor.ts';
import { createProgramme } from '../../src/server/modules/programmes/index.ts';
import { createTask, listTasks, updateTask } from '../../src/server/modules/tasks/index.ts';
import { DIALECTS } from '../support/databases.ts';
import { createTestEnv, TestClock, type TestEnv } from '../support/harness.ts';
import { buildUnit, buildUser } from '../support/factories.ts';

// task_units mirrors the lead unit and the co-units in the same transaction; the unit filter and a liaison's scope read it.
describe.each(DIALECTS)('task unit membership on %s', (dialect) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv(dialect, { clock: new TestClock(new Date('2024-03-01T02:00:00Z')) });
  });
  afterAll(async () => env.close());

  const members = async (taskId: string) =>
    (await env.ctx.db.selectFrom('task_units').select(['unit_id', 'role']).where('task_id', '=', taskId).execute())
      .map((r) => `${r.role}:${r.unit_id}`)
      .sort();

  it('follows the lead unit and the co-units through creation and edits, and serves the unit filter', async () => {
    const system = systemActor('test');
    const [lead, co1, co2, other] = [await buildUnit(env.ctx), await buildUnit(env.ctx), await buildUnit(env.ctx), await buildUnit(env.ctx)];
    const programme = await createProgramme(env.ctx, system, { title: '成员', supervisorIds: [(await buildUser(env.ctx, { roles: ['supervisor'] })).id] });
    const task = await createTask(env.ctx, system, { programmeId: programme.id, title: '任务', leadUnitId: lead.id, coUnits: [{ unitId: co1.id, part: null }], dueDate: '2024-12-31' });
    expect(await members(task.id)).toEqual([`co:${co1.id}`, `lead:${lead.id}`].sort());

    const moved = await updateTask(env.ctx, system, task.id, { version: task.version, leadUnitId: other.id, coUnits: [{ unitId: co2.id, part: '部分' }] });
    expect(await members(task.id)).toEqual([`co:${co2.id}`, `lead:${other.id}`].sort());

    const byUnit = async (unitId: string) => (await listTasks(env.ctx, system, { programmeId: programme.id, unitId, limit: 10, offset: 0 })).items.map((t) => t.id);
    expect(await byUnit(other.id)).toEqual([task.id]);
    expect(await byUnit(co2.id)).toEqual([task.id]);
    expect(await byUnit(lead.id)).toEqual([]);
    expect(await byUnit(co1.id)).toEqual([]);

    await updateTask(env.ctx, system, task.id, { version: moved.version, leadUnitId: null, coUnits: [] });
    expect(await members(task.id)).toEqual([]);
  });
});
