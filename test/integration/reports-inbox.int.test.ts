import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permissionsFor } from '../../src/core/permissions.ts';
import type { UserActor } from '../../src/server/platform/auth/actor.ts';
import type { User } from '../../src/server/modules/users/index.ts';
import { getInbox } from '../../src/server/modules/inbox/index.ts';
import { createInstruction } from '../../src/server/modules/instructions/index.ts';
import { createReport, returnReport, submitReport } from '../../src/server/modules/reports/index.ts';
import { DIALECTS } from '../support/databases.ts';
import { createTestEnv, TestClock, type TestEnv } from '../support/harness.ts';
import { buildTask, buildUnit, buildUser } from '../support/factories.ts';

const actorOf = (u: User): UserActor => ({ kind: 'user', id: u.id, username: u.username, displayName: u.displayName, unitId: u.unitId, roles: u.roles, permissions: permissionsFor(u.roles), via: 'session' });

// The inbox is the one read model written in SQL by hand across tables; it must read the same on both dialects.
describe.each(DIALECTS)('the inbox on %s', (dialect) => {
  let env: TestEnv;
  let supervisor: UserActor;
  let dual: UserActor;
  let liaison: UserActor;
  let leader: UserActor;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    env = await createTestEnv(dialect, { clock: new TestClock(new Date('2024-05-10T02:00:00.000Z')) });
    const unit = (await buildUnit(env.ctx)).id;
    supervisor = actorOf(await buildUser(env.ctx, { roles: ['supervisor'] }));
    dual = actorOf(await buildUser(env.ctx, { roles: ['supervisor', 'liaison'], unitId: unit }));
    liaison = actorOf(await buildUser(env.ctx, { roles: ['liaison'], unitId: unit }));
    leader = actorOf(await buildUser(env.ctx, { roles: ['leader'] }));
    const first = await buildTask(env.ctx, { supervisorIds: [supervisor.id, dual.id], state: 'assigned', leadUnitId: unit, dueDate: '2024-05-01' });
    ids.toSign = first.id;
    const more = (extra: Parameters<typeof buildTask>[1]) => buildTask(env.ctx, { programmeId: first.programmeId, leadUnitId: unit, dueDate: '2024-12-31', ...extra }).then((b) => b.id);
    ids.reporting = await more({ state: 'in_progress', cadence: { kind: 'monthly' }, signedAt: '2024-04-02T02:00:00.000Z' });
    ids.extension = await more({ state: 'in_progress' });
    await env.ctx.db.updateTable('tasks').set({ pending_extension_json: JSON.stringify({ newDueDate: '2025-01-31', requestedBy: liaison.id, reason: '资金未到位' }) }).where('id', '=', ids.extension).execute();

    const april = await createReport(env.ctx, liaison, ids.reporting, { periodKey: '2024-04', progress: 10, text: '四月' });
    await submitReport(env.ctx, liaison, april.report.id, {});
    await returnReport(env.ctx, supervisor, april.report.id, { reason: '数据不全' });
    ids.april = april.report.id;
    const may = await createReport(env.ctx, dual, ids.reporting, { periodKey: '2024-05', progress: 20, text: '五月' });
    await submitReport(env.ctx, dual, may.report.id, {});
    ids.may = may.report.id;
    ids.instruction = (await createInstruction(env.ctx, leader, ids.reporting, { text: '加快进度' })).id;
  });
  afterAll(async () => env.close());

  it('lists a liaison’s work, scoped to their unit', async () => {
    const box = await getInbox(env.ctx, liaison);
    expect(box.toSign.items.map((t) => t.id)).toEqual([ids.toSign]);
    expect(box.toReport.items.map((d) => [d.task.id, d.periods.map((p) => [p.key, p.state])])).toEqual([[ids.reporting, [['2024-04', 'returned']]]]);
    expect(box.returned.items.map((r) => [r.id, r.returnReason])).toEqual([[ids.april, '数据不全']]);
    // Assigned and past due: overdue work for everyone who sees it.
    expect(box.overdue.items.map((t) => t.id)).toEqual([ids.toSign]);
    expect(box.instructions.items.map((i) => i.id)).toEqual([ids.instruction]);
  });

  it('lists a supervisor’s reviews, leaving out what they wrote themselves', async () => {
    const box = await getInbox(env.ctx, supervisor);
    expect(box.toReview.reports.items.map((r) => r.id)).toEqual([ids.may]);
    expect(box.toReview.extensionRequests.items.map((t) => t.id)).toEqual([ids.extension]);
    expect(box.toReview.total).toBe(2);
    expect((await getInbox(env.ctx, dual)).toReview.reports.total).toBe(0);
    expect((await getInbox(env.ctx, leader)).instructions.items.map((i) => i.id)).toEqual([ids.instruction]);
  });
});
