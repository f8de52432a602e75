import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/server/platform/auth/actor.ts';
import { createProgramme } from '../../src/server/modules/programmes/index.ts';
import { createTask, getTaskDetail, listTasks, refreshAllHealth, transitionTask } from '../../src/server/modules/tasks/index.ts';
import { verifyAuditChain } from '../../src/server/platform/audit/audit-log.ts';
import { DIALECTS } from '../support/databases.ts';
import { createTestEnv, TestClock, type TestEnv } from '../support/harness.ts';
import { actorOf, buildUnit, buildUser } from '../support/factories.ts';

describe.each(DIALECTS)('tasks on %s', (dialect) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv(dialect, { clock: new TestClock(new Date('2024-03-01T02:00:00Z')) });
  });
  afterAll(async () => env.close());

  it('plans a tree, assigns it and lights the work area from its children', async () => {
    const unit = await buildUnit(env.ctx);
    const supervisorUser = await buildUser(env.ctx, { roles: ['supervisor'] });
    const sup = actorOf(supervisorUser);
    const programme = await createProgramme(env.ctx, sup, { title: '方案' });
    const area = await createTask(env.ctx, sup, { programmeId: programme.id, title: '一要', leadUnitId: unit.id, dueDate: '2024-12-31' });
    const a = await createTask(env.ctx, sup, { programmeId: programme.id, parentId: area.id, title: '任务甲', leadUnitId: unit.id, dueDate: '2024-06-30', weight: 3 });
    const b = await createTask(env.ctx, sup, { programmeId: programme.id, parentId: area.id, title: '任务乙', leadUnitId: unit.id, dueDate: '2024-03-05' });
    expect(a.kind).toBe('task');

    await transitionTask(env.ctx, sup, area.id, { action: 'assign', version: area.version });
    const bAssigned = await transitionTask(env.ctx, sup, b.id, { action: 'assign', version: b.version });
    expect(bAssigned.health).toBe('blue'); // due in 4 days

    // The area shows the worst light of its children and says which child is the cause.
    const detail = await getTaskDetail(env.ctx, sup, area.id);
    expect(detail.task.health).toBe('blue');
    expect(detail.task.healthDetail?.summary['zh-Hans']).toContain('任务乙');
    expect(detail.children.map((c) => c.title)).toEqual(['任务甲', '任务乙']);

    env.clock.set('2024-03-20T02:00:00Z');
    expect(await refreshAllHealth(env.ctx.db, env.clock.now())).toBeGreaterThanOrEqual(3);
    const { items } = await listTasks(env.ctx, sup, { programmeId: programme.id, sort: 'health', limit: 10, offset: 0 });
    expect(items[0]!.id).toBe(b.id);
    expect(items[0]!.health).toBe('red');

    const rows = await env.ctx.db.selectFrom('audit_events').select('action').where('object_id', 'in', [area.id, a.id, b.id]).orderBy('seq').execute();
    expect(rows.map((r) => r.action)).toEqual(['task.created', 'task.created', 'task.created', 'task.assigned', 'task.assigned']);
    expect((await verifyAuditChain(env.ctx.db)).ok).toBe(true);
  });

  it('refuses a lost update: two supervisors acting on the same version', async () => {
    const unit = await buildUnit(env.ctx);
    const system = systemActor('test');
    const programme = await createProgramme(env.ctx, system, { title: '并发', supervisorIds: [(await buildUser(env.ctx, { roles: ['supervisor'] })).id] });
    const task = await createTask(env.ctx, system, { programmeId: programme.id, title: '并发任务', leadUnitId: unit.id, dueDate: '2024-12-31' });
    const results = await Promise.allSettled([
      transitionTask(env.ctx, system, task.id, { action: 'assign', version: task.version }),
      transitionTask(env.ctx, system, task.id, { action: 'assign', version: task.version }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failure = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(['version_conflict', 'invalid_transition']).toContain((failure.reason as { code: string }).code);
  });
});
