import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptActual, createIndicator, getIndicatorDetail, listIndicators, reportActual } from '../../src/server/modules/indicators/index.ts';
import { refreshAllHealth } from '../../src/server/modules/tasks/index.ts';
import { verifyAuditChain } from '../../src/server/platform/audit/audit-log.ts';
import { DIALECTS } from '../support/databases.ts';
import { createTestEnv, TestClock, type TestEnv } from '../support/harness.ts';
import { actorOf, buildTask, buildUnit, buildUser } from '../support/factories.ts';

describe.each(DIALECTS)('indicators on %s', (dialect) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv(dialect, { clock: new TestClock(new Date('2024-04-02T02:00:00Z')) });
  });
  afterAll(async () => env.close());

  it('stores figures, scopes lists in SQL, lights the task and keeps the light as time passes', async () => {
    const unit = await buildUnit(env.ctx);
    const sup = actorOf(await buildUser(env.ctx, { roles: ['supervisor'] }));
    const liaison = actorOf(await buildUser(env.ctx, { roles: ['liaison'], unitId: unit.id }));
    const stranger = actorOf(await buildUser(env.ctx, { roles: ['liaison'] }));
    const task = await buildTask(env.ctx, { supervisorIds: [sup.id], state: 'in_progress', leadUnitId: unit.id, dueDate: '2024-12-31' });
    const ind = await createIndicator(env.ctx, sup, { programmeId: task.programmeId, taskId: task.id, name: '单位GDP能耗', unit: '吨标煤/万元', baseline: 0.5, target: 0.45, direction: 'at_most', period: 'quarter', responsibleUnitId: unit.id, startDate: '2024-01-01', endDate: '2024-12-31', tolerance: null });
    const a = await reportActual(env.ctx, liaison, ind.id, { periodKey: '2024-Q1', value: 0.5 });
    await acceptActual(env.ctx, sup, a.id, {});

    // 0.5 at the end of March against a line falling to 0.4877: about a quarter of the distance behind — red.
    const row = await env.ctx.db.selectFrom('tasks').select(['health', 'indicators_json']).where('id', '=', task.id).executeTakeFirstOrThrow();
    expect(row.health).toBe('red');
    expect(JSON.parse(row.indicators_json!)).toEqual([expect.objectContaining({ indicatorId: ind.id, latest: { value: 0.5, periodEnd: '2024-03-31' } })]);

    // The scheduler's refresh keeps it (the facts live on the task), and the lists are scoped.
    env.clock.set('2024-05-02T02:00:00Z');
    await refreshAllHealth(env.ctx.db, env.clock.now());
    expect((await env.ctx.db.selectFrom('tasks').select('health').where('id', '=', task.id).executeTakeFirstOrThrow()).health).toBe('red');
    expect((await listIndicators(env.ctx, liaison, {})).items.map((v) => v.indicator.id)).toEqual([ind.id]);
    expect((await listIndicators(env.ctx, stranger, {})).items).toEqual([]);
    const detail = await getIndicatorDetail(env.ctx, sup, ind.id);
    expect(detail.view.judgement.status).toBe('red');
    expect(detail.series[0]).toMatchObject({ periodKey: '2024-Q1', actual: 0.5, actualState: 'accepted' });

    const actions = await env.ctx.db.selectFrom('audit_events').select('action').where('object_id', 'in', [ind.id, a.id]).orderBy('seq').execute();
    expect(actions.map((r) => r.action)).toEqual(['indicator.created', 'indicator_actual.submitted', 'indicator_actual.accepted']);
    expect((await verifyAuditChain(env.ctx.db)).ok).toBe(true);
  });
});
