import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer, createTestApp, json, TestClock, type TestApp, type ErrorBody } from '../support/harness.ts';
import { buildTask, buildUnit, buildUser, signIn, type SignedIn } from '../support/factories.ts';


describe('leader instructions 批示 (API)', () => {
  let t: TestApp;
  let supervisor: SignedIn;
  let lead: SignedIn;
  let co: SignedIn;
  let outsider: SignedIn;
  let viewer: SignedIn;
  let leader: SignedIn;
  let leadUnit: string;
  let coUnit: string;

  beforeAll(async () => {
    t = await createTestApp('sqlite', { clock: new TestClock(new Date('2024-05-10T02:00:00.000Z')) });
    leadUnit = (await buildUnit(t.ctx)).id;
    coUnit = (await buildUnit(t.ctx)).id;
    supervisor = await signIn(t.app, await buildUser(t.ctx, { roles: ['supervisor'] }));
    lead = await signIn(t.app, await buildUser(t.ctx, { roles: ['liaison'], unitId: leadUnit }));
    co = await signIn(t.app, await buildUser(t.ctx, { roles: ['liaison'], unitId: coUnit }));
    outsider = await signIn(t.app, await buildUser(t.ctx, { roles: ['liaison'] }));
    viewer = await signIn(t.app, await buildUser(t.ctx, { roles: ['viewer'] }));
    leader = await signIn(t.app, await buildUser(t.ctx, { roles: ['leader'], unitId: (await buildUnit(t.ctx, { name: '市政府办公厅-instr' })).id }));
  });
  afterAll(async () => t.close());

  const instruct = (who: SignedIn, taskId: string, payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: `/api/v1/tasks/${taskId}/instructions`, headers: who.headers, payload });
  const recipients = async (taskId: string) =>
    (await t.ctx.db.selectFrom('notifications').innerJoin('notices', 'notices.id', 'notifications.notice_id').select(['notices.kind', 'notifications.user_id']).where('notices.task_id', '=', taskId).execute())
      .filter((n) => n.kind === 'instruction')
      .map((n) => n.user_id)
      .sort();

  it('refuses anyone but a leader, and checks the text and the report', async () => {
    const task = await buildTask(t.ctx, { supervisorIds: [supervisor.user.id], state: 'in_progress', leadUnitId: leadUnit, coUnitIds: [coUnit] });
    const other = await buildTask(t.ctx, { supervisorIds: [supervisor.user.id], state: 'in_progress', leadUnitId: leadUnit });
    const report = await t.app.inject({ method: 'POST', url: `/api/v1/tasks/${other.id}/reports`, headers: lead.headers, payload: { periodKey: '2024-05', progress: 10, text: '进展' } });
    expect(report.statusCode).toBe(201);

    expect((await t.app.inject({ method: 'POST', url: `/api/v1/tasks/${task.id}/instructions`, payload: { text: 'x' } })).statusCode).toBe(401);
    for (const who of [lead, supervisor, viewer]) expect((await instruct(who, task.id, { text: '抓紧推进' })).statusCode).toBe(403);
    expect((await instruct(leader, 'no-such-task', { text: '抓紧推进' })).statusCode).toBe(404);
    expect(json<ErrorBody>(await instruct(leader, task.id, { text: '' })).error).toMatchObject({ code: 'invalid_request', field: 'body.text' });
    expect(json<ErrorBody>(await instruct(leader, task.id, { text: '　\n ' })).error.code).toBe('text_required');
    const elsewhere = await instruct(leader, task.id, { text: '请核实', reportId: answer('POST /api/v1/tasks/:id/reports', report).id });
    expect(elsewhere.statusCode).toBe(404);
    expect(json<ErrorBody>(elsewhere).error.code).toBe('report_not_found');
    expect(await t.ctx.db.selectFrom('instructions').select('id').where('task_id', '=', task.id).execute()).toEqual([]);
  });

  it('records a 批示 on a task or report, audits it, shows it in the timeline and notifies the task’s units', async () => {
    const task = await buildTask(t.ctx, { supervisorIds: [supervisor.user.id], state: 'in_progress', leadUnitId: leadUnit, coUnitIds: [coUnit] });
    const r = answer('POST /api/v1/tasks/:id/reports', await t.app.inject({ method: 'POST', url: `/api/v1/tasks/${task.id}/reports`, headers: lead.headers, payload: { periodKey: '2024-05', progress: 60, text: '主体完工' } }));
    const res = await instruct(leader, task.id, { text: '  要确保六月底前投产，请发改委牵头协调。 ', reportId: r.id });
    expect(res.statusCode).toBe(201);
    const i = answer('POST /api/v1/tasks/:id/instructions', res);
    expect(i).toMatchObject({ taskId: task.id, reportId: r.id, authorId: leader.user.id, text: '要确保六月底前投产，请发改委牵头协调。' });
    const audit = await t.ctx.db.selectFrom('audit_events').select(['action', 'actor_id']).where('object_id', '=', i.id).execute();
    expect(audit).toEqual([{ action: 'instruction.created', actor_id: leader.user.id }]);
    expect(await recipients(task.id)).toEqual([lead.user.id, co.user.id].sort());

    const timeline = answer('GET /api/v1/tasks/:id/timeline', await t.app.inject({ method: 'GET', url: `/api/v1/tasks/${task.id}/timeline`, headers: co.headers }));
    expect(timeline.items.filter((e) => e.kind === 'instruction')).toEqual([expect.objectContaining({ action: 'instruction.created', actorId: leader.user.id, data: expect.objectContaining({ text: i.text }) })]);

    const listed = await t.app.inject({ method: 'GET', url: `/api/v1/tasks/${task.id}/instructions`, headers: co.headers });
    expect(answer('GET /api/v1/tasks/:id/instructions', listed).items.map((x) => x.id)).toEqual([i.id]);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/tasks/${task.id}/instructions`, headers: outsider.headers })).statusCode).toBe(404);
  });

  it('tells the supervisors, not the units, about a 批示 on a task still in draft', async () => {
    const task = await buildTask(t.ctx, { supervisorIds: [supervisor.user.id], state: 'draft', leadUnitId: leadUnit });
    expect((await instruct(leader, task.id, { text: '方案要细化到季度' })).statusCode).toBe(201);
    expect(await recipients(task.id)).toEqual([supervisor.user.id]);
  });
});
