import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer, createTestApp, json, TestClock, type TestApp, type ErrorBody } from '../support/harness.ts';
import { buildTask, buildUnit, buildUser, signIn, type SignedIn } from '../support/factories.ts';


// Two people editing the same object at once: the second save must fail with 409 and the current version, never
// silently overwrite the first.
describe('optimistic concurrency on every editable object', () => {
  let t: TestApp;
  let supervisor: SignedIn;
  let admin: SignedIn;
  let liaison: SignedIn;
  let programmeId: string;
  let taskId: string;
  let unitId: string;

  beforeAll(async () => {
    t = await createTestApp('sqlite', { clock: new TestClock(new Date('2024-05-10T02:00:00.000Z')) });
    unitId = (await buildUnit(t.ctx)).id;
    supervisor = await signIn(t.app, await buildUser(t.ctx, { roles: ['supervisor'] }));
    admin = await signIn(t.app, await buildUser(t.ctx, { roles: ['admin'] }));
    liaison = await signIn(t.app, await buildUser(t.ctx, { roles: ['liaison'], unitId }));
    programmeId = answer('POST /api/v1/programmes', await t.app.inject({ method: 'POST', url: '/api/v1/programmes', headers: supervisor.headers, payload: { title: '方案' } })).id;
    taskId = (await buildTask(t.ctx, { programmeId, state: 'signed', leadUnitId: unitId, cadence: { kind: 'monthly' }, signedAt: '2024-03-10T02:00:00.000Z', dueDate: '2024-12-31' })).id;
    await t.ctx.db.insertInto('programme_supervisors').values({ programme_id: programmeId, user_id: supervisor.user.id }).onConflict((oc) => oc.doNothing()).execute();
  });
  afterAll(async () => t.close());

  const expectStale = (res: { statusCode: number; body: string }, current: number) => {
    expect(res.statusCode).toBe(409);
    expect(json<ErrorBody>(res as never).error).toMatchObject({ code: 'version_conflict', details: { currentVersion: current } });
  };

  it('milestones: version required, two saves of the same version give one 200 and one 409 with the current version', async () => {
    const created = await t.app.inject({ method: 'POST', url: `/api/v1/tasks/${taskId}/milestones`, headers: supervisor.headers, payload: { title: '完成立项', dueDate: '2024-06-30' } });
    expect(created.statusCode).toBe(201);
    const m = answer('POST /api/v1/tasks/:id/milestones', created);
    expect(m.version).toBe(1);
    const missing = await t.app.inject({ method: 'PATCH', url: `/api/v1/milestones/${m.id}`, headers: supervisor.headers, payload: { title: '完成立项审批' } });
    expect(missing.statusCode).toBe(400);
    expect(json<ErrorBody>(missing).error.field).toBe('body.version');
    const [a, b] = await Promise.all([
      t.app.inject({ method: 'PATCH', url: `/api/v1/milestones/${m.id}`, headers: supervisor.headers, payload: { version: 1, title: '完成立项审批' } }),
      t.app.inject({ method: 'PATCH', url: `/api/v1/milestones/${m.id}`, headers: supervisor.headers, payload: { version: 1, dueDate: '2024-07-31' } }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expectStale(loser, 2);
    const winner = answer('PATCH /api/v1/milestones/:id', a.statusCode === 200 ? a : b);
    expect(winner.version).toBe(2);
    // The loser's change is not there: nothing was silently merged or overwritten.
    const detail = answer('GET /api/v1/tasks/:id', await t.app.inject({ method: 'GET', url: `/api/v1/tasks/${taskId}`, headers: supervisor.headers }));
    expect(detail.milestones.find((x) => x.id === m.id)).toMatchObject({ version: 2, title: winner.title, dueDate: winner.dueDate });
    expectStale(await t.app.inject({ method: 'DELETE', url: `/api/v1/milestones/${m.id}?version=1`, headers: supervisor.headers }), 2);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/milestones/${m.id}`, headers: supervisor.headers })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/milestones/${m.id}?version=2`, headers: supervisor.headers })).statusCode).toBe(204);
  });

  it('marking a milestone done is an edit like any other', async () => {
    const m = answer('POST /api/v1/tasks/:id/milestones', await t.app.inject({ method: 'POST', url: `/api/v1/tasks/${taskId}/milestones`, headers: supervisor.headers, payload: { title: '开工', dueDate: '2024-06-30' } }));
    const done = await t.app.inject({ method: 'PATCH', url: `/api/v1/milestones/${m.id}`, headers: liaison.headers, payload: { version: 1, done: true } });
    expect(done.statusCode).toBe(200);
    expectStale(await t.app.inject({ method: 'PATCH', url: `/api/v1/milestones/${m.id}`, headers: supervisor.headers, payload: { version: 1, title: '开工建设' } }), 2);
  });

  it('tasks, programmes, units, users, webhooks, reports and drafts answer a stale version with the current one', async () => {
    const task = answer('GET /api/v1/tasks/:id', await t.app.inject({ method: 'GET', url: `/api/v1/tasks/${taskId}`, headers: supervisor.headers })).task;
    expectStale(await t.app.inject({ method: 'PATCH', url: `/api/v1/tasks/${taskId}`, headers: supervisor.headers, payload: { version: task.version + 3, title: 'x' } }), task.version);
    expectStale(await t.app.inject({ method: 'POST', url: `/api/v1/tasks/${taskId}/transitions`, headers: supervisor.headers, payload: { action: 'suspend', version: task.version + 3, reason: 'x', reviewDate: '2024-09-01' } }), task.version);

    expectStale(await t.app.inject({ method: 'PATCH', url: `/api/v1/programmes/${programmeId}`, headers: supervisor.headers, payload: { version: 9, title: '新方案' } }), 1);

    const unit = answer('POST /api/v1/units', await t.app.inject({ method: 'POST', url: '/api/v1/units', headers: admin.headers, payload: { name: '市统计局-concurrency' } }));
    expectStale(await t.app.inject({ method: 'PATCH', url: `/api/v1/units/${unit.id}`, headers: admin.headers, payload: { version: 5, name: '市统计局' } }), unit.version);

    const user = answer('POST /api/v1/users', await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: admin.headers, payload: { username: 'conc-user', unitId, roles: ['viewer'], password: 'a long password' } })).user;
    expectStale(await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${user.id}`, headers: admin.headers, payload: { version: 7, displayName: '张三' } }), user.version);

    const hook = answer('POST /api/v1/webhooks', await t.app.inject({ method: 'POST', url: '/api/v1/webhooks', headers: admin.headers, payload: { name: 'hook', url: 'https://example.org/hook', format: 'generic' } }));
    expectStale(await t.app.inject({ method: 'PATCH', url: `/api/v1/webhooks/${hook.id}`, headers: admin.headers, payload: { version: 4, name: 'hook2' } }), hook.version);

    const report = answer('POST /api/v1/tasks/:id/reports', await t.app.inject({ method: 'POST', url: `/api/v1/tasks/${taskId}/reports`, headers: liaison.headers, payload: { periodKey: '2024-04', progress: 10, text: '进展' } }));
    expectStale(await t.app.inject({ method: 'PATCH', url: `/api/v1/reports/${report.id}`, headers: liaison.headers, payload: { version: 8, text: '新进展' } }), report.version);
    expectStale(await t.app.inject({ method: 'POST', url: `/api/v1/reports/${report.id}/submit`, headers: liaison.headers, payload: { version: 8 } }), report.version);

    const me = answer('GET /api/v1/me', await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: liaison.headers })).user;
    expectStale(await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: liaison.headers, payload: { version: me.version + 2, displayName: '李四' } }), me.version);
  });
});
