import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/server/platform/auth/actor.ts';
import { deliverOutbox, dingtalkSign, feishuSign, sweepNotices, verifyGenericSignature } from '../../src/server/modules/notices/index.ts';
import { createWebhook, deleteWebhook } from '../../src/server/modules/notices/webhooks.service.ts';
import { DIALECTS } from '../support/databases.ts';
import { answer, createTestApp, createTestEnv, json, TestClock, type TestApp, type TestEnv } from '../support/harness.ts';
import { buildTask, buildUnit, buildUser, signedInUser } from '../support/factories.ts';
import { SmtpSink } from '../support/smtp.ts';
import { WebhookSink } from '../support/webhook-sink.ts';

const admin = systemActor('test');
const MINUTE = 60_000;
const HOUR = 3_600_000;
// The middle of the jitter band: delays are exactly the schedule's 30 s, 2 min, 10 min, 1 h, 6 h …
const noJitter = () => 0.5;

describe.each(DIALECTS)('e-mail delivery on %s', (dialect) => {
  let env: TestEnv;
  let smtp: SmtpSink;
  const clock = new TestClock(new Date('2024-06-07T01:00:00Z'));
  beforeAll(async () => {
    smtp = await SmtpSink.start();
    env = await createTestEnv(dialect, { clock, config: { smtp: smtp.config(), publicUrl: 'https://luoshi.example.gov.cn' } });
  });
  afterAll(async () => {
    await env.close();
    await smtp.stop();
  });

  const outboxOf = async (taskId: string) =>
    env.ctx.db
      .selectFrom('outbox')
      .innerJoin('notices', 'notices.id', 'outbox.notice_id')
      .select(['outbox.id', 'outbox.channel', 'outbox.target', 'outbox.status', 'outbox.attempts', 'outbox.last_error', 'outbox.next_attempt_at'])
      .where('notices.task_id', '=', taskId)
      .execute();

  it('mails the reminder to each liaison with an address, with the subject and the link; nothing lost while the server is down', async () => {
    const unit = await buildUnit(env.ctx);
    const withMail = await buildUser(env.ctx, { roles: ['liaison'], unitId: unit.id, email: 'zhang.san@example.test' });
    await buildUser(env.ctx, { roles: ['liaison'], unitId: unit.id }); // no address: in-app only
    const task = await buildTask(env.ctx, { state: 'signed', leadUnitId: unit.id, dueDate: '2024-06-14', title: '推进“高效办成一件事”' });

    await sweepNotices(env.ctx, clock.now());
    expect((await outboxOf(task.id)).map((r) => [r.channel, r.target, r.status])).toEqual([['email', 'zhang.san@example.test', 'pending']]);
    expect(await deliverOutbox(env.ctx, clock.now())).toMatchObject({ sent: 1, retrying: 0, dead: 0 });
    const [mail, ...others] = smtp.to(withMail.email!);
    expect(others).toEqual([]);
    expect(mail!.subject).toBe('【催办】推进“高效办成一件事”');
    expect(mail!.text).toContain('「推进“高效办成一件事”」将于2024-06-14到期，还有7天。');
    expect(mail!.text).toContain(`查看任务：https://luoshi.example.gov.cn/tasks/${task.id}`);
    expect(mail!.envelopeFrom).toBe('luoshi@example.test');
    const [row] = await outboxOf(task.id);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
    expect(mail!.messageId).toBe(`<${row!.id}@luoshi.example.gov.cn>`);

    // The mail server goes down; a new notice is recorded and its delivery waits.
    await smtp.stop();
    const second = await buildTask(env.ctx, { state: 'signed', leadUnitId: unit.id, dueDate: '2024-06-10', title: '第二项任务' });
    await sweepNotices(env.ctx, clock.now());
    expect(await deliverOutbox(env.ctx, clock.now(), { random: noJitter })).toMatchObject({ sent: 0, retrying: 1 });
    const [waiting] = await outboxOf(second.id);
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });
    expect(waiting!.last_error).toMatch(/^SMTP: .*(ECONNREFUSED|connect)/i);
    expect(waiting!.next_attempt_at).toBe(new Date(clock.now().getTime() + 30_000).toISOString());

    await smtp.restart();
    // Before the backoff has passed nothing is retried, even with the server back.
    expect(await deliverOutbox(env.ctx, clock.now())).toMatchObject({ sent: 0, retrying: 0 });
    clock.advance(MINUTE);
    expect(await deliverOutbox(env.ctx, clock.now())).toMatchObject({ sent: 1 });
    expect(await deliverOutbox(env.ctx, clock.now())).toMatchObject({ sent: 0 });
    expect(smtp.to(withMail.email!).map((m) => m.subject)).toEqual(['【催办】推进“高效办成一件事”', '【催办】第二项任务']);
    expect(await outboxOf(second.id)).toMatchObject([{ status: 'sent', attempts: 2, last_error: null }]);
  });

  it('writes in the recipient’s language', async () => {
    const unit = await buildUnit(env.ctx);
    const user = await buildUser(env.ctx, { roles: ['liaison'], unitId: unit.id, email: 'hk@example.test' });
    await env.ctx.db.updateTable('users').set({ locale: 'zh-Hant' }).where('id', '=', user.id).execute();
    await buildTask(env.ctx, { state: 'signed', leadUnitId: unit.id, dueDate: '2024-06-08', title: '数字政府' });
    await sweepNotices(env.ctx, clock.now());
    await deliverOutbox(env.ctx, clock.now());
    const [mail] = smtp.to('hk@example.test');
    expect(mail!.subject).toBe('【催辦】数字政府');
    expect(mail!.text).toContain('查看任務：');
  });
});

describe.each(DIALECTS)('webhook delivery on %s', (dialect) => {
  let t: TestApp;
  let sink: WebhookSink;
  const clock = new TestClock(new Date());
  const SECRET = 'shh-這是密鑰';
  beforeAll(async () => {
    sink = await WebhookSink.start();
    t = await createTestApp(dialect, { clock, config: { publicUrl: 'https://luoshi.example.gov.cn' } });
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });

  async function dueTask(title: string) {
    const unit = await buildUnit(t.ctx);
    const due = new Date(clock.now().getTime() + 5 * 86_400_000 + 12 * HOUR).toISOString().slice(0, 10);
    return buildTask(t.ctx, { state: 'in_progress', leadUnitId: unit.id, dueDate: due, title });
  }

  it('posts each format, signed as its receiver expects, to the webhooks of the programme and the global ones', async () => {
    const task = await dueTask('[点此](http://evil.example) <@all> 建设');
    const other = await buildTask(t.ctx, { state: 'draft' });
    await createWebhook(t.ctx, admin, { name: 'generic', url: sink.url('/generic'), format: 'generic', secret: SECRET, programmeId: task.programmeId });
    await createWebhook(t.ctx, admin, { name: 'ding', url: `${sink.url('/ding')}?access_token=abc`, format: 'dingtalk', secret: SECRET });
    await createWebhook(t.ctx, admin, { name: 'wecom', url: `${sink.url('/wecom')}?key=k1`, format: 'wecom' });
    await createWebhook(t.ctx, admin, { name: 'feishu', url: sink.url('/feishu'), format: 'feishu', secret: SECRET });
    await createWebhook(t.ctx, admin, { name: 'elsewhere', url: sink.url('/elsewhere'), format: 'generic', programmeId: other.programmeId });

    await sweepNotices(t.ctx, clock.now());
    expect(await deliverOutbox(t.ctx, clock.now())).toMatchObject({ sent: 4, retrying: 0, dead: 0 });
    expect(sink.at('/elsewhere')).toEqual([]);
    const now = clock.now();

    const [generic] = sink.at('/generic');
    expect(verifyGenericSignature(String(generic!.headers['x-luoshi-signature']), generic!.body, SECRET, now)).toBe(true);
    expect(verifyGenericSignature(String(generic!.headers['x-luoshi-signature']), generic!.body, 'wrong', now)).toBe(false);
    const g = JSON.parse(generic!.body) as Record<string, unknown>;
    expect(g).toMatchObject({ type: 'luoshi.notice', rule: 'due_soon_7d', kind: 'remind', taskId: task.id, link: `https://luoshi.example.gov.cn/tasks/${task.id}` });
    expect(generic!.headers['x-luoshi-delivery']).toBe(g.id);

    const [ding] = sink.at('/ding');
    expect(ding!.query.get('access_token')).toBe('abc');
    const ts = Number(ding!.query.get('timestamp'));
    expect(ding!.query.get('sign')).toBe(dingtalkSign(SECRET, ts));
    const d = JSON.parse(ding!.body) as { msgtype: string; markdown: { title: string; text: string } };
    expect(d.msgtype).toBe('markdown');
    expect(d.markdown.text).toMatch(/^### 【催办】［点此］\(http:\/\/evil\.example\) ＜@all＞ 建设/);
    expect(d.markdown.text).toContain(`[查看任务](https://luoshi.example.gov.cn/tasks/${task.id})`);

    const [wecom] = sink.at('/wecom');
    expect(wecom!.query.get('key')).toBe('k1');
    const w = JSON.parse(wecom!.body) as { msgtype: string; markdown: { content: string } };
    expect(w.msgtype).toBe('markdown');
    expect(w.markdown.content).toContain('<font color="comment">【催办】［点此］');
    expect(w.markdown.content).not.toContain('<@all>');

    const [feishu] = sink.at('/feishu');
    const f = JSON.parse(feishu!.body) as { msg_type: string; content: { text: string }; timestamp: string; sign: string };
    expect(f.msg_type).toBe('text');
    expect(f.sign).toBe(feishuSign(SECRET, Number(f.timestamp)));
    expect(f.content.text).toContain(`https://luoshi.example.gov.cn/tasks/${task.id}`);

    // Sent means sent: the next round sends nothing again.
    expect(await deliverOutbox(t.ctx, clock.now())).toMatchObject({ sent: 0 });
    expect(sink.requests.filter((r) => r.body.includes(task.id) || r.body.includes('建设'))).toHaveLength(4);
  });

  it('retries a failing receiver with backoff, gives up after 8 attempts, shows the dead row to admins and requeues it', async () => {
    // Only this test's webhook is active from here on.
    await t.ctx.db.updateTable('webhooks').set({ active: 0 }).execute();
    sink.answers.set('/fail', { status: 500, body: 'boom' });
    const hook = await createWebhook(t.ctx, admin, { name: 'flaky', url: sink.url('/fail'), format: 'generic' });
    const task = await dueTask('失败重试');
    await sweepNotices(t.ctx, clock.now());

    const expectedDelays = [30_000, 120_000, 600_000, HOUR, 6 * HOUR, 6 * HOUR, 6 * HOUR];
    for (let attempt = 1; attempt <= 8; attempt++) {
      const result = await deliverOutbox(t.ctx, clock.now(), { random: noJitter });
      expect({ attempt, ...result }).toMatchObject(attempt < 8 ? { attempt, retrying: 1, dead: 0 } : { attempt, retrying: 0, dead: 1 });
      expect(sink.at('/fail')).toHaveLength(attempt);
      const row = await t.ctx.db.selectFrom('outbox').selectAll().where('target', '=', hook.id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ attempts: attempt, last_error: 'HTTP 500: boom', status: attempt < 8 ? 'pending' : 'dead' });
      if (attempt < 8) {
        const delay = expectedDelays[attempt - 1]!;
        expect(new Date(row.next_attempt_at).getTime() - clock.now().getTime()).toBe(delay);
        // Not a moment early.
        clock.advance(delay - 1000);
        expect(await deliverOutbox(t.ctx, clock.now())).toMatchObject({ retrying: 0, sent: 0 });
        clock.advance(1000);
      }
    }

    const adminUser = await signedInUser(t.app, t.ctx, ['admin']);
    const supervisor = await signedInUser(t.app, t.ctx, ['supervisor']);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/outbox?status=dead', headers: supervisor.headers })).statusCode).toBe(403);
    const dead = answer(
      'GET /api/v1/outbox',
      await t.app.inject({ method: 'GET', url: '/api/v1/outbox?status=dead', headers: adminUser.headers }),
    );
    const row = dead.items.find((i) => i.target === hook.id)!;
    expect(row).toMatchObject({ webhookName: 'flaky', attempts: 8, lastError: 'HTTP 500: boom', notice: { taskId: task.id } });

    sink.answers.delete('/fail');
    const retried = await t.app.inject({ method: 'POST', url: `/api/v1/outbox/${row.id}/retry`, headers: adminUser.headers });
    expect(retried.statusCode).toBe(200);
    expect(answer('POST /api/v1/outbox/:id/retry', retried)).toMatchObject({ status: 'pending', attempts: 0 });
    const again = await t.app.inject({ method: 'POST', url: `/api/v1/outbox/${row.id}/retry`, headers: adminUser.headers });
    expect(again.statusCode).toBe(409);
    expect(json(again)).toMatchObject({ error: { code: 'outbox_not_dead' } });
    const audit = await t.ctx.db.selectFrom('audit_events').selectAll().where('object_id', '=', row.id).execute();
    expect(audit.map((a) => [a.action, a.actor_id])).toEqual([['outbox.requeued', adminUser.user.id]]);

    expect(await deliverOutbox(t.ctx, clock.now())).toMatchObject({ sent: 1 });
    expect(sink.at('/fail')).toHaveLength(9);
    expect(await t.ctx.db.selectFrom('outbox').select(['status', 'attempts']).where('id', '=', row.id).executeTakeFirst()).toEqual({ status: 'sent', attempts: 1 });
  });

  it('treats a robot’s refusal inside an HTTP 200 as a failure', async () => {
    await t.ctx.db.updateTable('webhooks').set({ active: 0 }).execute();
    sink.answers.set('/ding-refuses', { status: 200, body: '{"errcode":310000,"errmsg":"sign not match"}' });
    const hook = await createWebhook(t.ctx, admin, { name: 'ding-bad', url: sink.url('/ding-refuses'), format: 'dingtalk', secret: 'x' });
    await dueTask('钉钉拒收');
    await sweepNotices(t.ctx, clock.now());
    expect((await deliverOutbox(t.ctx, clock.now(), { random: noJitter })).retrying).toBeGreaterThanOrEqual(1);
    const row = await t.ctx.db.selectFrom('outbox').selectAll().where('target', '=', hook.id).executeTakeFirstOrThrow();
    expect(row.last_error).toBe('robot refused: 310000 sign not match');
  });

  it('gives up the undelivered messages of a deleted webhook', async () => {
    await t.ctx.db.updateTable('webhooks').set({ active: 0 }).execute();
    const hook = await createWebhook(t.ctx, admin, { name: 'to-delete', url: sink.url('/gone'), format: 'generic' });
    await dueTask('删除的webhook');
    await sweepNotices(t.ctx, clock.now());
    await deleteWebhook(t.ctx, admin, hook.id);
    const row = await t.ctx.db.selectFrom('outbox').selectAll().where('target', '=', hook.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'dead', last_error: 'webhook deleted', attempts: 0 });
    expect(await deliverOutbox(t.ctx, clock.now())).toMatchObject({ sent: 0, dead: 0 });
    expect(sink.at('/gone')).toEqual([]);
  });
});
