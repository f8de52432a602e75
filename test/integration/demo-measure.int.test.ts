import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/server/demo/index.ts';
import { systemActor } from '../../src/server/platform/auth/actor.ts';
import { getEvaluation } from '../../src/server/modules/evaluations/index.ts';
import { listIndicators } from '../../src/server/modules/indicators/index.ts';
import { verifyAuditChain } from '../../src/server/platform/audit/audit-log.ts';
import { DIALECTS } from '../support/databases.ts';
import { createTestEnv, TestClock, type TestEnv } from '../support/harness.ts';

describe.each(DIALECTS)('the indicators and evaluation demo on %s', (dialect) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv(dialect, { clock: new TestClock(new Date('2024-11-20T02:00:00Z')) });
  });
  afterAll(async () => env.close());

  it('has indicators from targets with a year of figures (one behind), a frozen quarter, and runs once', { timeout: 60_000 }, async () => {
    await seedDemo(env.ctx);
    const system = systemActor('test');
    const { items } = await listIndicators(env.ctx, system, {});
    expect(items.map((v) => [v.indicator.name, v.latest?.periodKey, v.judgement.status])).toEqual([
      ['新开工亿元以上项目', '2024-Q3', 'on_track'],
      ['新增规模以上工业企业', '2024-Q3', 'on_track'],
      ['引进品牌首店', '2024-Q3', 'yellow'],
      ['PM2.5平均浓度', '2024-Q3', 'on_track'],
    ]);
    const behind = await env.ctx.db.selectFrom('tasks').select(['health', 'health_json']).where('id', '=', items[2]!.indicator.taskId!).executeTakeFirstOrThrow();
    expect(behind.health).toBe('yellow');
    expect(behind.health_json).toContain('指标“引进品牌首店”完成110/200家，低于时序进度');

    const q3 = await getEvaluation(env.ctx, system, '2024-Q3');
    expect(q3.frozen).not.toBeNull();
    expect(q3.units.map((u) => [u.unitName, u.score])).toEqual([['市发展改革委', 100], ['市生态环境局', 94.44], ['市经信局', 50], ['市商务局', 27.27]]);
    const shang = q3.units[3]!;
    expect(shang.components.find((c) => c.key === 'firstTimeAccepted')).toMatchObject({ numerator: 2, denominator: 3 });
    expect(shang.components.find((c) => c.key === 'instructionsAnswered')).toMatchObject({ numerator: 0, denominator: 1 });

    const counts = async () => Number((await env.ctx.db.selectFrom('audit_events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await counts();
    await seedDemo(env.ctx);
    expect(await counts()).toBe(before);
    expect((await verifyAuditChain(env.ctx.db)).ok).toBe(true);
  });
});
