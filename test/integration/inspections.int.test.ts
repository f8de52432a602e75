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
});
