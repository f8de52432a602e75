import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer, createTestApp, json, TestClock, type TestApp, type ErrorBody } from '../support/harness.ts';
import { buildTask, buildUnit, buildUser, signIn, type BuiltTask, type SignedIn } from '../support/factories.ts';


// 10:00 on 10 May 2024 in Shanghai: March's and April's monthly reports are past their deadlines, May's is not.
const NOW = new Date('2024-05-10T02:00:00.000Z');
const SIGNED_AT = '2024-03-10T02:00:00.000Z';
const MONTHLY = { kind: 'monthly' };

describe('progress reports (API)', () => {
  let t: TestApp;
  let supervisor: SignedIn;
  let otherSupervisor: SignedIn;
  let lead: SignedIn;
  let co: SignedIn;
  let outsider: SignedIn;
  let viewer: SignedIn;
  let leader: SignedIn;
  /** Supervisor of the programme and, at the same time, liaison of the lead unit. */
  let dual: SignedIn;
  let leadUnit: string;
  let coUnit: string;

  beforeAll(async () => {
    t = await createTestApp('sqlite', { clock: new TestClock(NOW) });
    leadUnit = (await buildUnit(t.ctx, { name: '市发展改革委-reports' })).id;
    coUnit = (await buildUnit(t.ctx, { name: '市商务局-reports' })).id;
    supervisor = await signIn(t.app, await buildUser(t.ctx, { roles: ['supervisor'] }));
    otherSupervisor = await signIn(t.app, await buildUser(t.ctx, { roles: ['supervisor'] }));
    lead = await signIn(t.app, await buildUser(t.ctx, { roles: ['liaison'], unitId: leadUnit }));
    co = await signIn(t.app, await buildUser(t.ctx, { roles: ['liaison'], unitId: coUnit }));
    outsider = await signIn(t.app, await buildUser(t.ctx, { roles: ['liaison'] }));
    viewer = await signIn(t.app, await buildUser(t.ctx, { roles: ['viewer'] }));
    leader = await signIn(t.app, await buildUser(t.ctx, { roles: ['leader'] }));
    dual = await signIn(t.app, await buildUser(t.ctx, { roles: ['supervisor', 'liaison'], unitId: leadUnit }));
  });
  afterAll(async () => t.close());

  const task = (extra: Parameters<typeof buildTask>[1] = {}): Promise<BuiltTask> =>
    buildTask(t.ctx, { supervisorIds: [supervisor.user.id, dual.user.id], state: 'signed', leadUnitId: leadUnit, coUnitIds: [coUnit], cadence: MONTHLY, signedAt: SIGNED_AT, dueDate: '2024-12-31', ...extra });
  const create = (who: SignedIn, taskId: string, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: `/api/v1/tasks/${taskId}/reports`, headers: who.headers, payload: { progress: 40, text: '完成项目前期工作。', ...payload } });
  const act = (who: SignedIn, reportId: string, action: 'submit' | 'accept' | 'return', payload: Record<string, unknown> = {}) =>
    t.app.inject({ method: 'POST', url: `/api/v1/reports/${reportId}/${action}`, headers: who.headers, payload });
  const edit = (who: SignedIn, reportId: string, payload: Record<string, unknown>) => t.app.inject({ method: 'PATCH', url: `/api/v1/reports/${reportId}`, headers: who.headers, payload });
  const list = (who: SignedIn, taskId: string) => t.app.inject({ method: 'GET', url: `/api/v1/tasks/${taskId}/reports`, headers: who.headers });
  const audit = async (objectId: string) =>
    (await t.ctx.db.selectFrom('audit_events').select(['action', 'actor_id', 'context_json']).where('object_id', '=', objectId).orderBy('seq').execute()).map((r) => r.action);

  it('refuses callers who may not write the report, with the state machine’s codes', async () => {
    const x = await task();
    const anonymous = await t.app.inject({ method: 'POST', url: `/api/v1/tasks/${x.id}/reports`, payload: { periodKey: '2024-05', progress: 1, text: 'x' } });
    expect(anonymous.statusCode).toBe(401);
    expect((await create(viewer, x.id, { periodKey: '2024-05' })).statusCode).toBe(403);
    expect((await create(supervisor, x.id, { periodKey: '2024-05' })).statusCode).toBe(403);
    const hidden = await create(outsider, x.id, { periodKey: '2024-05' });
    expect(hidden.statusCode).toBe(404);
    expect(json<ErrorBody>(hidden).error.code).toBe('task_not_found');
    // A co-unit writes its own part only, and the lead unit cannot fill in the co-unit's.
    const coForLead = await create(co, x.id, { periodKey: '2024-05', unitId: leadUnit });
    expect(coForLead.statusCode).toBe(403);
    expect(json<ErrorBody>(coForLead).error.code).toBe('forbidden');
    expect((await create(lead, x.id, { periodKey: '2024-05', unitId: coUnit })).statusCode).toBe(403);

    const tooMuch = await create(lead, x.id, { periodKey: '2024-05', progress: 101 });
    expect(tooMuch.statusCode).toBe(400);
    expect(json<ErrorBody>(tooMuch).error.field).toBe('body.progress');
    const noText = await t.app.inject({ method: 'POST', url: `/api/v1/tasks/${x.id}/reports`, headers: lead.headers, payload: { periodKey: '2024-05', progress: 10 } });
    expect(json<ErrorBody>(noText).error).toMatchObject({ code: 'invalid_request', field: 'body.text' });
    const blank = await create(lead, x.id, { periodKey: '2024-05', text: '　 ' });
    expect(blank.statusCode).toBe(400);
    expect(json<ErrorBody>(blank).error.code).toBe('text_required');
    const wrongCadence = await create(lead, x.id, { periodKey: '2024-Q2' });
    expect(json<ErrorBody>(wrongCadence).error.code).toBe('period_invalid');
    const future = await create(lead, x.id, { periodKey: '2024-09' });
    expect(future.statusCode).toBe(400);
    expect(json<ErrorBody>(future).error).toMatchObject({ code: 'period_invalid', message: expect.stringContaining('not begun') });
    const before = await create(lead, x.id, { periodKey: '2023-12' });
    expect(json<ErrorBody>(before).error).toMatchObject({ code: 'period_invalid', message: expect.stringContaining('before the task began') });
    const unknownMilestone = await create(lead, x.id, { periodKey: '2024-05', milestoneUpdates: [{ milestoneId: 'nope', done: true }] });
    expect(json<ErrorBody>(unknownMilestone).error.code).toBe('milestone_not_on_task');

    const assigned = await task({ state: 'assigned', signedAt: null, startDate: '2024-03-01' });
    const early = await create(lead, assigned.id, { periodKey: '2024-05' });
    expect(early.statusCode).toBe(409);
    expect(json<ErrorBody>(early).error.code).toBe('task_not_open');
    expect(await t.ctx.db.selectFrom('reports').select('id').where('task_id', 'in', [x.id, assigned.id]).execute()).toEqual([]);
  });

  it('lets each unit report on its own part, once per period, and scopes who reads what', async () => {
    const x = await task();
    const coReport = await create(co, x.id, { periodKey: '2024-05', progress: 30, text: '配合完成招商对接。' });
    expect(coReport.statusCode).toBe(201);
    const c = answer('POST /api/v1/tasks/:id/reports', coReport);
    expect(c).toMatchObject({ unitId: coUnit, state: 'draft', revision: 0, progress: 30, abilities: { edit: true, submit: true, accept: false } });
    expect(await audit(c.id)).toEqual(['report.created']);

    const again = await create(co, x.id, { periodKey: '2024-05' });
    expect(again.statusCode).toBe(409);
    expect(json<ErrorBody>(again).error).toMatchObject({ code: 'report_exists', details: { reportId: c.id } });

    const l = answer('POST /api/v1/tasks/:id/reports', await create(lead, x.id, { periodKey: '2024-05', progress: 55 }));
    expect(l.unitId).toBe(leadUnit);

    const ids = async (who: SignedIn) => answer('GET /api/v1/tasks/:id/reports', await list(who, x.id)).items.map((r) => r.id).sort();
    expect(await ids(lead)).toEqual([c.id, l.id].sort());
    expect(await ids(supervisor)).toEqual([c.id, l.id].sort());
    expect(await ids(leader)).toEqual([c.id, l.id].sort());
    expect(await ids(co)).toEqual([c.id]);
    expect(await ids(viewer)).toEqual([]);
    expect((await list(outsider, x.id)).statusCode).toBe(404);
    expect((await list(otherSupervisor, x.id)).statusCode).toBe(404);

    // The co-unit cannot even see the lead's report; the lead unit sees the co-unit's but cannot write it.
    const coEditsLead = await edit(co, l.id, { version: l.version, text: 'x' });
    expect(coEditsLead.statusCode).toBe(404);
    expect(json<ErrorBody>(coEditsLead).error.code).toBe('report_not_found');
    const leadEditsCo = await edit(lead, c.id, { version: c.version, text: 'x' });
    expect(leadEditsCo.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/reports/${c.id}`, headers: outsider.headers })).statusCode).toBe(404);
    expect(answer('GET /api/v1/reports/:id', await t.app.inject({ method: 'GET', url: `/api/v1/reports/${c.id}`, headers: lead.headers })).abilities).toEqual({ edit: false, submit: false, accept: false, return: false });
  });

  it('edits with a version, marks a late first submission, and keeps every returned revision with its reason', async () => {
    const x = await task();
    let r = answer('POST /api/v1/tasks/:id/reports', await create(lead, x.id, { periodKey: '2024-03', progress: 20, text: '第一稿' }));
    const stale = await edit(lead, r.id, { version: r.version + 1, text: '过期的修改' });
    expect(stale.statusCode).toBe(409);
    expect(json<ErrorBody>(stale).error.code).toBe('version_conflict');
    r = answer('PATCH /api/v1/reports/:id', await edit(lead, r.id, { version: r.version, text: '第一稿（修订）', problems: '用地指标紧张', coordination: '请自然资源局协调', nextSteps: '四月开工' }));
    expect(r).toMatchObject({ text: '第一稿（修订）', version: 2 });
    expect(await audit(r.id)).toEqual(['report.created', 'report.edited']);

    expect((await act(supervisor, r.id, 'accept')).statusCode).toBe(409);
    r = answer('POST /api/v1/reports/:id/submit', await act(lead, r.id, 'submit'));
    expect(r).toMatchObject({ state: 'submitted', revision: 1, late: true, abilities: { edit: false, submit: false } });
    expect((await act(lead, r.id, 'submit')).statusCode).toBe(409);
    expect((await edit(lead, r.id, { version: r.version, text: 'x' })).statusCode).toBe(409);

    expect((await act(lead, r.id, 'accept')).statusCode).toBe(403);
    expect((await act(otherSupervisor, r.id, 'accept')).statusCode).toBe(404);
    expect((await act(viewer, r.id, 'return', { reason: 'x' })).statusCode).toBe(403);
    const noReason = await act(supervisor, r.id, 'return', { reason: '　' });
    expect(noReason.statusCode).toBe(400);
    expect(json<ErrorBody>(noReason).error.code).toBe('reason_required');

    const returned = await act(supervisor, r.id, 'return', { reason: '缺少投资完成数据' });
    expect(returned.statusCode).toBe(200);
    r = answer('POST /api/v1/reports/:id/return', returned);
    expect(r).toMatchObject({ state: 'returned', returnReason: '缺少投资完成数据', abilities: { edit: false, accept: false, return: false } });
    const forLead = answer('GET /api/v1/reports/:id', await t.app.inject({ method: 'GET', url: `/api/v1/reports/${r.id}`, headers: lead.headers }));
    expect(forLead.abilities).toEqual({ edit: true, submit: true, accept: false, return: false });
    const note = await t.ctx.db.selectFrom('notifications').innerJoin('notices', 'notices.id', 'notifications.notice_id').select(['notices.kind', 'notifications.user_id']).where('notices.task_id', '=', x.id).execute();
    // The reporting unit's liaisons hear of the return (the author among them), the reviewer does not.
    expect(note.filter((n) => n.kind === 'report_returned').map((n) => n.user_id).sort()).toEqual([lead.user.id, dual.user.id].sort());
    // Each submission told the programme's supervisor there is a report to review.
    expect(note.filter((n) => n.kind === 'report_submitted').map((n) => n.user_id)).toContain(supervisor.user.id);

    r = answer('PATCH /api/v1/reports/:id', await edit(lead, r.id, { version: r.version, text: '第二稿：一季度完成投资3.2亿元', progress: 35 }));
    r = answer('POST /api/v1/reports/:id/submit', await act(lead, r.id, 'submit', { version: r.version }));
    // Lateness is judged on the first submission; the rework loop is the reviewer's time, not the unit's.
    expect(r).toMatchObject({ state: 'submitted', revision: 2, late: true });
    expect(r.returns).toEqual([{ revision: 1, reason: '缺少投资完成数据', actorId: supervisor.user.id, at: expect.any(String) }]);
    expect(r.events.map((e) => e.type)).toEqual(['report.created', 'report.edited', 'report.submitted', 'report.returned', 'report.edited', 'report.submitted']);
    const submissions = r.events.filter((e) => e.type === 'report.submitted');
    expect(submissions.map((e) => [e.revision, e.content?.text, e.content?.progress, e.late])).toEqual([
      [1, '第一稿（修订）', 20, true],
      [2, '第二稿：一季度完成投资3.2亿元', 35, true],
    ]);
    expect(r.events.find((e) => e.type === 'report.returned')).toMatchObject({ reason: '缺少投资完成数据', actorId: supervisor.user.id });

    const accepted = answer('POST /api/v1/reports/:id/accept', await act(supervisor, r.id, 'accept'));
    expect(accepted.state).toBe('accepted');
    expect(await audit(r.id)).toEqual(['report.created', 'report.edited', 'report.submitted', 'report.returned', 'report.edited', 'report.submitted', 'report.accepted']);
    const taskAfter = answer('GET /api/v1/tasks/:id', await t.app.inject({ method: 'GET', url: `/api/v1/tasks/${x.id}`, headers: lead.headers }));
    expect(taskAfter.task).toMatchObject({ state: 'in_progress', progress: 35 });

    const onTime = answer('POST /api/v1/tasks/:id/reports', await create(lead, x.id, { periodKey: '2024-05' }));
    expect(answer('POST /api/v1/reports/:id/submit', await act(lead, onTime.id, 'submit')).late).toBe(false);
  });

  it('refuses a reviewer who wrote the report (self_review), and lets another supervisor decide', async () => {
    const x = await task();
    const r = answer('POST /api/v1/tasks/:id/reports', await create(dual, x.id, { periodKey: '2024-05' }));
    await act(dual, r.id, 'submit');
    const self = await act(dual, r.id, 'accept');
    expect(self.statusCode).toBe(403);
    expect(json<ErrorBody>(self).error.code).toBe('self_review');
    expect(answer('GET /api/v1/reports/:id', await t.app.inject({ method: 'GET', url: `/api/v1/reports/${r.id}`, headers: dual.headers })).abilities).toMatchObject({ accept: false, return: false });
    expect(answer('POST /api/v1/reports/:id/accept', await act(supervisor, r.id, 'accept')).state).toBe('accepted');
    expect(await audit(r.id)).toEqual(['report.created', 'report.submitted', 'report.accepted']);
  });

  it('locks a period: no new report and no submission, reviews still go through, unlock reopens it', async () => {
    const x = await task();
    const before = answer('POST /api/v1/tasks/:id/reports', await create(co, x.id, { periodKey: '2024-04' }));
    await act(co, before.id, 'submit');
    const draft = answer('POST /api/v1/tasks/:id/reports', await create(lead, x.id, { periodKey: '2024-04' }));
    const lockUrl = `/api/v1/programmes/${x.programmeId}/periods/2024-04/lock`;

    expect((await t.app.inject({ method: 'POST', url: lockUrl, headers: lead.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: lockUrl, headers: otherSupervisor.headers })).statusCode).toBe(404);
    const badKey = await t.app.inject({ method: 'POST', url: `/api/v1/programmes/${x.programmeId}/periods/2024-13/lock`, headers: supervisor.headers });
    expect(json<ErrorBody>(badKey).error.code).toBe('period_invalid');
    const locked = await t.app.inject({ method: 'POST', url: lockUrl, headers: supervisor.headers });
    expect(locked.statusCode).toBe(201);
    expect(json(locked)).toMatchObject({ programmeId: x.programmeId, periodKey: '2024-04', lockedBy: supervisor.user.id });
    expect(json<ErrorBody>(await t.app.inject({ method: 'POST', url: lockUrl, headers: supervisor.headers })).error.code).toBe('period_already_locked');

    const submit = await act(lead, draft.id, 'submit');
    expect(submit.statusCode).toBe(409);
    expect(json<ErrorBody>(submit).error.code).toBe('period_locked');
    const y = await task({ programmeId: x.programmeId, supervisorIds: [] });
    const fresh = await create(lead, y.id, { periodKey: '2024-04' });
    expect(fresh.statusCode).toBe(409);
    expect(json<ErrorBody>(fresh).error.code).toBe('period_locked');
    expect(answer('POST /api/v1/reports/:id/accept', await act(supervisor, before.id, 'accept')).state).toBe('accepted');

    const periods = answer(
      'GET /api/v1/tasks/:id/periods',
      await t.app.inject({ method: 'GET', url: `/api/v1/tasks/${x.id}/periods`, headers: supervisor.headers }),
    );
    expect(periods.periods.find((p) => p.key === '2024-04')).toMatchObject({ locked: true, units: [{ unitId: leadUnit, state: 'draft' }, { unitId: coUnit, state: 'accepted' }] });

    expect((await t.app.inject({ method: 'DELETE', url: lockUrl, headers: supervisor.headers })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'DELETE', url: lockUrl, headers: supervisor.headers })).statusCode).toBe(404);
    expect(answer('POST /api/v1/reports/:id/submit', await act(lead, draft.id, 'submit')).state).toBe('submitted');
    const programmeAudit = await t.ctx.db.selectFrom('audit_events').select(['action', 'context_json']).where('object_id', '=', x.programmeId).where('action', 'like', 'period.%').orderBy('seq').execute();
    expect(programmeAudit.map((a) => [a.action, JSON.parse(a.context_json!).periodKey])).toEqual([['period.locked', '2024-04'], ['period.unlocked', '2024-04']]);
  });

  it('lists the expected periods with each unit’s standing, newest first, scoped like the reports', async () => {
    const x = await task();
    const r = answer('POST /api/v1/tasks/:id/reports', await create(lead, x.id, { periodKey: '2024-03' }));
    await act(lead, r.id, 'submit');
    const seen = answer('GET /api/v1/tasks/:id/periods', await t.app.inject({ method: 'GET', url: `/api/v1/tasks/${x.id}/periods`, headers: lead.headers }));
    expect(seen.since).toBe('2024-03-10');
    expect(seen.periods.map((p) => [p.key, p.dueDate])).toEqual([['2024-05', '2024-06-05'], ['2024-04', '2024-05-05'], ['2024-03', '2024-04-05']]);
    expect(seen.periods[2]!.units).toEqual([
      { unitId: leadUnit, role: 'lead', state: 'submitted', reportId: r.id, late: true, overdue: false },
      { unitId: coUnit, role: 'co', state: 'missing', reportId: null, late: false, overdue: true },
    ]);
    expect(seen.periods[0]!.units.map((u) => [u.state, u.overdue])).toEqual([['missing', false], ['missing', false]]);
    const coView = answer('GET /api/v1/tasks/:id/periods', await t.app.inject({ method: 'GET', url: `/api/v1/tasks/${x.id}/periods`, headers: co.headers }));
    expect(coView.periods[2]!.units.map((u) => u.unitId)).toEqual([coUnit]);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/tasks/${x.id}/periods`, headers: outsider.headers })).statusCode).toBe(404);
  });
});
