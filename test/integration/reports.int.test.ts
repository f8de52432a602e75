import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permissionsFor } from '../../src/core/permissions.ts';
import type { UserActor } from '../../src/server/platform/auth/actor.ts';
import { verifyAuditChain } from '../../src/server/platform/audit/audit-log.ts';
import { newId } from '../../src/server/platform/ids.ts';
import type { User } from '../../src/server/modules/users/index.ts';
import { acceptReport, createReport, lockPeriod, returnReport, submitReport } from '../../src/server/modules/reports/index.ts';
import { DIALECTS } from '../support/databases.ts';
import { createTestEnv, TestClock, type TestEnv } from '../support/harness.ts';
import { buildTask, buildUnit, buildUser } from '../support/factories.ts';

const actorOf = (u: User): UserActor => ({ kind: 'user', id: u.id, username: u.username, displayName: u.displayName, unitId: u.unitId, roles: u.roles, permissions: permissionsFor(u.roles), via: 'session' });

describe.each(DIALECTS)('report services on %s', (dialect) => {
  let env: TestEnv;
  let supervisor: UserActor;
  let secondSupervisor: UserActor;
  let lead: UserActor;
  let leadColleague: UserActor;
  let co: UserActor;
  let leadUnit: string;
  let coUnit: string;

  beforeAll(async () => {
    env = await createTestEnv(dialect, { clock: new TestClock(new Date('2024-05-10T02:00:00.000Z')) });
    leadUnit = (await buildUnit(env.ctx)).id;
    coUnit = (await buildUnit(env.ctx)).id;
    supervisor = actorOf(await buildUser(env.ctx, { roles: ['supervisor'] }));
    secondSupervisor = actorOf(await buildUser(env.ctx, { roles: ['supervisor'] }));
    lead = actorOf(await buildUser(env.ctx, { roles: ['liaison'], unitId: leadUnit }));
    leadColleague = actorOf(await buildUser(env.ctx, { roles: ['liaison'], unitId: leadUnit }));
    co = actorOf(await buildUser(env.ctx, { roles: ['liaison'], unitId: coUnit }));
  });
  afterAll(async () => env.close());

  const signedTask = () =>
    buildTask(env.ctx, {
      supervisorIds: [supervisor.id, secondSupervisor.id],
      state: 'signed',
      leadUnitId: leadUnit,
      coUnitIds: [coUnit],
      cadence: { kind: 'monthly' },
      signedAt: '2024-03-10T02:00:00.000Z',
      startDate: '2024-03-01',
      dueDate: '2024-12-31',
    });
  const taskRow = (id: string) => env.ctx.db.selectFrom('tasks').select(['state', 'progress', 'health', 'health_json', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
  const auditOf = async (objectId: string) => (await env.ctx.db.selectFrom('audit_events').select('action').where('object_id', '=', objectId).orderBy('seq').execute()).map((r) => r.action);
  const text = (progress: number, more: Record<string, unknown> = {}) => ({ progress, text: `完成${progress}%`, ...more });

  it('runs submit → return → resubmit → accept in transactions, each audited, and applies the acceptance to the task', async () => {
    const task = await signedTask();
    const milestoneId = newId();
    const at = env.ctx.clock.now().toISOString();
    await env.ctx.db.insertInto('milestones').values({ id: milestoneId, task_id: task.id, ordinal: 0, title: '完成立项', due_date: '2024-06-30', status: 'pending', done_at: null, created_at: at, updated_at: at }).execute();

    let r = await createReport(env.ctx, lead, task.id, { periodKey: '2024-05', ...text(45, { milestoneUpdates: [{ milestoneId, done: true, note: '已批复' }] }) });
    r = await submitReport(env.ctx, lead, r.report.id, {});
    expect(r.report).toMatchObject({ state: 'submitted', revision: 1, late: false });
    // Milestones move on acceptance, not on submission.
    expect((await env.ctx.db.selectFrom('milestones').select('status').where('id', '=', milestoneId).executeTakeFirstOrThrow()).status).toBe('pending');

    r = await returnReport(env.ctx, supervisor, r.report.id, { reason: '请补充立项批复文号' });
    expect(r.report.state).toBe('returned');
    const afterReturn = await taskRow(task.id);
    expect(afterReturn.state).toBe('signed');
    expect(afterReturn.health).not.toBe('none');
    expect(afterReturn.health_json).not.toBeNull();

    r = await submitReport(env.ctx, lead, r.report.id, { version: r.report.version });
    expect(r.report.revision).toBe(2);
    await expect(acceptReport(env.ctx, lead, r.report.id, {})).rejects.toMatchObject({ code: 'forbidden', status: 403 });
    r = await acceptReport(env.ctx, secondSupervisor, r.report.id, {});
    expect(r.report).toMatchObject({ state: 'accepted', reviewedBy: secondSupervisor.id });
    expect(r.history.returns).toEqual([{ revision: 1, reason: '请补充立项批复文号', actorId: supervisor.id, at: expect.any(String) }]);

    const after = await taskRow(task.id);
    expect(after).toMatchObject({ state: 'in_progress', version: 2 });
    expect(Number(after.progress)).toBe(45);
    // The light was recomputed from the new figure and the fresh acceptance.
    expect(JSON.parse(after.health_json!).summary['zh-Hans']).toContain('进度45%');
    expect((await env.ctx.db.selectFrom('milestones').select('status').where('id', '=', milestoneId).executeTakeFirstOrThrow()).status).toBe('done');
    const events = await env.ctx.db.selectFrom('task_events').select(['action', 'from_state', 'to_state', 'actor_id', 'data_json']).where('task_id', '=', task.id).execute();
    expect(events).toEqual([{ action: 'task.started', from_state: 'signed', to_state: 'in_progress', actor_id: secondSupervisor.id, data_json: JSON.stringify({ implied: true, reportId: r.report.id }) }]);

    expect(await auditOf(r.report.id)).toEqual(['report.created', 'report.submitted', 'report.returned', 'report.submitted', 'report.accepted']);
    expect(await auditOf(task.id)).toEqual(['task.progress_updated', 'task.started']);
    expect(await auditOf(milestoneId)).toEqual(['milestone.updated']);
    const stored = await env.ctx.db.selectFrom('report_events').select(['type', 'revision', 'reason']).where('report_id', '=', r.report.id).orderBy('at').orderBy('id').execute();
    expect(stored.map((e) => [e.type, Number(e.revision), e.reason])).toEqual([
      ['report.created', 0, null],
      ['report.submitted', 1, null],
      ['report.returned', 1, '请补充立项批复文号'],
      ['report.submitted', 2, null],
      ['report.accepted', 2, null],
    ]);
    expect((await verifyAuditChain(env.ctx.db)).ok).toBe(true);
  });

  it('keeps the lead unit’s figure: a co-unit’s acceptance and an older period’s leave it alone, and the task starts once', async () => {
    const task = await signedTask();
    const accept = async (who: UserActor, periodKey: string, progress: number) => {
      const r = await createReport(env.ctx, who, task.id, { periodKey, ...text(progress) });
      await submitReport(env.ctx, who, r.report.id, {});
      return acceptReport(env.ctx, supervisor, r.report.id, {});
    };
    await accept(lead, '2024-05', 60);
    expect(Number((await taskRow(task.id)).progress)).toBe(60);
    await accept(co, '2024-05', 90);
    expect(Number((await taskRow(task.id)).progress)).toBe(60);
    const april = await accept(lead, '2024-04', 30);
    expect(april.report.late).toBe(true);
    expect(Number((await taskRow(task.id)).progress)).toBe(60);
    expect(await auditOf(task.id)).toEqual(['task.progress_updated', 'task.started']);
  });

  it('refuses a submission into a locked period on this dialect too, leaving nothing behind', async () => {
    const task = await signedTask();
    const r = await createReport(env.ctx, lead, task.id, { periodKey: '2024-04', ...text(10) });
    await lockPeriod(env.ctx, supervisor, task.programmeId, '2024-04');
    await expect(submitReport(env.ctx, lead, r.report.id, {})).rejects.toMatchObject({ code: 'period_locked', status: 409 });
    expect((await env.ctx.db.selectFrom('reports').select('state').where('id', '=', r.report.id).executeTakeFirstOrThrow()).state).toBe('draft');
    expect(await auditOf(r.report.id)).toEqual(['report.created']);
    expect(await auditOf(task.programmeId)).toEqual(['period.locked']);
  });

  it('lets exactly one of two simultaneous reviews win', async () => {
    const task = await signedTask();
    const r = await createReport(env.ctx, lead, task.id, { periodKey: '2024-05', ...text(50) });
    await submitReport(env.ctx, lead, r.report.id, {});
    const outcomes = await Promise.allSettled([
      acceptReport(env.ctx, supervisor, r.report.id, {}),
      returnReport(env.ctx, secondSupervisor, r.report.id, { reason: '数据有误' }),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === 'rejected');
    expect(refused?.status === 'rejected' ? refused.reason : null).toMatchObject({ status: 409 });
    const decisions = await env.ctx.db.selectFrom('report_events').select('type').where('report_id', '=', r.report.id).where('type', 'in', ['report.accepted', 'report.returned']).execute();
    expect(decisions).toHaveLength(1);
    expect((await verifyAuditChain(env.ctx.db)).ok).toBe(true);
  });

  it('lets exactly one of two liaisons starting the same period at once create it; the other learns its id', async () => {
    const task = await signedTask();
    const outcomes = await Promise.allSettled([
      createReport(env.ctx, lead, task.id, { periodKey: '2024-05', ...text(10) }),
      createReport(env.ctx, leadColleague, task.id, { periodKey: '2024-05', ...text(20) }),
    ]);
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    expect(won).toHaveLength(1);
    const winnerId = won[0]!.status === 'fulfilled' ? won[0]!.value.report.id : '';
    const lost = outcomes.find((o) => o.status === 'rejected');
    expect(lost?.status === 'rejected' ? lost.reason : null).toMatchObject({ code: 'report_exists', status: 409, details: { reportId: winnerId } });
    expect(await env.ctx.db.selectFrom('reports').select('id').where('task_id', '=', task.id).execute()).toEqual([{ id: winnerId }]);
  });
  it("settles the unread reminders that the submitted period's report was missing, and no other period's", async () => {
    const task = await signedTask();
    const at = env.ctx.clock.now().toISOString();
    const reminder = async (period: string) => {
      const id = newId();
      await env.ctx.db.insertInto('notices').values({
        id, dedupe_key: `test|${id}`, task_id: task.id, programme_id: task.programmeId, kind: 'remind', rule: 'report_missing', period, unit_id: leadUnit, milestone_id: null,
        audience_json: '[]', supervisor_ids_json: '[]', params_json: '{}', task_title: null, trigger_at: at, created_by: null, created_at: at,
      }).execute();
      await env.ctx.db.insertInto('notifications').values({ id: newId(), notice_id: id, user_id: lead.id, read_at: null, created_at: at }).execute();
      return id;
    };
    const april = await reminder('2024-04');
    const march = await reminder('2024-03');
    const readAt = async (noticeId: string) => (await env.ctx.db.selectFrom('notifications').select('read_at').where('notice_id', '=', noticeId).executeTakeFirstOrThrow()).read_at;
    const r = await createReport(env.ctx, lead, task.id, { periodKey: '2024-04', ...text(30) });
    await submitReport(env.ctx, lead, r.report.id, {});
    expect(await readAt(april)).toBe(env.ctx.clock.now().toISOString());
    expect(await readAt(march)).toBeNull();
    expect(await auditOf(april)).toEqual(['notice.resolved']);
    expect(await auditOf(march)).toEqual([]);
    expect(await verifyAuditChain(env.ctx.db)).toMatchObject({ ok: true });
  });
});
