import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/server/platform/auth/actor.ts';
import { verifyAuditChain } from '../../src/server/platform/audit/audit-log.ts';
import { updateUnit } from '../../src/server/modules/units/index.ts';
import { updateUser } from '../../src/server/modules/users/index.ts';
import { notify, sweepNotices } from '../../src/server/modules/notices/index.ts';
import { newId } from '../../src/server/platform/ids.ts';
import { DIALECTS } from '../support/databases.ts';
import { createTestEnv, TestClock, type TestEnv } from '../support/harness.ts';
import { actorOf, buildTask, buildUnit, buildUser } from '../support/factories.ts';

const admin = systemActor('test');

describe.each(DIALECTS)('notice sweep on %s', (dialect) => {
  let env: TestEnv;
  const clock = new TestClock(new Date('2024-06-04T02:00:00Z')); // 10:00 in Shanghai, 4 June
  beforeAll(async () => {
    env = await createTestEnv(dialect, { clock });
  });
  afterAll(async () => env.close());

  /** A lead unit with two active liaisons, a deactivated one, a viewer, and a head; a supervisor for the programme. */
  async function organisation() {
    const unit = await buildUnit(env.ctx);
    const liaisonA = await buildUser(env.ctx, { roles: ['liaison'], unitId: unit.id, email: `a${unit.id.slice(-6)}@example.test` });
    const liaisonB = await buildUser(env.ctx, { roles: ['liaison'], unitId: unit.id });
    const gone = await buildUser(env.ctx, { roles: ['liaison'], unitId: unit.id });
    await updateUser(env.ctx, admin, gone.id, { version: gone.version, active: false });
    const viewer = await buildUser(env.ctx, { roles: ['viewer'], unitId: unit.id });
    const head = await buildUser(env.ctx, { roles: ['viewer'], unitId: unit.id });
    await updateUnit(env.ctx, admin, unit.id, { version: unit.version, headUserId: head.id });
    const supervisor = await buildUser(env.ctx, { roles: ['supervisor'] });
    return { unit, liaisonA, liaisonB, gone, viewer, head, supervisor };
  }

  const noticesOf = (taskId: string) =>
    env.ctx.db.selectFrom('notices').selectAll().where('task_id', '=', taskId).orderBy('trigger_at').orderBy('rule').execute();
  const recipientsOf = async (noticeId: string) =>
    (await env.ctx.db.selectFrom('notifications').select('user_id').where('notice_id', '=', noticeId).execute()).map((r) => r.user_id).sort();

  it('is silent 10 days before the due date, sends the 7-day reminder at 7 days, and only once', async () => {
    clock.set('2024-06-04T02:00:00Z');
    const org = await organisation();
    const task = await buildTask(env.ctx, { state: 'signed', leadUnitId: org.unit.id, dueDate: '2024-06-14', supervisorIds: [org.supervisor.id], title: '优化营商环境' });

    await sweepNotices(env.ctx, clock.now());
    expect(await noticesOf(task.id)).toEqual([]);

    clock.set('2024-06-07T01:00:00Z'); // 09:00 in Shanghai, 7 June: 7 days left
    const first = await sweepNotices(env.ctx, clock.now());
    expect(first.created).toBeGreaterThanOrEqual(1);
    const [notice, ...more] = await noticesOf(task.id);
    expect(more).toEqual([]);
    expect(notice).toMatchObject({ rule: 'due_soon_7d', kind: 'remind', period: '2024-06-14', unit_id: org.unit.id, created_by: null, task_title: '优化营商环境' });
    expect(JSON.parse(notice!.params_json)).toMatchObject({ daysLeft: 7, dueDate: '2024-06-14' });
    // Liaisons of the lead unit only: not the deactivated one, not the viewer, not the head.
    expect(await recipientsOf(notice!.id)).toEqual([org.liaisonA.id, org.liaisonB.id].sort());

    const audit = await env.ctx.db.selectFrom('audit_events').selectAll().where('object_id', '=', notice!.id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'notice.created', object_type: 'notice', actor_name: 'system:scheduler', actor_id: null });
    expect(JSON.parse(audit[0]!.after_json!)).toMatchObject({ rule: 'due_soon_7d', taskId: task.id, recipientIds: [org.liaisonA.id, org.liaisonB.id].sort() });

    const again = await sweepNotices(env.ctx, clock.now());
    expect(again.existing).toBeGreaterThanOrEqual(1);
    clock.advance(3 * 3600_000);
    await sweepNotices(env.ctx, clock.now());
    expect(await noticesOf(task.id)).toHaveLength(1);
    expect(await env.ctx.db.selectFrom('audit_events').select('seq').where('object_id', '=', notice!.id).execute()).toHaveLength(1);
  });

  it('catches up on a fresh task two days before its due date with the 3-day rung only', async () => {
    clock.set('2024-06-07T01:00:00Z');
    const org = await organisation();
    const task = await buildTask(env.ctx, { state: 'in_progress', leadUnitId: org.unit.id, dueDate: '2024-06-09', supervisorIds: [org.supervisor.id] });
    await sweepNotices(env.ctx, clock.now());
    expect((await noticesOf(task.id)).map((n) => n.rule)).toEqual(['due_soon_3d']);
  });

  it('escalates to the unit head and the supervisor after 3 overdue days, beside the overdue reminder to the liaisons', async () => {
    clock.set('2024-06-05T01:00:00Z');
    const org = await organisation();
    const task = await buildTask(env.ctx, { state: 'in_progress', leadUnitId: org.unit.id, dueDate: '2024-06-03', supervisorIds: [org.supervisor.id] });
    await sweepNotices(env.ctx, clock.now()); // 2 days overdue: no escalation yet
    expect((await noticesOf(task.id)).map((n) => n.rule)).toEqual(['overdue']);

    clock.set('2024-06-06T01:00:00Z'); // 3 days overdue
    await sweepNotices(env.ctx, clock.now());
    const notices = await noticesOf(task.id);
    expect(notices.map((n) => n.rule)).toEqual(['overdue', 'escalate_overdue']);
    const [overdue, escalation] = notices;
    expect(escalation).toMatchObject({ kind: 'escalate' });
    expect(JSON.parse(escalation!.params_json)).toMatchObject({ overdueDays: 3, thresholdDays: 3 });
    expect(await recipientsOf(escalation!.id)).toEqual([org.head.id, org.supervisor.id].sort());
    expect(await recipientsOf(overdue!.id)).toEqual([org.liaisonA.id, org.liaisonB.id].sort());
  });

  it('chases a missing report for the latest past period, per unit, and not a unit that filed', async () => {
    clock.set('2024-06-07T01:00:00Z');
    const org = await organisation();
    const coUnit = await buildUnit(env.ctx);
    const coLiaison = await buildUser(env.ctx, { roles: ['liaison'], unitId: coUnit.id });
    const otherCo = await buildUnit(env.ctx);
    const otherCoLiaison = await buildUser(env.ctx, { roles: ['liaison'], unitId: otherCo.id });
    const task = await buildTask(env.ctx, {
      state: 'signed',
      leadUnitId: org.unit.id,
      coUnitIds: [coUnit.id, otherCo.id],
      cadence: { kind: 'monthly' },
      signedAt: '2024-04-10T02:00:00Z',
      supervisorIds: [org.supervisor.id],
    });
    // The co-unit filed its May report (a returned one counts as filed); the other co-unit and the lead did not.
    const at = clock.now().toISOString();
    await env.ctx.db
      .insertInto('reports')
      .values({
        id: newId(), task_id: task.id, unit_id: coUnit.id, period_key: '2024-05', state: 'returned', revision: 1, progress: 10, text: '五月进展',
        problems: null, coordination: null, next_steps: null, milestone_updates_json: null, author_id: coLiaison.id, writer_ids_json: '[]',
        first_submitted_at: at, submitted_at: at, late: 0, reviewed_by: null, reviewed_at: null, return_reason: '补充材料', created_at: at, updated_at: at, version: 1,
      })
      .execute();
    await sweepNotices(env.ctx, clock.now());
    const notices = await noticesOf(task.id);
    expect(notices.map((n) => [n.rule, n.period, n.unit_id])).toEqual(
      [['report_missing', '2024-05', org.unit.id], ['report_missing', '2024-05', otherCo.id]].sort((a, b) => (a[2]! < b[2]! ? -1 : 1)),
    );
    const toOther = notices.find((n) => n.unit_id === otherCo.id)!;
    expect(await recipientsOf(toOther.id)).toEqual([otherCoLiaison.id]);
    expect(JSON.parse(toOther.audience_json)).toEqual(['co_unit']);
  });

  it('says nothing about suspended, closed, draft or completion-requested tasks', async () => {
    clock.set('2024-06-07T01:00:00Z');
    const org = await organisation();
    const ids: string[] = [];
    for (const state of ['suspended', 'closed', 'draft', 'completion_requested', 'reassign_requested']) {
      ids.push((await buildTask(env.ctx, { state, leadUnitId: org.unit.id, dueDate: '2024-06-01', cadence: { kind: 'weekly' }, signedAt: '2024-05-01T00:00:00Z', supervisorIds: [org.supervisor.id] })).id);
    }
    await sweepNotices(env.ctx, clock.now());
    for (const id of ids) expect(await noticesOf(id)).toEqual([]);
  });

  it("uses a programme's reminder override, and falls back to the defaults (reported) when it is broken", async () => {
    clock.set('2024-06-07T01:00:00Z');
    const org = await organisation();
    const custom = await buildTask(env.ctx, { state: 'signed', leadUnitId: org.unit.id, dueDate: '2024-06-17' });
    await env.ctx.db.updateTable('programmes').set({ reminder_config_json: JSON.stringify({ remindDaysBefore: [10, 2] }) }).where('id', '=', custom.programmeId).execute();
    const broken = await buildTask(env.ctx, { state: 'signed', leadUnitId: org.unit.id, dueDate: '2024-06-14' });
    await env.ctx.db.updateTable('programmes').set({ reminder_config_json: JSON.stringify({ escalateAfterOverdueDays: 0 }) }).where('id', '=', broken.programmeId).execute();

    const result = await sweepNotices(env.ctx, clock.now(), { pageSize: 2 });
    expect((await noticesOf(custom.id)).map((n) => n.rule)).toEqual(['due_soon_10d']);
    expect((await noticesOf(broken.id)).map((n) => n.rule)).toEqual(['due_soon_7d']);
    expect(result.problems.join('\n')).toContain(`programme ${broken.programmeId}: escalateAfterOverdueDays`);
  });

  it('lets other modules notify in their own transaction, once per dedupe key, never to the actor', async () => {
    clock.set('2024-06-07T01:00:00Z');
    const org = await organisation();
    const leader = await buildUser(env.ctx, { roles: ['leader'], unitId: org.unit.id });
    const task = await buildTask(env.ctx, { state: 'in_progress', leadUnitId: org.unit.id, supervisorIds: [org.supervisor.id] });
    const send = () =>
      env.ctx.db.transaction().execute((trx) =>
        notify(trx, env.ctx, { actor: actorOf(leader), kind: 'instruction', taskId: task.id, to: [{ kind: 'task_units' }, { kind: 'supervisors' }, { kind: 'user', userId: leader.id }], params: { text: '抓紧推进' }, dedupeKey: `instruction|${task.id}|1` }),
      );
    const first = await send();
    expect(first).toMatchObject({ created: true, deliveries: { email: 0, webhook: 0 } });
    expect(first.recipientIds.sort()).toEqual([org.liaisonA.id, org.liaisonB.id, org.supervisor.id].sort());
    expect((await send()).created).toBe(false);
    const [notice] = await noticesOf(task.id);
    expect(notice).toMatchObject({ kind: 'instruction', created_by: leader.id });
    expect(JSON.parse(notice!.params_json)).toMatchObject({ text: '抓紧推进', byName: leader.displayName });
    const audit = await env.ctx.db.selectFrom('audit_events').selectAll().where('object_id', '=', notice!.id).execute();
    expect(audit.map((a) => [a.action, a.actor_id])).toEqual([['notice.created', leader.id]]);

    // A caller's rollback takes the notice with it.
    await expect(
      env.ctx.db.transaction().execute(async (trx) => {
        await notify(trx, env.ctx, { actor: actorOf(leader), kind: 'instruction', taskId: task.id, to: [{ kind: 'task_units' }], dedupeKey: `instruction|${task.id}|2` });
        throw new Error('caller failed');
      }),
    ).rejects.toThrow('caller failed');
    expect(await noticesOf(task.id)).toHaveLength(1);
    await expect(env.ctx.db.transaction().execute((trx) => notify(trx, env.ctx, { actor: actorOf(leader), kind: 'instruction', taskId: 'nope', to: [] }))).rejects.toMatchObject({ code: 'task_not_found' });
  });

  it('keeps the audit chain intact', async () => {
    expect((await verifyAuditChain(env.ctx.db)).ok).toBe(true);
  });
});
