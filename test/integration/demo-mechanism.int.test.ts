import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/server/platform/auth/actor.ts';
import { verifyAuditChain } from '../../src/server/platform/audit/audit-log.ts';
import { seedDemo } from '../../src/server/demo/index.ts';
import { getCampaign, listCampaigns } from '../../src/server/modules/relays/index.ts';
import { getInspection, listInspections } from '../../src/server/modules/inspections/index.ts';
import { DIALECTS } from '../support/databases.ts';
import { createTestEnv, TestClock, type TestEnv } from '../support/harness.ts';

describe.each(DIALECTS)('the demo’s relay campaign and inspection on %s', (dialect) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv(dialect, { clock: new TestClock(new Date('2024-05-10T02:00:00.000Z')) });
  });
  afterAll(async () => env.close());

  it('has some units recorded and some missing, and an inspection whose two findings became rectification tasks — once', async () => {
    await seedDemo(env.ctx);
    const before = await env.ctx.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await seedDemo(env.ctx);
    const after = await env.ctx.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));

    const actor = systemActor('test');
    const [campaign] = await listCampaigns(env.ctx, actor, {});
    expect(campaign).toMatchObject({ expected: 5, recorded: 2, returned: 0 });
    const detail = await getCampaign(env.ctx, actor, campaign!.id);
    expect(detail.coverage.filter((c) => c.record === null).map((c) => c.unitName).sort()).toEqual(['市商务局', '市生态环境局', '江岸区'].sort());

    const [inspection] = await listInspections(env.ctx, actor, {});
    expect(inspection).toMatchObject({ state: 'reporting', findings: 2, open: 2 });
    const full = await getInspection(env.ctx, actor, inspection!.id);
    expect(full.findings.map((f) => f.taskState)).toEqual(['assigned', 'assigned']);
    const rectification = await env.ctx.db.selectFrom('tasks').select(['title', 'kind', 'parent_id']).where('task_type', '=', 'rectification').execute();
    expect(rectification.map((r) => r.title).sort()).toEqual(['整改：消费券核销数据未按月公开', '整改：部分河道排口整治进度滞后于计划'].sort());
    // Both under the inspection's one work area, so 统计 and the homes count them as tasks.
    expect(rectification.map((r) => r.kind)).toEqual(['task', 'task']);
    expect(new Set(rectification.map((r) => r.parent_id)).size).toBe(1);
    const area = await env.ctx.db.selectFrom('tasks').select(['title', 'kind']).where('id', '=', rectification[0]!.parent_id!).executeTakeFirstOrThrow();
    expect(area).toEqual({ title: `督查整改：${inspection!.topic}`, kind: 'area' });
    expect((await verifyAuditChain(env.ctx.db)).ok).toBe(true);
  });
});
