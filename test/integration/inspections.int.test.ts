import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserActor } from '../../src/server/platform/auth/actor.ts';
import { verifyAuditChain } from '../../src/server/platform/audit/audit-log.ts';
import { acceptNotApplicable, createFinding, createInspection, getInspection, listInspections, rectifyFinding, transitionInspection } from '../../src/server/modules/inspections/index.ts';
import { DIALECTS } from '../support/databases.ts';
import { createTestEnv, TestClock, type TestEnv } from '../support/harness.ts';
import { actorOf, buildTask, buildUnit, buildUser } from '../support/factories.ts';

describe.each(DIALECTS)('inspection services on %s', (dialect) => {
  let env: TestEnv;
  let sup: UserActor;
  let liaisonA: UserActor;
  let viewer: UserActor;
  let unitA: string;
  let unitB: string;
  let programmeId: string;

  beforeAll(async () => {
    env = await createTestEnv(dialect, { clock: new TestClock(new Date('2024-05-10T02:00:00.000Z')) });
    unitA = (await buildUnit(env.ctx)).id;
    unitB = (await buildUnit(env.ctx)).id;
    sup = actorOf(await buildUser(env.ctx, { roles: ['supervisor'] }));
    liaisonA = actorOf(await buildUser(env.ctx, { roles: ['liaison'], unitId: unitA }));
    viewer = actorOf(await buildUser(env.ctx, { roles: ['viewer'] }));
    programmeId = (await buildTask(env.ctx, { supervisorIds: [sup.id], state: 'signed', leadUnitId: unitA })).programmeId;
  });
  afterAll(async () => env.close());

  it('counts open findings in SQL, makes rectification tasks, and closes only when every finding is settled', async () => {
    const { inspection } = await createInspection(env.ctx, sup, { programmeId, topic: '专项督查', kind: 'research', members: [{ userId: sup.id, team: '调研组' }], targetUnitIds: [unitA] });
    await transitionInspection(env.ctx, sup, inspection.id, { action: 'start', version: 1 });
    const fA = await createFinding(env.ctx, sup, inspection.id, { unitId: unitA, title: '问题一', severity: 'grave' });
    const rec = await createFinding(env.ctx, sup, inspection.id, { unitId: unitB, title: '建议建立周调度机制', severity: 'general', source: 'recommendation' });
    const rectified = await rectifyFinding(env.ctx, sup, fA.id, { version: fA.version, dueDate: '2024-06-30' });
    const commitment = await rectifyFinding(env.ctx, sup, rec.id, { version: rec.version, dueDate: '2024-07-31' });
    const tasks = await env.ctx.db.selectFrom('tasks').select(['id', 'task_type', 'finding_id', 'state', 'lead_unit_id']).where('finding_id', 'is not', null).orderBy('title').execute();
    expect(tasks.map((t) => [t.task_type, t.finding_id, t.state, t.lead_unit_id]).sort()).toEqual([
      ['commitment', rec.id, 'assigned', unitB],
      ['rectification', fA.id, 'assigned', unitA],
    ].sort());
    await transitionInspection(env.ctx, sup, inspection.id, { action: 'report', version: 2 });
    await expect(transitionInspection(env.ctx, sup, inspection.id, { action: 'close', version: 3 })).rejects.toMatchObject({ code: 'inspection_open_findings', details: { openFindings: 2 } });
    expect((await listInspections(env.ctx, sup, {}))[0]).toMatchObject({ findings: 2, open: 2 });

    // The recommendation's task is closed elsewhere in the loop; the rectification is found not to apply after all.
    await env.ctx.db.updateTable('tasks').set({ state: 'closed' }).where('id', '=', commitment.taskId!).execute();
    await expect(acceptNotApplicable(env.ctx, sup, rectified.id, { version: rectified.version, reason: 'x' })).rejects.toMatchObject({ code: 'finding_settled' });
    expect((await listInspections(env.ctx, sup, {}))[0]).toMatchObject({ open: 1 });
    await env.ctx.db.updateTable('tasks').set({ state: 'closed' }).where('id', '=', rectified.taskId!).execute();
    await transitionInspection(env.ctx, sup, inspection.id, { action: 'close', version: 3 });

    expect((await getInspection(env.ctx, viewer, inspection.id)).inspection.state).toBe('closed');
    const asLiaison = await getInspection(env.ctx, liaisonA, inspection.id);
    expect(asLiaison.findings.map((f) => f.id)).toEqual([fA.id]);
    expect((await verifyAuditChain(env.ctx.db)).ok).toBe(true);
  });

  it('puts 整改 tasks under the inspection’s one work area, and opens a fresh one once that area is closed', async () => {
    const { inspection } = await createInspection(env.ctx, sup, { programmeId, topic: '窗口服务督查', kind: 'special', members: [{ userId: sup.id, team: '一组' }], targetUnitIds: [unitA] });
    await transitionInspection(env.ctx, sup, inspection.id, { action: 'start', version: 1 });
    const make = async (title: string) => {
      const f = await createFinding(env.ctx, sup, inspection.id, { unitId: unitA, title, severity: 'general' });
      const done = await rectifyFinding(env.ctx, sup, f.id, { version: f.version, dueDate: '2024-06-30' });
      return env.ctx.db.selectFrom('tasks').select(['id', 'parent_id', 'area_id', 'kind', 'depth']).where('id', '=', done.taskId!).executeTakeFirstOrThrow();
    };
    const areaOf = async () => (await env.ctx.db.selectFrom('inspections').select('area_task_id').where('id', '=', inspection.id).executeTakeFirstOrThrow()).area_task_id;
    const first = await make('问题甲');
    const second = await make('问题乙');
    expect(first).toMatchObject({ kind: 'task', depth: 1, parent_id: await areaOf() });
    expect(second.parent_id).toBe(first.parent_id);
    // Someone closed the area (all its tasks done): the next finding's task goes under a new area, now linked.
    await env.ctx.db.updateTable('tasks').set({ state: 'closed' }).where('id', '=', first.parent_id!).execute();
    const third = await make('问题丙');
    expect(third.parent_id).not.toBe(first.parent_id);
    expect(await areaOf()).toBe(third.parent_id);
    const areas = await env.ctx.db.selectFrom('tasks').select(['title', 'kind', 'lead_unit_id']).where('id', 'in', [first.parent_id!, third.parent_id!]).execute();
    expect(areas).toEqual([{ title: '督查整改：窗口服务督查', kind: 'area', lead_unit_id: null }, { title: '督查整改：窗口服务督查', kind: 'area', lead_unit_id: null }]);
    expect((await verifyAuditChain(env.ctx.db)).ok).toBe(true);
  });
});
