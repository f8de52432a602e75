import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InspectionResponse } from '../../src/contract/inspections.ts';
import { answer, createTestApp, json, TestClock, type TestApp, type ErrorBody } from '../support/harness.ts';
import { buildUnit, buildUser, signIn, type SignedIn } from '../support/factories.ts';
import { multipart } from '../support/multipart.ts';


const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

describe('调查研究 / 督促检查 and 整改 (API)', () => {
  let t: TestApp;
  let sup: SignedIn;
  let osup: SignedIn;
  let member: SignedIn;
  let la: SignedIn;
  let lb: SignedIn;
  let lc: SignedIn;
  let viewer: SignedIn;
  let leader: SignedIn;
  let unitA: string;
  let unitB: string;
  let programmeId: string;

  beforeAll(async () => {
    t = await createTestApp('sqlite', { clock: new TestClock(new Date('2024-05-10T02:00:00.000Z')) });
    unitA = (await buildUnit(t.ctx)).id;
    unitB = (await buildUnit(t.ctx)).id;
    sup = await signIn(t.app, await buildUser(t.ctx, { roles: ['supervisor'] }));
    osup = await signIn(t.app, await buildUser(t.ctx, { roles: ['supervisor'] }));
    member = await signIn(t.app, await buildUser(t.ctx, { roles: ['supervisor'] }));
    la = await signIn(t.app, await buildUser(t.ctx, { roles: ['liaison'], unitId: unitA }));
    lb = await signIn(t.app, await buildUser(t.ctx, { roles: ['liaison'], unitId: unitB }));
    lc = await signIn(t.app, await buildUser(t.ctx, { roles: ['liaison'] }));
    viewer = await signIn(t.app, await buildUser(t.ctx, { roles: ['viewer'] }));
    leader = await signIn(t.app, await buildUser(t.ctx, { roles: ['leader'] }));
    programmeId = answer('POST /api/v1/programmes', await t.app.inject({ method: 'POST', url: '/api/v1/programmes', headers: sup.headers, payload: { title: '营商环境专项' } })).id;
  });
  afterAll(async () => t.close());

  const post = (who: SignedIn, url: string, payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url, headers: who.headers, payload });
  const get = (who: SignedIn, url: string) => t.app.inject({ method: 'GET', url, headers: who.headers });
  const plan = (who: SignedIn, extra: Record<string, unknown> = {}) =>
    post(who, '/api/v1/inspections', { programmeId, topic: '营商环境专项督查', kind: 'special', members: [{ userId: member.user.id, team: '第一督查组', leader: true }], targetUnitIds: [unitA], ...extra });
  const move = async (id: string, action: string) => {
    const current = answer('GET /api/v1/inspections/:id', await get(sup, `/api/v1/inspections/${id}`));
    return post(sup, `/api/v1/inspections/${id}/transitions`, { action, version: current.version });
  };
  let inspection: InspectionResponse;

  it('plans an inspection only as a supervisor of the programme, with valid teams and targets', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/inspections', payload: {} })).statusCode).toBe(401);
    for (const who of [la, viewer, leader]) expect((await plan(who)).statusCode).toBe(403);
    expect(json<ErrorBody>(await plan(osup)).error.code).toBe('programme_not_found');
    expect(json<ErrorBody>(await plan(sup, { kind: '检查' })).error).toMatchObject({ code: 'invalid_request', field: 'body.kind' });
    expect(json<ErrorBody>(await plan(sup, { topic: '  ' })).error.code).toBe('invalid_topic');
    expect(json<ErrorBody>(await plan(sup, { members: [{ userId: 'nobody', team: '一组' }] })).error.code).toBe('member_not_found');
    expect(json<ErrorBody>(await plan(sup, { targetTaskIds: ['nope'] })).error.code).toBe('task_not_in_programme');
    expect(json<ErrorBody>(await plan(sup, { startDate: '2024-05-20', endDate: '2024-05-01' })).error.code).toBe('dates_invalid');
    const res = await plan(sup, { startDate: '2024-05-10', endDate: '2024-05-31' });
    expect(res.statusCode).toBe(201);
    inspection = answer('POST /api/v1/inspections', res);
    expect(inspection).toMatchObject({ state: 'planned', abilities: { manage: true, record: false, actions: { start: true, close: false } } });
    expect((await t.ctx.db.selectFrom('audit_events').select('action').where('object_id', '=', inspection.id).execute()).map((a) => a.action)).toEqual(['inspection.created']);
  });

  it('lets only the programme’s supervisor change the plan, with its version, until the inspection closes', async () => {
    const url = `/api/v1/inspections/${inspection.id}`;
    const patch = (who: SignedIn, payload: Record<string, unknown>) => t.app.inject({ method: 'PATCH', url, headers: who.headers, payload });
    expect((await patch(la, { version: inspection.version, topic: '改' })).statusCode).toBe(403);
    expect((await patch(member, { version: inspection.version, topic: '改' })).statusCode).toBe(403);
    expect((await patch(osup, { version: inspection.version, topic: '改' })).statusCode).toBe(404);
    expect(json<ErrorBody>(await patch(sup, { version: inspection.version + 3, topic: '改' })).error.code).toBe('version_conflict');
    expect(json<ErrorBody>(await patch(sup, { version: inspection.version, endDate: '2024-05-01' })).error.code).toBe('dates_invalid');
    expect(json<ErrorBody>(await patch(sup, { version: inspection.version, targetUnitIds: ['nope'] })).error.code).toBe('unit_not_found');
    const res = await patch(sup, { version: inspection.version, members: [{ userId: member.user.id, team: '第一督查组', leader: true }, { userId: sup.user.id, team: '第二督查组' }] });
    expect(res.statusCode).toBe(200);
    const updated = answer('PATCH /api/v1/inspections/:id', res);
    expect(updated.members.map((m) => m.team).sort()).toEqual(['第一督查组', '第二督查组']);
    expect(updated.startDate).toBe('2024-05-10');
    expect(updated.version).toBe(inspection.version + 1);
    inspection = updated;
    const audit = await t.ctx.db.selectFrom('audit_events').select('action').where('object_id', '=', inspection.id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['inspection.created', 'inspection.updated']);
  });

  it('hides an unannounced visit’s plan from the units until it is done, and shows viewers only closed inspections', async () => {
    const secret = answer('POST /api/v1/inspections', await plan(sup, { kind: 'unannounced', topic: '暗访窗口服务' }));
    for (const who of [la, lb, lc, viewer, osup]) expect((await get(who, `/api/v1/inspections/${secret.id}`)).statusCode).toBe(404);
    for (const who of [sup, member, leader]) expect((await get(who, `/api/v1/inspections/${secret.id}`)).statusCode).toBe(200);
    const listed = async (who: SignedIn) => answer('GET /api/v1/inspections', await get(who, '/api/v1/inspections')).items.map((i) => i.id);
    expect(await listed(la)).toEqual([inspection.id]);
    expect(await listed(viewer)).toEqual([]);
    expect(await listed(lb)).toEqual([]);
    expect((await listed(member)).sort()).toEqual([inspection.id, secret.id].sort());
  });

  it('records visits, findings and files only by the team and the supervisors, while the inspection runs', async () => {
    const url = `/api/v1/inspections/${inspection.id}/findings`;
    const finding = { unitId: unitA, title: '审批时限超过承诺时限', severity: 'serious' };
    expect(json<ErrorBody>(await post(member, url, finding)).error.code).toBe('inspection_not_running');
    expect((await post(member, `/api/v1/inspections/${inspection.id}/transitions`, { action: 'start', version: inspection.version })).statusCode).toBe(403);
    expect((await move(inspection.id, 'start')).statusCode).toBe(200);
    expect((await post(la, url, finding)).statusCode).toBe(403);
    expect((await post(osup, url, finding)).statusCode).toBe(404);
    expect(json<ErrorBody>(await post(member, url, { ...finding, severity: 'minor' })).error.field).toBe('body.severity');
    const visit = await post(member, `/api/v1/inspections/${inspection.id}/visits`, { unitId: unitA, visitedOn: '2024-05-10', notes: '查阅窗口办件台账。' });
    expect(visit.statusCode).toBe(201);
    const fA = await post(member, url, { ...finding, visitId: answer('POST /api/v1/inspections/:id/visits', visit).id });
    expect(fA.statusCode).toBe(201);
    expect(answer('POST /api/v1/inspections/:id/findings', fA)).toMatchObject({ standing: 'open', abilities: { rectify: false } });
    expect((await post(member, url, { unitId: unitB, title: '政策兑现材料要求过多', severity: 'general' })).statusCode).toBe(201);
    const body = multipart({ filename: '现场.png', content: PNG });
    const photo = await t.app.inject({ method: 'POST', url: `/api/v1/inspections/${inspection.id}/evidence?kind=photo&findingId=${answer('POST /api/v1/inspections/:id/findings', fA).id}`, headers: { ...member.headers, ...body.headers }, payload: body.payload });
    expect(photo.statusCode).toBe(201);
    const denied = await t.app.inject({ method: 'POST', url: `/api/v1/inspections/${inspection.id}/evidence`, headers: { ...la.headers, ...body.headers }, payload: body.payload });
    expect(denied.statusCode).toBe(403);
  });

  it('shows a liaison only the findings addressed to its unit', async () => {
    const asA = answer('GET /api/v1/inspections/:id', await get(la, `/api/v1/inspections/${inspection.id}`));
    expect(asA.findingList.map((f) => f.unitId)).toEqual([unitA]);
    expect(asA.visits.map((v) => v.unitId)).toEqual([unitA]);
    expect(asA.evidence).toHaveLength(1);
    expect(asA.abilities).toMatchObject({ manage: false, record: false });
    // Unit B is not a target, but a finding is addressed to it: it sees that one only.
    const asB = answer('GET /api/v1/inspections/:id', await get(lb, `/api/v1/inspections/${inspection.id}`));
    expect(asB.findingList.map((f) => f.unitId)).toEqual([unitB]);
    expect(asB.visits).toEqual([]);
    expect(asB.evidence).toEqual([]);
    expect((await get(lb, `/api/v1/inspections/evidence/${asA.evidence[0]!.id}/download`)).statusCode).toBe(404);
    expect((await get(la, `/api/v1/inspections/evidence/${asA.evidence[0]!.id}/download`)).statusCode).toBe(200);
    expect((await get(lc, `/api/v1/inspections/${inspection.id}`)).statusCode).toBe(404);
    const all = answer('GET /api/v1/inspections/:id', await get(sup, `/api/v1/inspections/${inspection.id}`));
    expect(all).toMatchObject({ findings: 2, openFindings: 2 });
  });

  it('turns a finding into a rectification task assigned to its unit, or accepts it as not applicable; closing waits for both', async () => {
    const all = answer('GET /api/v1/inspections/:id', await get(sup, `/api/v1/inspections/${inspection.id}`));
    const fA = all.findingList.find((f) => f.unitId === unitA)!;
    const fB = all.findingList.find((f) => f.unitId === unitB)!;
    expect(fA.abilities).toEqual({ rectify: true, notApplicable: true });
    const rectify = (who: SignedIn, payload: Record<string, unknown>) => post(who, `/api/v1/inspections/findings/${fA.id}/rectify`, payload);
    expect((await rectify(la, { version: fA.version, dueDate: '2024-06-30' })).statusCode).toBe(403);
    expect((await rectify(member, { version: fA.version, dueDate: '2024-06-30' })).statusCode).toBe(403);
    expect((await rectify(lb, { version: fA.version, dueDate: '2024-06-30' })).statusCode).toBe(403);
    expect(json<ErrorBody>(await rectify(sup, { version: fA.version, dueDate: '30/06/2024' })).error.field).toBe('body.dueDate');
    expect(json<ErrorBody>(await rectify(sup, { version: fA.version + 5, dueDate: '2024-06-30' })).error.code).toBe('version_conflict');
    const done = await rectify(sup, { version: fA.version, dueDate: '2024-06-30' });
    expect(done.statusCode).toBe(201);
    const rectified = answer('POST /api/v1/inspections/findings/:id/rectify', done);
    expect(rectified).toMatchObject({ standing: 'rectifying', taskState: 'assigned' });
    expect(json<ErrorBody>(await rectify(sup, { version: rectified.version, dueDate: '2024-06-30' })).error.code).toBe('finding_settled');

    const task = answer('GET /api/v1/tasks/:id', await get(la, `/api/v1/tasks/${rectified.taskId}`)).task;
    expect(task).toMatchObject({ taskType: 'rectification', findingId: fA.id, leadUnitId: unitA, state: 'assigned', title: '整改：审批时限超过承诺时限' });
    // The unit was told of the 交办 like for any task.
    const assigned = await t.ctx.db.selectFrom('notifications').innerJoin('notices', 'notices.id', 'notifications.notice_id').select('notifications.user_id').where('notices.task_id', '=', task.id).where('notices.kind', '=', 'task_assigned').execute();
    expect(assigned.map((n) => n.user_id)).toEqual([la.user.id]);
    const taskFindings = answer('GET /api/v1/tasks/:id/findings', await get(la, `/api/v1/tasks/${task.id}/findings`));
    expect(taskFindings.items).toEqual([expect.objectContaining({ id: fA.id, inspectionTopic: '营商环境专项督查' })]);
    expect((await get(lb, `/api/v1/tasks/${task.id}/findings`)).statusCode).toBe(404);

    const na = (who: SignedIn, payload: Record<string, unknown>) => post(who, `/api/v1/inspections/findings/${fB.id}/not-applicable`, payload);
    expect((await na(lb, { version: fB.version, reason: '已整改' })).statusCode).toBe(403);
    expect(json<ErrorBody>(await na(sup, { version: fB.version, reason: ' ' })).error.code).toBe('reason_required');
    expect(answer('POST /api/v1/inspections/findings/:id/not-applicable', await na(sup, { version: fB.version, reason: '该事项属省级权限，已移交省督查室' }))).toMatchObject({ standing: 'not_applicable' });

    expect((await move(inspection.id, 'report')).statusCode).toBe(200);
    const refused = await move(inspection.id, 'close');
    expect(refused.statusCode).toBe(409);
    expect(json<ErrorBody>(refused).error).toMatchObject({ code: 'inspection_open_findings', details: { openFindings: 1 } });
  });

  it('closes the inspection once the rectification task went through sign, report, review and verified closure', async () => {
    const all = answer('GET /api/v1/inspections/:id', await get(sup, `/api/v1/inspections/${inspection.id}`));
    const taskId = all.findingList.find((f) => f.unitId === unitA)!.taskId!;
    const taskOf = async () => answer('GET /api/v1/tasks/:id', await get(sup, `/api/v1/tasks/${taskId}`)).task;
    const act = async (who: SignedIn, payload: Record<string, unknown>) => {
      const res = await post(who, `/api/v1/tasks/${taskId}/transitions`, { ...payload, version: (await taskOf()).version });
      expect(res.statusCode, res.body).toBe(200);
    };
    await act(la, { action: 'sign' });
    const created = answer('POST /api/v1/tasks/:id/reports', await post(la, `/api/v1/tasks/${taskId}/reports`, { periodKey: '2024-Q2', progress: 100, text: '已压缩审批时限至5个工作日。', final: true, summary: '审批时限全部压缩到承诺时限以内。' }));
    const body = multipart({ filename: '整改报告.png', content: PNG });
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/reports/${created.id}/evidence`, headers: { ...la.headers, ...body.headers }, payload: body.payload })).statusCode).toBe(201);
    const report = answer('GET /api/v1/reports/:id', await get(la, `/api/v1/reports/${created.id}`));
    expect((await post(la, `/api/v1/reports/${report.id}/submit`, { version: report.version })).statusCode).toBe(200);
    expect((await post(sup, `/api/v1/reports/${report.id}/accept`, {})).statusCode).toBe(200);
    await act(la, { action: 'requestCompletion' });
    await act(sup, { action: 'close' });

    const closed = await move(inspection.id, 'close');
    expect(closed.statusCode).toBe(200);
    expect(answer('POST /api/v1/inspections/:id/transitions', closed)).toMatchObject({ state: 'closed', openFindings: 0 });
    expect(json<ErrorBody>(await t.app.inject({ method: 'PATCH', url: `/api/v1/inspections/${inspection.id}`, headers: sup.headers, payload: { version: answer('POST /api/v1/inspections/:id/transitions', closed).version, topic: '改' } })).error.code).toBe('inspection_closed');
    // Published now: the viewer reads it.
    expect((await get(viewer, `/api/v1/inspections/${inspection.id}`)).statusCode).toBe(200);
    const actions = (await t.ctx.db.selectFrom('audit_events').select('action').where('object_id', '=', inspection.id).orderBy('seq').execute()).map((a) => a.action);
    expect(actions).toEqual(['inspection.created', 'inspection.updated', 'inspection.started', 'inspection.reporting', 'inspection.closed']);
    // The audit log shows the inspection's entries to the programme's supervisors, not to its other team members.
    const audit = async (who: SignedIn) => answer('GET /api/v1/audit', await get(who, '/api/v1/audit?limit=500')).items.filter((e) => e.objectType.startsWith('inspection'));
    expect((await audit(sup)).map((e) => e.objectType)).toEqual(expect.arrayContaining(['inspection', 'inspection_visit', 'inspection_finding', 'inspection_evidence']));
    expect(await audit(member)).toEqual([]);
  });
});
