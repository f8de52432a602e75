/**
 * Every transition and review action → the notices it raises → their recipients → the channels (in-app, e-mail,
 * webhook), on both databases; then delivery, each e-mail once and in its reader's language. And batches: many
 * transitions in one `runTaskBatch` give one grouped notice per unit, not one per task.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/server/platform/auth/actor.ts';
import { systemActor } from '../../src/server/platform/auth/actor.ts';
import { verifyAuditChain } from '../../src/server/platform/audit/audit-log.ts';
import { createProgramme } from '../../src/server/modules/programmes/index.ts';
import { closeNoticeTransports, deliverOutbox, registerTaskNotices } from '../../src/server/modules/notices/index.ts';
import { createWebhook } from '../../src/server/modules/notices/webhooks.service.ts';
import { acceptReport, addEvidence, createReport, returnReport, submitReport } from '../../src/server/modules/reports/index.ts';
import { applyTransition, createTask, getTaskDetail, runTaskBatch, transitionTask, type TransitionTaskInput } from '../../src/server/modules/tasks/index.ts';
import type { User } from '../../src/server/modules/users/index.ts';
import { DIALECTS } from '../support/databases.ts';
import { actorOf, buildUnit, buildUser } from '../support/factories.ts';
import { createTestEnv, TestClock, type TestEnv } from '../support/harness.ts';
import { SmtpSink } from '../support/smtp.ts';
import { WebhookSink } from '../support/webhook-sink.ts';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

interface Raised {
  kind: string;
  taskId: string | null;
  recipients: string[];
  emails: string[];
  webhooks: number;
}

describe.each(DIALECTS)('decision notices on %s', (dialect) => {
  let env: TestEnv;
  let smtp: SmtpSink;
  let hooks: WebhookSink;
  const clock = new TestClock(new Date('2024-03-01T02:00:00Z'));
  beforeAll(async () => {
    smtp = await SmtpSink.start();
    hooks = await WebhookSink.start();
    env = await createTestEnv(dialect, { clock, config: { smtp: smtp.config(), publicUrl: 'https://luoshi.example.gov.cn' } });
    registerTaskNotices(env.ctx);
  });
  afterAll(async () => {
    closeNoticeTransports(env.ctx);
    await env.close();
    await smtp.stop();
    await hooks.stop();
  });

  async function person(roles: Array<'supervisor' | 'leader' | 'liaison'>, unitId: string | undefined, email: string, displayName: string, locale?: string): Promise<User> {
    const user = await buildUser(env.ctx, { roles, unitId, email, displayName });
    if (locale) await env.ctx.db.updateTable('users').set({ locale }).where('id', '=', user.id).execute();
    return user;
  }

  /** Notices recorded since `seen`, each with its in-app recipients and its outbox rows. */
  async function raisedSince(seen: Set<string>): Promise<Raised[]> {
    const notices = await env.ctx.db.selectFrom('notices').select(['id', 'kind', 'task_id']).orderBy('id').execute();
    const fresh = notices.filter((n) => !seen.has(n.id));
    for (const n of fresh) seen.add(n.id);
    const out: Raised[] = [];
    for (const n of fresh) {
      const inApp = await env.ctx.db.selectFrom('notifications').select('user_id').where('notice_id', '=', n.id).execute();
      const rows = await env.ctx.db.selectFrom('outbox').select(['channel', 'target']).where('notice_id', '=', n.id).execute();
      out.push({
        kind: n.kind,
        taskId: n.task_id,
        recipients: inApp.map((r) => r.user_id).sort(),
        emails: rows.filter((r) => r.channel === 'email').map((r) => r.target).sort(),
        webhooks: rows.filter((r) => r.channel === 'webhook').length,
      });
    }
    return out;
  }

  it('tells the people each decision concerns, once, on every channel', { timeout: 60_000 }, async () => {
    const admin = systemActor('test');
    const unitA = await buildUnit(env.ctx, { name: `市发展改革委-${dialect}` });
    const unitC = await buildUnit(env.ctx, { name: `市商务局-${dialect}` });
    const unitB = await buildUnit(env.ctx, { name: `市经信局-${dialect}` });
    const s1 = await person(['supervisor'], undefined, `s1-${dialect}@example.test`, '王督查');
    const s2 = await person(['supervisor'], undefined, `s2-${dialect}@example.test`, '李审核');
    const leader = await person(['leader'], undefined, `leader-${dialect}@example.test`, '张领导');
    const a1 = await person(['liaison'], unitA.id, `a1-${dialect}@example.test`, '甲一');
    const a2 = await person(['liaison'], unitA.id, `a2-${dialect}@example.test`, 'A2', 'en');
    const c1 = await person(['liaison'], unitC.id, `c1-${dialect}@example.test`, '丙一', 'zh-Hant');
    const b1 = await person(['liaison'], unitB.id, `b1-${dialect}@example.test`, '乙一');
    await createWebhook(env.ctx, admin, { name: `all-${dialect}`, url: hooks.url('/all'), format: 'generic', secret: 's' });
    const programme = await createProgramme(env.ctx, admin, { title: '重点任务', supervisorIds: [s1.id, s2.id] });
    const task = await createTask(env.ctx, admin, {
      programmeId: programme.id, title: '加快建设国际消费中心城市', leadUnitId: unitA.id, coUnits: [{ unitId: unitC.id, part: '招商' }], dueDate: '2024-06-30', cadence: { kind: 'monthly' },
    });

    const [S1, S2, L, A1, A2, C1, B1] = [s1, s2, leader, a1, a2, c1, b1].map(actorOf) as [Actor, Actor, Actor, Actor, Actor, Actor, Actor];
    const units = [a1.id, a2.id, c1.id];
    const sups = [s1.id, s2.id];
    const emailOf = new Map([s1, s2, leader, a1, a2, c1, b1].map((u) => [u.id, u.email ?? '']));
    const version = async () => (await getTaskDetail(env.ctx, S1, task.id)).task.version;
    const move = async (actor: Actor, input: Omit<TransitionTaskInput, 'version'>) => {
      await transitionTask(env.ctx, actor, task.id, { ...input, version: await version() });
    };
    let reportId = '';
    let finalId = '';

    // The table: what happens, and which notices go to whom. After each step the outbox is delivered, as the
    // scheduler would, except where a step is marked to leave it queued.
    const steps: Array<[string, () => Promise<unknown>, Array<[string, string[]]>, { queue?: boolean }?]> = [
      ['assign', () => move(S1, { action: 'assign' }), [['task_assigned', units]]],
      ['sign', () => move(A1, { action: 'sign' }), []],
      ['requestExtension', () => move(A1, { action: 'requestExtension', newDueDate: '2024-08-31', reason: '汛期影响施工' }), [['extension_requested', sups]]],
      ['approveExtension', () => move(S2, { action: 'approveExtension', reason: '汛期影响属实' }), [['extension_approved', units]]],
      ['requestExtension again', () => move(A2, { action: 'requestExtension', newDueDate: '2024-12-31', reason: '再延一次' }), [['extension_requested', sups]]],
      ['refuseExtension (a leader decides)', () => move(L, { action: 'refuseExtension', reason: '已延期一次' }), [['extension_refused', units]]],
      ['suspend', () => move(S1, { action: 'suspend', reason: '等待上级批复', reviewDate: '2024-03-20' }), [['task_suspended', units]]],
      ['resume', () => move(S1, { action: 'resume' }), [['task_resumed', units]]],
      ['submit a report', async () => {
        reportId = (await createReport(env.ctx, A1, task.id, { periodKey: '2024-03', progress: 30, text: '完成调研摸底。' })).report.id;
        await submitReport(env.ctx, A1, reportId, {});
      }, [['report_submitted', sups]]],
      ['return it', () => returnReport(env.ctx, S2, reportId, { reason: '请补充企业名单' }), [['report_returned', [a1.id, a2.id]]]],
      ['resubmit', () => submitReport(env.ctx, A1, reportId, {}), [['report_submitted', sups]]],
      ['accept it', () => acceptReport(env.ctx, S2, reportId, {}), [['report_accepted', [a1.id, a2.id]]]],
      ['the co-unit reports its part, accepted', async () => {
        const id = (await createReport(env.ctx, C1, task.id, { periodKey: '2024-03', progress: 50, text: '完成招商对接。' })).report.id;
        await submitReport(env.ctx, C1, id, {});
        await acceptReport(env.ctx, S1, id, {});
      }, [['report_submitted', sups], ['report_accepted', [c1.id]]]],
      ['a final report, with evidence', async () => {
        clock.set('2024-04-02T02:00:00Z');
        finalId = (await createReport(env.ctx, A1, task.id, { periodKey: '2024-04', progress: 80, text: '主体工作完成。', final: true, summary: '全年目标基本完成。' })).report.id;
        await addEvidence(env.ctx, A1, finalId, [{ filename: '总结.png', bytes: PNG }]);
        await submitReport(env.ctx, A1, finalId, {});
      }, [['report_submitted', sups]]],
      ['requestCompletion', () => move(A1, { action: 'requestCompletion' }), [['completion_requested', sups]]],
      ['returnCompletion', () => move(S1, { action: 'returnCompletion', reason: '请补充验收材料' }), [['completion_returned', units]]],
      ['requestCompletion again', () => move(A1, { action: 'requestCompletion' }), [['completion_requested', sups]]],
      ['accept the final report', () => acceptReport(env.ctx, S2, finalId, {}), [['report_accepted', [a1.id, a2.id]]]],
      ['close at 80 % with a reason', () => move(S1, { action: 'close', reason: '剩余工作并入明年任务' }), [['task_closed', units]]],
      // Left queued: the reassignment next withdraws the e-mails to the units that lose the task.
      ['reopen (a leader decides)', () => move(L, { action: 'reopen', reason: '验收发现问题' }), [['task_reopened', units]], { queue: true }],
      ['reassign to another unit', () => move(S1, { action: 'reassign', leadUnitId: unitB.id, coUnits: [], reason: '职责调整' }), [['task_reassigned', [b1.id]], ['task_reassigned_away', units]]],
      ['requestReassign', () => move(B1, { action: 'requestReassign', reason: '不属本单位职责' }), [['reassign_requested', sups]]],
      ['reassign back to the same unit, keeping it', () => move(S1, { action: 'reassign', leadUnitId: unitB.id, coUnits: [], reason: '维持原交办', dueDate: '2024-12-31' }), [['task_reassigned', [b1.id]]]],
      ['sign', () => move(B1, { action: 'sign' }), []],
      ['start', () => move(B1, { action: 'start' }), []],
    ];

    const seen = new Set<string>();
    smtp.messages.length = 0;
    const hooksBefore = hooks.at('/all').length;
    for (const [name, run, expected, options] of steps) {
      await run();
      const raised = await raisedSince(seen);
      const got = raised.map((r) => [r.kind, r.recipients]);
      expect({ step: name, notices: got }).toEqual({ step: name, notices: expected.map(([kind, who]) => [kind, [...who].sort()]) });
      for (const r of raised) {
        // Every recipient has an address, so each gets the e-mail; the programme's webhook gets one message.
        expect({ step: name, kind: r.kind, emails: r.emails }).toEqual({ step: name, kind: r.kind, emails: r.recipients.map((id) => emailOf.get(id)).sort() });
        expect({ step: name, kind: r.kind, webhooks: r.webhooks }).toEqual({ step: name, kind: r.kind, webhooks: 1 });
        expect(r.taskId).toBe(task.id);
      }
      if (!options?.queue) await deliverOutbox(env.ctx, clock.now());
    }

    // Delivery: each e-mail once, in the reader's language, naming who decided and why.
    await deliverOutbox(env.ctx, clock.now());
    const outbox = await env.ctx.db.selectFrom('outbox').innerJoin('notices', 'notices.id', 'outbox.notice_id').select(['outbox.status', 'outbox.last_error', 'outbox.channel', 'outbox.target', 'notices.kind']).where('notices.task_id', '=', task.id).execute();
    // The units that lost the task had their queued e-mails about it (the reopening) withdrawn when it went away.
    const withdrawn = outbox.filter((o) => o.status === 'dead');
    expect(withdrawn.map((o) => [o.kind, o.target]).sort()).toEqual(units.map((id) => ['task_reopened', emailOf.get(id)]).sort());
    expect(withdrawn.every((o) => o.channel === 'email' && o.last_error?.startsWith('withdrawn'))).toBe(true);
    expect(outbox.filter((o) => o.status !== 'dead').every((o) => o.status === 'sent')).toBe(true);
    expect(new Set(smtp.messages.map((m) => m.messageId)).size).toBe(smtp.messages.length);
    expect(smtp.messages).toHaveLength(outbox.filter((o) => o.channel === 'email' && o.status === 'sent').length);
    expect(hooks.at('/all').length - hooksBefore).toBe(outbox.filter((o) => o.channel === 'webhook').length);

    const approved = (address: string) => smtp.to(address).filter((m) => m.headers.get('x-luoshi-notice')?.startsWith('extension_approved'));
    expect(approved(a2.email ?? '').map((m) => [m.subject, m.text.split('\n')[0]])).toEqual([
      ['[Extension approved] 加快建设国际消费中心城市', '李审核 approved the extension of “加快建设国际消费中心城市”: the deadline moves from 2024-06-30 to 2024-08-31. Reason: 汛期影响属实'],
    ]);
    expect(approved(c1.email ?? '').map((m) => [m.subject, m.text.split('\n')[0]])).toEqual([
      ['【延期已批准】加快建设国际消费中心城市', '李审核批准了「加快建设国际消费中心城市」的延期申請，截止日期由2024-06-30改為2024-08-31。理由：汛期影响属实'],
    ]);
    expect(approved(a1.email ?? '')).toHaveLength(1);
    expect(approved(s2.email ?? '')).toHaveLength(0);
    // The reassignment away is worded without a link to the task its readers can no longer open.
    const away = smtp.to(a2.email ?? '').find((m) => m.subject.startsWith('[Reassigned away]'));
    expect(away?.text).toContain('王督查 reassigned “加快建设国际消费中心城市” to 市经信局');
    expect(away?.text).toContain('Reason: 职责调整');
    expect(away?.text).not.toContain('https://luoshi.example.gov.cn/tasks/');
    const awayHant = smtp.to(c1.email ?? '').find((m) => m.subject.startsWith('【已改派】'));
    expect(awayHant?.text).toContain('你單位不再承辦此任務');
    const toB = smtp.to(b1.email ?? '').filter((m) => m.subject.startsWith('【改派】'));
    expect(toB).toHaveLength(2);
    expect(toB[0]?.text).toContain(`https://luoshi.example.gov.cn/tasks/${task.id}`);
    const review = smtp.to(s1.email ?? '').filter((m) => m.subject.startsWith('【待审核】'));
    expect(review.length).toBe(4);
    expect((await verifyAuditChain(env.ctx.db)).ok).toBe(true);
  });

  it('groups the notices of a batch: one per unit, listing its tasks, in-app and by e-mail', { timeout: 60_000 }, async () => {
    const admin = systemActor('test');
    const u1 = await buildUnit(env.ctx, { name: `市生态环境局-${dialect}` });
    const u2 = await buildUnit(env.ctx, { name: `市住建局-${dialect}` });
    const u3 = await buildUnit(env.ctx, { name: `市水务局-${dialect}` });
    const sup = await person(['supervisor'], undefined, `bsup-${dialect}@example.test`, '赵督查');
    const x1 = await person(['liaison'], u1.id, `x1-${dialect}@example.test`, '生态一');
    const x2 = await person(['liaison'], u1.id, `x2-${dialect}@example.test`, 'Eco Two', 'en');
    const y1 = await person(['liaison'], u2.id, `y1-${dialect}@example.test`, '住建一');
    const z1 = await person(['liaison'], u3.id, `z1-${dialect}@example.test`, '水务一');
    const programme = await createProgramme(env.ctx, admin, { title: '生态环境保护', supervisorIds: [sup.id] });
    await createWebhook(env.ctx, admin, { name: `eco-${dialect}`, url: hooks.url('/eco'), format: 'generic', programmeId: programme.id });
    const hooksForProgramme = (await env.ctx.db.selectFrom('webhooks').select('programme_id').execute()).filter((h) => h.programme_id === null || h.programme_id === programme.id).length;
    const make = (title: string, leadUnitId: string, dueDate: string, coUnitIds: string[] = []) =>
      createTask(env.ctx, admin, { programmeId: programme.id, title, leadUnitId, dueDate, coUnits: coUnitIds.map((unitId) => ({ unitId, part: null })) });
    const tasks = [
      await make('长江大保护', u1.id, '2024-12-31'),
      await make('打好蓝天保卫战', u1.id, '2024-11-30'),
      await make('土壤污染防治', u1.id, '2024-10-31'),
      await make('城市更新', u2.id, '2024-09-30', [u1.id]),
      await make('老旧小区改造', u2.id, '2024-08-31'),
      await make('防汛抗旱', u3.id, '2024-07-31'),
    ];
    const noticesBefore = new Set((await env.ctx.db.selectFrom('notices').select('id').execute()).map((n) => n.id));
    smtp.messages.length = 0;

    const S = actorOf(sup);
    const now = clock.now();
    await env.ctx.db.transaction().execute((trx) =>
      runTaskBatch(trx, env.ctx, async () => {
        for (const t of tasks) await applyTransition(trx, env.ctx, S, t.id, { action: 'assign', version: t.version }, now);
      }),
    );

    // Each task keeps its own transition and audit entry.
    const audits = await env.ctx.db.selectFrom('audit_events').select('object_id').where('action', '=', 'task.assigned').where('object_id', 'in', tasks.map((t) => t.id)).execute();
    expect(audits).toHaveLength(tasks.length);

    const seen = new Set(noticesBefore);
    const raised = await raisedSince(seen);
    const byUnit = await env.ctx.db.selectFrom('notices').select(['id', 'unit_id', 'task_id', 'params_json']).where('id', 'in', raised.length ? [...seen].filter((id) => !noticesBefore.has(id)) : ['-']).execute();
    const itemsOf = (unitId: string) => {
      const row = byUnit.find((n) => n.unit_id === unitId);
      const params = JSON.parse(row?.params_json ?? '{}') as { items?: Array<{ title: string }> };
      return { taskId: row?.task_id ?? null, titles: params.items?.map((i) => i.title) ?? [] };
    };
    expect(raised.map((r) => [r.kind, r.recipients])).toEqual(
      expect.arrayContaining([
        ['task_assigned', [x1.id, x2.id].sort()],
        ['task_assigned', [y1.id]],
        ['task_assigned', [z1.id]],
      ]),
    );
    expect(raised).toHaveLength(3);
    // The co-unit hears of its part in 城市更新 in the same message as its own three tasks.
    expect(itemsOf(u1.id)).toEqual({ taskId: null, titles: ['长江大保护', '打好蓝天保卫战', '土壤污染防治', '城市更新'] });
    expect(itemsOf(u2.id)).toEqual({ taskId: null, titles: ['城市更新', '老旧小区改造'] });
    // A unit given one task hears of it as usual, with the task's link.
    expect(itemsOf(u3.id)).toEqual({ taskId: tasks[5]!.id, titles: [] });
    // Grouped notices go through the same outbox: the programme's webhooks get each once.
    for (const r of raised) expect(r.webhooks).toBe(hooksForProgramme);

    await deliverOutbox(env.ctx, clock.now());
    expect(hooks.at('/eco').map((r) => (JSON.parse(r.body) as { title: string }).title).sort()).toEqual(['【交办】2项任务', '【交办】4项任务', '【交办】防汛抗旱']);
    const zh = smtp.to(x1.email ?? '');
    expect(zh).toHaveLength(1);
    expect(zh[0]?.subject).toBe('【交办】4项任务');
    expect(zh[0]?.text).toContain('赵督查向你单位交办了4项任务，请及时签收：\n1. 「长江大保护」，截止日期2024-12-31\n2. 「打好蓝天保卫战」，截止日期2024-11-30');
    expect(zh[0]?.text).toContain(`「城市更新」：https://luoshi.example.gov.cn/tasks/${tasks[3]!.id}`);
    const en = smtp.to(x2.email ?? '');
    expect(en).toHaveLength(1);
    expect(en[0]?.subject).toBe('[Assigned] 4 tasks');
    expect(en[0]?.text).toContain('赵督查 assigned 4 tasks to your unit; please sign for them:\n1. “长江大保护” (due 2024-12-31)');
    expect(smtp.to(y1.email ?? '')).toHaveLength(1);
    expect(smtp.to(z1.email ?? '')[0]?.subject).toBe('【交办】防汛抗旱');

    // The grouped notice is settled once the unit has signed for every task it lists, not before.
    const groupedFor = async (userId: string) =>
      env.ctx.db.selectFrom('notifications').innerJoin('notices', 'notices.id', 'notifications.notice_id')
        .select(['notifications.read_at']).where('notifications.user_id', '=', userId).where('notices.task_id', 'is', null).where('notices.kind', '=', 'task_assigned')
        .executeTakeFirstOrThrow();
    const Y = actorOf(y1);
    const current = async (id: string) => (await env.ctx.db.selectFrom('tasks').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
    await transitionTask(env.ctx, Y, tasks[3]!.id, { action: 'sign', version: await current(tasks[3]!.id) });
    expect((await groupedFor(y1.id)).read_at).toBeNull();
    await transitionTask(env.ctx, Y, tasks[4]!.id, { action: 'sign', version: await current(tasks[4]!.id) });
    expect((await groupedFor(y1.id)).read_at).not.toBeNull();
    expect((await verifyAuditChain(env.ctx.db)).ok).toBe(true);
  });
});
