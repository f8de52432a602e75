import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freezePeriod, getEvaluation, rateUnit } from '../../src/server/modules/evaluations/index.ts';
import { DIALECTS } from '../support/databases.ts';
import { createTestEnv, TestClock, type TestEnv } from '../support/harness.ts';
import { actorOf, buildTask, buildUnit, buildUser } from '../support/factories.ts';

describe.each(DIALECTS)('evaluations on %s', (dialect) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv(dialect, { clock: new TestClock(new Date('2024-04-15T02:00:00Z')) });
  });
  afterAll(async () => env.close());

  it('scores from the loop’s tables, freezes, and returns the frozen numbers after the data changes', async () => {
    const unit = await buildUnit(env.ctx, { name: '丙局' });
    const sup = actorOf(await buildUser(env.ctx, { roles: ['supervisor'] }));
    const task = await buildTask(env.ctx, { supervisorIds: [sup.id], state: 'in_progress', leadUnitId: unit.id, dueDate: '2024-03-20' });
    await env.ctx.db.updateTable('tasks').set({ assigned_at: '2024-01-05T01:00:00.000Z', signed_at: '2024-01-06T01:00:00.000Z' }).where('id', '=', task.id).execute();
    await rateUnit(env.ctx, sup, '2024-Q1', unit.id, { rating: 3, comment: null });
    await rateUnit(env.ctx, sup, '2024-Q1', unit.id, { rating: 4, comment: '改进明显' });

    const live = await getEvaluation(env.ctx, sup, '2024-Q1');
    const mine = live.units.find((u) => u.unitId === unit.id)!;
    // signing 100 (w10), closure 0 (w25), rating 4 → 75 (w10): 38.89; 11 days overdue × 0.5 = 5.5 off.
    expect(mine.score).toBe(33.39);
    expect(mine.components.find((c) => c.key === 'overdueDays')).toMatchObject({ numerator: 11, penalty: 5.5 });

    await freezePeriod(env.ctx, sup, '2024-Q1');
    await env.ctx.db.updateTable('tasks').set({ state: 'closed', closed_at: '2024-03-01T01:00:00.000Z' }).where('id', '=', task.id).execute();
    const after = await getEvaluation(env.ctx, sup, '2024-Q1');
    expect(after.frozen).not.toBeNull();
    expect(after.units).toEqual(live.units);
    await expect(rateUnit(env.ctx, sup, '2024-Q1', unit.id, { rating: 1, comment: null })).rejects.toMatchObject({ code: 'period_frozen' });
    const audit = await env.ctx.db.selectFrom('audit_events').select('action').where('action', 'like', 'evaluation%').orderBy('seq').execute();
    expect(audit.map((r) => r.action)).toEqual(['evaluation_rating.recorded', 'evaluation_rating.recorded', 'evaluation.frozen']);
  });
});
