import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notify } from '../../src/server/modules/notices/index.ts';
import { answer, createTestApp, json, TestClock, type TestApp } from '../support/harness.ts';
import { actorOf, buildTask, buildUnit, buildUser, signIn, signedInUser, type SignedIn } from '../support/factories.ts';
import { WebhookSink } from '../support/webhook-sink.ts';


describe('notices API', () => {
  let t: TestApp;
  let sink: WebhookSink;
  const clock = new TestClock(new Date());
  beforeAll(async () => {
    sink = await WebhookSink.start();
    t = await createTestApp('sqlite', { clock });
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });

  const get = (url: string, who: SignedIn) => t.app.inject({ method: 'GET', url, headers: who.headers });
  const post = (url: string, who: SignedIn, payload?: unknown) => t.app.inject({ method: 'POST', url, headers: who.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const auditOf = (objectId: string) => t.ctx.db.selectFrom('audit_events').selectAll().where('object_id', '=', objectId).orderBy('seq').execute();

  describe('in-app notifications', () => {
    it('lists only your own, newest first, in your language or the one asked for; counts, marks read, marks all read', async () => {
      const unit = await buildUnit(t.ctx);
      const me = await signIn(t.app, await buildUser(t.ctx, { roles: ['liaison'], unitId: unit.id }));
      const colleague = await signIn(t.app, await buildUser(t.ctx, { roles: ['liaison'], unitId: unit.id }));
      const stranger = await signedInUser(t.app, t.ctx, ['liaison']);
      const leader = await buildUser(t.ctx, { roles: ['leader'] });
      const task = await buildTask(t.ctx, { state: 'in_progress', leadUnitId: unit.id, title: '城市更新' });
      for (const text of ['第一条批示', '第二条批示', '第三条批示']) {
        await t.ctx.db.transaction().execute((trx) => notify(trx, t.ctx, { actor: actorOf(leader), kind: 'instruction', taskId: task.id, to: [{ kind: 'task_units' }], params: { text } }));
        clock.advance(1000);
      }

      const list = await get('/api/v1/notifications', me);
      expect(list.statusCode).toBe(200);
      const items = answer('GET /api/v1/notifications', list).items;
      expect(items.map((i) => i.body)).toEqual([
        `${leader.displayName}对「城市更新」作出批示：第三条批示`,
        `${leader.displayName}对「城市更新」作出批示：第二条批示`,
        `${leader.displayName}对「城市更新」作出批示：第一条批示`,
      ]);
      expect(items[0]).toMatchObject({ kind: 'instruction', title: '【批示】城市更新', taskId: task.id, taskTitle: '城市更新', readAt: null });
      expect(answer('GET /api/v1/notifications', await get('/api/v1/notifications', stranger)).items).toEqual([]);

      const english = answer('GET /api/v1/notifications', await get('/api/v1/notifications?locale=en&limit=1', me)).items;
      expect(english).toHaveLength(1);
      expect(english[0]!.body).toBe(`${leader.displayName} gave an instruction on “城市更新”: 第三条批示`);
      const page2 = answer('GET /api/v1/notifications', await get(`/api/v1/notifications?before=${items[0]!.id}&limit=1`, me)).items;
      expect(page2.map((i) => i.id)).toEqual([items[1]!.id]);
      const bad = await get('/api/v1/notifications?locale=fr', me);
      expect(bad.statusCode).toBe(400);
      expect(json(bad)).toMatchObject({ error: { code: 'invalid_request', field: 'querystring.locale' } });

      expect(json(await get('/api/v1/notifications/unread-count', me))).toEqual({ count: 3 });
      // Someone else's notification does not exist for you.
      const colleagues = answer('GET /api/v1/notifications', await get('/api/v1/notifications', colleague)).items;
      const notMine = await post(`/api/v1/notifications/${colleagues[0]!.id}/read`, me);
      expect(notMine.statusCode).toBe(404);
      expect(json(notMine)).toMatchObject({ error: { code: 'notification_not_found' } });
      expect(json(await get('/api/v1/notifications/unread-count', colleague))).toEqual({ count: 3 });

      const read = await post(`/api/v1/notifications/${items[1]!.id}/read`, me);
      expect(read.statusCode).toBe(200);
      expect(answer('POST /api/v1/notifications/:id/read', read).readAt).toBe(clock.now().toISOString());
      expect((await auditOf(items[1]!.id)).map((a) => [a.action, a.actor_id])).toEqual([['notification.read', me.user.id]]);
      // Reading it again changes nothing and writes nothing.
      clock.advance(1000);
      expect(answer('POST /api/v1/notifications/:id/read', await post(`/api/v1/notifications/${items[1]!.id}/read`, me)).readAt).toBe(answer('POST /api/v1/notifications/:id/read', read).readAt);
      expect(await auditOf(items[1]!.id)).toHaveLength(1);
      expect(json(await get('/api/v1/notifications/unread-count', me))).toEqual({ count: 2 });
      expect(answer('GET /api/v1/notifications', await get('/api/v1/notifications?unread=true', me)).items.map((i) => i.id)).toEqual([items[0]!.id, items[2]!.id]);

      expect(json(await post('/api/v1/notifications/read-all', me))).toEqual({ count: 2 });
      expect(json(await get('/api/v1/notifications/unread-count', me))).toEqual({ count: 0 });
      expect((await auditOf(me.user.id)).filter((a) => a.action === 'notification.read_all').map((a) => JSON.parse(a.after_json!))).toEqual([{ count: 2, readAt: clock.now().toISOString() }]);
      expect(json(await post('/api/v1/notifications/read-all', me))).toEqual({ count: 0 });
      expect(json(await get('/api/v1/notifications/unread-count', colleague))).toEqual({ count: 3 });
    });
  });

  describe('manual reminders (催办)', () => {
    async function setting() {
      const supervisor = await signedInUser(t.app, t.ctx, ['supervisor']);
      const lead = await buildUnit(t.ctx);
      const co = await buildUnit(t.ctx);
      const leadLiaison = await buildUser(t.ctx, { roles: ['liaison'], unitId: lead.id });
      const coLiaison = await buildUser(t.ctx, { roles: ['liaison'], unitId: co.id });
      const task = await buildTask(t.ctx, { state: 'in_progress', leadUnitId: lead.id, coUnitIds: [co.id], supervisorIds: [supervisor.user.id], title: '稳就业' });
      return { supervisor, leadLiaison, coLiaison, task };
    }

    it('refuses a liaison (403), a leader (403), a supervisor of another programme (404), an unknown task (404)', async () => {
      const { task, leadLiaison } = await setting();
      const liaison = await signIn(t.app, leadLiaison);
      expect((await post(`/api/v1/tasks/${task.id}/reminders`, liaison, {})).statusCode).toBe(403);
      const leader = await signedInUser(t.app, t.ctx, ['leader']);
      expect((await post(`/api/v1/tasks/${task.id}/reminders`, leader, {})).statusCode).toBe(403);
      const outsider = await signedInUser(t.app, t.ctx, ['supervisor']);
      const hidden = await post(`/api/v1/tasks/${task.id}/reminders`, outsider, {});
      expect(hidden.statusCode).toBe(404);
      expect(json(hidden)).toMatchObject({ error: { code: 'task_not_found' } });
      expect((await post('/api/v1/tasks/00000000-0000-7000-8000-000000000000/reminders', outsider, {})).statusCode).toBe(404);
      expect(await t.ctx.db.selectFrom('notices').select('id').where('task_id', '=', task.id).execute()).toEqual([]);
    });

    it('validates the message and refuses a task that is not open', async () => {
      const { supervisor, task } = await setting();
      const long = await post(`/api/v1/tasks/${task.id}/reminders`, supervisor, { message: '催'.repeat(501) });
      expect(long.statusCode).toBe(400);
      expect(json(long)).toMatchObject({ error: { field: 'body.message' } });
      const extra = await post(`/api/v1/tasks/${task.id}/reminders`, supervisor, { message: 'x', urgent: true });
      expect(extra.statusCode).toBe(400);
      const draft = await buildTask(t.ctx, { state: 'draft', programmeId: task.programmeId });
      const refused = await post(`/api/v1/tasks/${draft.id}/reminders`, supervisor, {});
      expect(refused.statusCode).toBe(409);
      expect(json(refused)).toMatchObject({ error: { code: 'task_not_open' } });
    });

    it('reminds the lead and co-unit liaisons, audited; a second one within 10 minutes is refused with 409', async () => {
      const { supervisor, leadLiaison, coLiaison, task } = await setting();
      const res = await post(`/api/v1/tasks/${task.id}/reminders`, supervisor, { message: '请本周内报送进展' });
      expect(res.statusCode).toBe(201);
      const body = answer('POST /api/v1/tasks/:id/reminders', res);
      expect(body).toMatchObject({ taskId: task.id, recipients: 2 });
      const recipients = await t.ctx.db.selectFrom('notifications').select('user_id').where('notice_id', '=', body.noticeId).execute();
      expect(recipients.map((r) => r.user_id).sort()).toEqual([leadLiaison.id, coLiaison.id].sort());
      const audit = await auditOf(body.noticeId);
      expect(audit.map((a) => [a.action, a.actor_id, a.actor_name])).toEqual([['notice.created', supervisor.user.id, supervisor.user.username]]);
      expect(JSON.parse(audit[0]!.after_json!)).toMatchObject({ kind: 'manual', taskId: task.id });

      const liaison = await signIn(t.app, leadLiaison);
      const [mine] = answer('GET /api/v1/notifications', await get('/api/v1/notifications', liaison)).items;
      expect(mine).toMatchObject({ kind: 'manual', title: '【催办】稳就业', body: `督查员${supervisor.user.displayName}催办「稳就业」：请本周内报送进展` });

      clock.advance(9 * 60_000);
      const tooSoon = await post(`/api/v1/tasks/${task.id}/reminders`, supervisor, {});
      expect(tooSoon.statusCode).toBe(409);
      expect(json(tooSoon)).toMatchObject({ error: { code: 'reminder_too_soon', details: { retryAfterSeconds: 60 } } });
      clock.advance(61_000);
      expect((await post(`/api/v1/tasks/${task.id}/reminders`, supervisor, {})).statusCode).toBe(201);
      expect(await t.ctx.db.selectFrom('notices').select('id').where('task_id', '=', task.id).execute()).toHaveLength(2);
    });
  });

  describe('webhooks', () => {
    let admin: SignedIn;
    beforeAll(async () => {
      admin = await signedInUser(t.app, t.ctx, ['admin']);
    });

    it('is for administrators only', async () => {
      for (const role of ['supervisor', 'leader', 'liaison', 'viewer'] as const) {
        const s = await signedInUser(t.app, t.ctx, [role]);
        expect((await get('/api/v1/webhooks', s)).statusCode).toBe(403);
        expect((await post('/api/v1/webhooks', s, { name: 'x', url: 'https://example.test/h', format: 'generic' })).statusCode).toBe(403);
        expect((await get('/api/v1/outbox?status=pending', s)).statusCode).toBe(403);
      }
    });

    it('refuses a URL that is not http(s), a malformed one, and an unknown format or programme', async () => {
      for (const url of ['ftp://example.test/hook', 'javascript:alert(1)', 'not a url', 'https://user:pw@example.test/h']) {
        const res = await post('/api/v1/webhooks', admin, { name: 'bad', url, format: 'generic' });
        expect({ url, status: res.statusCode, code: json<{ error: { code: string } }>(res).error.code }).toEqual({ url, status: 400, code: 'invalid_url' });
      }
      expect((await post('/api/v1/webhooks', admin, { name: 'bad', url: 'https://example.test/h', format: 'slack' })).statusCode).toBe(400);
      const programme = await post('/api/v1/webhooks', admin, { name: 'bad', url: 'https://example.test/h', format: 'generic', programmeId: 'nope' });
      expect(json(programme)).toMatchObject({ error: { code: 'programme_not_found' } });
    });

    it('creates, lists, changes and deletes a webhook, never showing its secret, each change audited', async () => {
      const created = await post('/api/v1/webhooks', admin, { name: '督查群', url: 'https://oapi.dingtalk.com/robot/send?access_token=tok123', format: 'dingtalk', secret: 'SECabc' });
      expect(created.statusCode).toBe(201);
      const hook = answer('POST /api/v1/webhooks', created);
      expect(hook).toMatchObject({ name: '督查群', format: 'dingtalk', hasSecret: true, active: true, programmeId: null, version: 1 });
      expect(created.body).not.toContain('SECabc');
      expect(answer('GET /api/v1/webhooks', await get('/api/v1/webhooks', admin)).items.map((w) => w.id)).toContain(hook.id);
      expect((await get(`/api/v1/webhooks/${hook.id}`, admin)).body).not.toContain('SECabc');

      const changed = await t.app.inject({ method: 'PATCH', url: `/api/v1/webhooks/${hook.id}`, headers: admin.headers, payload: { version: 1, secret: null, active: false } });
      expect(changed.statusCode).toBe(200);
      expect(json(changed)).toMatchObject({ hasSecret: false, active: false, version: 2 });
      const stale = await t.app.inject({ method: 'PATCH', url: `/api/v1/webhooks/${hook.id}`, headers: admin.headers, payload: { version: 1, name: 'x' } });
      expect(stale.statusCode).toBe(409);
      expect(json(stale)).toMatchObject({ error: { code: 'version_conflict' } });

      const deleted = await t.app.inject({ method: 'DELETE', url: `/api/v1/webhooks/${hook.id}`, headers: admin.headers });
      expect(deleted.statusCode).toBe(204);
      expect((await get(`/api/v1/webhooks/${hook.id}`, admin)).statusCode).toBe(404);

      const audit = await auditOf(hook.id);
      expect(audit.map((a) => [a.action, a.actor_id])).toEqual([['webhook.created', admin.user.id], ['webhook.updated', admin.user.id], ['webhook.deleted', admin.user.id]]);
      // Audit readers are not webhook administrators: neither the secret nor the robot's token reaches the log.
      for (const a of audit) expect(`${a.before_json}${a.after_json}${a.context_json}`).not.toMatch(/SECabc|tok123/);
      expect(JSON.parse(audit[0]!.after_json!)).toMatchObject({ urlOrigin: 'https://oapi.dingtalk.com', hasSecret: true });
      expect(JSON.parse(audit[1]!.context_json!)).toEqual({ secretChanged: true });
    });

    it('sends a test message and reports the receiver’s status', async () => {
      const ok = answer('POST /api/v1/webhooks', await post('/api/v1/webhooks', admin, { name: 'test-ok', url: sink.url('/test-ok'), format: 'feishu', secret: 'fs' }));
      const res = await post(`/api/v1/webhooks/${ok.id}/test`, admin);
      expect(res.statusCode).toBe(200);
      expect(json(res)).toEqual({ ok: true, status: 200, error: null });
      const [received] = sink.at('/test-ok');
      expect(JSON.parse(received!.body)).toMatchObject({ msg_type: 'text', content: { text: expect.stringContaining('【测试】落实通知') }, sign: expect.any(String) });

      sink.answers.set('/test-down', { status: 503, body: 'maintenance' });
      const down = answer('POST /api/v1/webhooks', await post('/api/v1/webhooks', admin, { name: 'test-down', url: sink.url('/test-down'), format: 'generic' }));
      expect(json(await post(`/api/v1/webhooks/${down.id}/test`, admin))).toEqual({ ok: false, status: 503, error: 'HTTP 503: maintenance' });
      expect((await auditOf(down.id)).map((a) => a.action)).toEqual(['webhook.created', 'webhook.tested']);
      expect((await post('/api/v1/webhooks/00000000-0000-7000-8000-000000000000/test', admin)).statusCode).toBe(404);
    });

    it('answers 404 for an unknown outbox row and 409 for one that is not dead', async () => {
      expect((await post('/api/v1/outbox/00000000-0000-7000-8000-000000000000/retry', admin)).statusCode).toBe(404);
      await post('/api/v1/webhooks', admin, { name: 'queue', url: sink.url('/queue'), format: 'generic' });
      const supervisor = await signedInUser(t.app, t.ctx, ['supervisor']);
      const unit = await buildUnit(t.ctx);
      const task = await buildTask(t.ctx, { state: 'in_progress', leadUnitId: unit.id, supervisorIds: [supervisor.user.id] });
      await post(`/api/v1/tasks/${task.id}/reminders`, supervisor, {});
      const pending = answer('GET /api/v1/outbox', await get('/api/v1/outbox?status=pending', admin)).items;
      expect(pending.length).toBeGreaterThan(0);
      expect(pending.every((p) => p.status === 'pending' && p.channel === 'webhook')).toBe(true);
      const res = await post(`/api/v1/outbox/${pending[0]!.id}/retry`, admin);
      expect(res.statusCode).toBe(409);
      expect(json(res)).toMatchObject({ error: { code: 'outbox_not_dead' } });
      expect((await get('/api/v1/outbox?status=lost', admin)).statusCode).toBe(400);
    });
  });
});
