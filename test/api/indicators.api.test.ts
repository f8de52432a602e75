import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer, createTestApp, json, TestClock, type TestApp, type ErrorBody } from '../support/harness.ts';
import { buildTask, buildUnit, buildUser, signIn, type BuiltTask, type SignedIn } from '../support/factories.ts';
import { multipart } from '../support/multipart.ts';


describe('indicators 对标对表 (API)', () => {
  let t: TestApp;
  let sup: SignedIn;
  let osup: SignedIn;
  let lead: SignedIn;
  let other: SignedIn;
  let viewer: SignedIn;
  let leader: SignedIn;
  let leadUnit: string;
  let task: BuiltTask;

  beforeAll(async () => {
    t = await createTestApp('sqlite', { clock: new TestClock(new Date('2024-07-01T02:00:00.000Z')) });
    leadUnit = (await buildUnit(t.ctx, { name: '市交通运输局' })).id;
    sup = await signIn(t.app, await buildUser(t.ctx, { roles: ['supervisor'] }));
    osup = await signIn(t.app, await buildUser(t.ctx, { roles: ['supervisor'] }));
    lead = await signIn(t.app, await buildUser(t.ctx, { roles: ['liaison'], unitId: leadUnit }));
    other = await signIn(t.app, await buildUser(t.ctx, { roles: ['liaison'] }));
    viewer = await signIn(t.app, await buildUser(t.ctx, { roles: ['viewer'] }));
    leader = await signIn(t.app, await buildUser(t.ctx, { roles: ['leader'] }));
    task = await buildTask(t.ctx, { supervisorIds: [sup.user.id], state: 'in_progress', leadUnitId: leadUnit, title: '新建和改造提升农村公路', dueDate: '2024-12-31' });
  });
  afterAll(async () => t.close());

  const road = (over: Record<string, unknown> = {}) => ({
    programmeId: task.programmeId,
    taskId: task.id,
    name: '新建农村公路',
    unit: '公里',
    baseline: 0,
    target: 2500,
    direction: 'at_least',
    period: 'quarter',
    responsibleUnitId: leadUnit,
    startDate: '2024-01-01',
    endDate: '2024-12-31',
    ...over,
  });
  const create = (who: SignedIn, payload: unknown) => t.app.inject({ method: 'POST', url: '/api/v1/indicators', headers: who.headers, payload: payload as object });
  const get = (who: SignedIn, id: string) => t.app.inject({ method: 'GET', url: `/api/v1/indicators/${id}`, headers: who.headers });
  const report = (who: SignedIn, id: string, payload: unknown) => t.app.inject({ method: 'POST', url: `/api/v1/indicators/${id}/actuals`, headers: who.headers, payload: payload as object });
  const audit = async (id: string) => (await t.ctx.db.selectFrom('audit_events').select('action').where('object_id', '=', id).orderBy('seq').execute()).map((r) => r.action);
  const taskHealth = async () => t.ctx.db.selectFrom('tasks').select(['health', 'health_json']).where('id', '=', task.id).executeTakeFirstOrThrow();

  it('refuses to create an indicator without sign-in, with bad input, to non-supervisors, and on an unseen programme', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/indicators', payload: road() })).statusCode).toBe(401);
    expect(json<ErrorBody>(await create(sup, road({ direction: 'more' }))).error).toMatchObject({ code: 'invalid_request', field: 'body.direction' });
    expect(json<ErrorBody>(await create(sup, road({ endDate: '2023-12-31' }))).error).toMatchObject({ code: 'invalid_indicator', message: 'endDate must be after startDate' });
    expect(json<ErrorBody>(await create(sup, road({ responsibleUnitId: 'no-such-unit' }))).error.code).toBe('unit_not_found');
    for (const who of [lead, viewer, leader]) expect((await create(who, road())).statusCode).toBe(403);
    expect((await create(osup, road())).statusCode).toBe(404);
    expect((await create(sup, road({ programmeId: 'no-such-programme' }))).statusCode).toBe(404);
    const elsewhere = await buildTask(t.ctx, { supervisorIds: [sup.user.id], state: 'in_progress', leadUnitId: leadUnit });
    expect(json<ErrorBody>(await create(sup, road({ taskId: elsewhere.id }))).error.code).toBe('task_other_programme');
    expect(await t.ctx.db.selectFrom('indicators').select('id').execute()).toEqual([]);
  });

  it('runs the loop: create → the unit reports with evidence → the supervisor returns, then accepts → the task turns yellow with the reason', async () => {
    const created = await create(sup, road());
    expect(created.statusCode).toBe(201);
    const d = answer('POST /api/v1/indicators', created);
    const id = d.indicator.id;
    expect(d.indicator).toMatchObject({ status: 'no_data', responsibleUnitName: '市交通运输局', taskTitle: '新建和改造提升农村公路', abilities: { edit: true, report: false, review: true, addPeer: true } });
    expect(d.series.map((p) => [p.periodKey, Math.round(p.expected)])).toEqual([['2024-Q1', 616], ['2024-Q2', 1240], ['2024-Q3', 1870], ['2024-Q4', 2500]]);
    expect(await audit(id)).toEqual(['indicator.created']);

    // Who sees it: the supervisor, the responsible unit, readers; not another programme's supervisor nor another unit.
    for (const who of [osup, other]) expect((await get(who, id)).statusCode).toBe(404);
    expect(answer('GET /api/v1/indicators', await t.app.inject({ method: 'GET', url: '/api/v1/indicators', headers: other.headers })).items).toEqual([]);
    expect(answer('GET /api/v1/indicators/:id', await get(lead, id)).openPeriods).toEqual(['2024-Q1', '2024-Q2', '2024-Q3']);

    // Reporting: only the responsible unit's liaison, for a real, begun period of the indicator's kind.
    for (const who of [sup, viewer, leader]) expect((await report(who, id, { periodKey: '2024-Q2', value: 1 })).statusCode).toBe(403);
    expect((await report(other, id, { periodKey: '2024-Q2', value: 1 })).statusCode).toBe(404);
    expect(json<ErrorBody>(await report(lead, id, { periodKey: '2024-06', value: 1 })).error.code).toBe('period_invalid');
    expect(json<ErrorBody>(await report(lead, id, { periodKey: '2024-Q4', value: 1 })).error.code).toBe('period_not_started');
    expect(json<ErrorBody>(await report(lead, id, { periodKey: '2025-Q1', value: 1 })).error.code).toBe('period_outside');
    expect(json<ErrorBody>(await report(lead, id, { periodKey: '2024-Q2', value: 'lots' })).error.field).toBe('body.value');

    const first = answer('POST /api/v1/indicators/:id/actuals', await report(lead, id, { periodKey: '2024-Q2', value: 1000, note: '上半年完成' }));
    expect(first).toMatchObject({ state: 'submitted', revision: 1, abilities: { revise: true, addEvidence: true, accept: false, return: false } });
    // A figure waiting for review is not shown to readers.
    expect(answer('GET /api/v1/indicators/:id', await get(viewer, id)).actuals).toEqual([]);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/indicator-actuals/${first.id}/accept`, headers: viewer.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/indicator-actuals/${first.id}/accept`, headers: osup.headers })).statusCode).toBe(404);

    // Evidence: the unit attaches a file; others may not; bytes are checked.
    const upload = (who: SignedIn, filename: string, content: string | Uint8Array) => {
      const body = multipart({ filename, content });
      return t.app.inject({ method: 'POST', url: `/api/v1/indicator-actuals/${first.id}/evidence`, headers: { ...who.headers, ...body.headers }, payload: body.payload });
    };
    expect((await upload(sup, 'x.txt', '台账')).statusCode).toBe(403);
    expect((await upload(lead, 'x.exe', new Uint8Array([0x4d, 0x5a, 0, 1, 2, 3]))).statusCode).toBe(415);
    const ev = await upload(lead, '公路台账.csv', '路段,公里\n甲,600\n乙,500\n');
    expect(ev.statusCode).toBe(201);
    const evidenceId = answer('POST /api/v1/indicator-actuals/:id/evidence', ev).items[0]!;
    const download = await t.app.inject({ method: 'GET', url: evidenceId.downloadUrl, headers: sup.headers });
    expect(download.body).toBe('路段,公里\n甲,600\n乙,500\n');
    // Served as every evidence file is: an attachment, never sniffed, and a CSV with the formula warning.
    expect(download.headers).toMatchObject({ 'content-type': 'text/csv', 'x-content-type-options': 'nosniff' });
    expect(download.headers['content-disposition']).toMatch(/^attachment;/);
    expect(download.headers['x-luoshi-content-warning']).toMatch(/formula/);
    expect((await t.app.inject({ method: 'GET', url: evidenceId.downloadUrl, headers: viewer.headers })).statusCode).toBe(404);

    // Return with a reason, revise, accept.
    expect(json<ErrorBody>(await t.app.inject({ method: 'POST', url: `/api/v1/indicator-actuals/${first.id}/return`, headers: sup.headers, payload: { reason: ' ' } })).error.code).toBe('reason_required');
    const returned = answer('POST /api/v1/indicator-actuals/:id/return', await t.app.inject({ method: 'POST', url: `/api/v1/indicator-actuals/${first.id}/return`, headers: sup.headers, payload: { reason: '与台账不一致' } }));
    expect(returned).toMatchObject({ state: 'returned', returnReason: '与台账不一致' });
    expect(json<ErrorBody>(await t.app.inject({ method: 'POST', url: `/api/v1/indicator-actuals/${first.id}/accept`, headers: sup.headers })).error.code).toBe('actual_not_submitted');
    // The supervisors heard of the figure, the unit of its return.
    const notices = await t.ctx.db.selectFrom('notifications').innerJoin('notices', 'notices.id', 'notifications.notice_id').select(['notices.kind', 'notifications.user_id']).where('notices.kind', 'in', ['indicator_submitted', 'indicator_returned']).orderBy('notices.created_at').execute();
    expect(notices).toEqual([{ kind: 'indicator_submitted', user_id: sup.user.id }, { kind: 'indicator_returned', user_id: lead.user.id }]);
    const revised = answer('POST /api/v1/indicators/:id/actuals', await report(lead, id, { periodKey: '2024-Q2', value: 1100 }));
    expect(revised).toMatchObject({ id: first.id, state: 'submitted', revision: 2, value: 1100 });
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/indicator-actuals/${first.id}/accept`, headers: sup.headers, payload: { version: 1 } })).statusCode).toBe(409);

    expect((await taskHealth()).health).not.toBe('yellow');
    const accepted = await t.app.inject({ method: 'POST', url: `/api/v1/indicator-actuals/${first.id}/accept`, headers: sup.headers });
    expect(accepted.statusCode).toBe(200);
    expect(answer('POST /api/v1/indicator-actuals/:id/accept', accepted).state).toBe('accepted');
    expect(await audit(first.id)).toEqual(['indicator_actual.submitted', 'indicator_actual.returned', 'indicator_actual.submitted', 'indicator_actual.accepted']);

    // 1,100 km by the end of June against ≈1,240 on the time line: yellow, and the light says so in words.
    const h = await taskHealth();
    expect(h.health).toBe('yellow');
    const detail = JSON.parse(h.health_json!) as { summary: Record<string, string> };
    expect(detail.summary['zh-Hans']).toMatch(/^黄灯：指标“新建农村公路”完成1,100\/2,500公里，低于时序进度/);
    expect(detail.summary['zh-Hant']).toMatch(/^黃燈：指標「新建农村公路」完成1,100\/2,500公里，低於時序進度/);
    expect(detail.summary.en).toMatch(/^Yellow: indicator “新建农村公路” at 1,100\/2,500 公里, behind the time line/);

    const after = answer('GET /api/v1/indicators/:id', await get(viewer, id));
    expect(after.indicator).toMatchObject({ status: 'yellow', latest: { periodKey: '2024-Q2', value: 1100 } });
    expect(after.series.find((p) => p.periodKey === '2024-Q2')).toMatchObject({ actual: 1100, actualState: 'accepted' });
    expect(json<ErrorBody>(await report(lead, id, { periodKey: '2024-Q2', value: 1300 })).error.code).toBe('actual_accepted');
    expect(answer('GET /api/v1/indicators', await t.app.inject({ method: 'GET', url: `/api/v1/indicators?taskId=${task.id}&status=yellow`, headers: lead.headers })).items.map((i) => i.id)).toEqual([id]);

    // The supervisor moves the target down: the light follows at once.
    const patched = await t.app.inject({ method: 'PATCH', url: `/api/v1/indicators/${id}`, headers: sup.headers, payload: { version: 1, target: 2000 } });
    expect(patched.statusCode).toBe(200);
    expect((await taskHealth()).health).not.toBe('yellow');
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/indicators/${id}`, headers: sup.headers, payload: { version: 1, target: 2500 } })).statusCode).toBe(409);
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/indicators/${id}`, headers: lead.headers, payload: { version: 2, target: 1 } })).statusCode).toBe(403);
  });

  it('keeps peers’ figures with their source, entered by a supervisor', async () => {
    const id = answer('POST /api/v1/indicators', await create(sup, road({ name: '城镇调查失业率', unit: '%', baseline: 5.5, target: 5.5, direction: 'at_most', period: 'year', taskId: null }))).indicator.id;
    const add = (who: SignedIn, payload: unknown) => t.app.inject({ method: 'POST', url: `/api/v1/indicators/${id}/peers`, headers: who.headers, payload: payload as object });
    const peer = { name: '杭州市', value: 4.6, periodKey: '2024', source: 'https://tjj.hangzhou.gov.cn/2024公报' };
    for (const who of [lead, viewer]) expect((await add(who, peer)).statusCode).toBe(403);
    expect((await add(osup, peer)).statusCode).toBe(404);
    expect(json<ErrorBody>(await add(sup, { ...peer, periodKey: '2024-Q1' })).error.code).toBe('period_invalid');
    expect(json<ErrorBody>(await add(sup, { ...peer, source: '' })).error.field).toBe('body.source');
    const added = await add(sup, peer);
    expect(added.statusCode).toBe(201);
    const peerId = answer('POST /api/v1/indicators/:id/peers', added).id;
    expect(answer('GET /api/v1/indicators/:id', await get(viewer, id)).peers).toEqual([expect.objectContaining({ name: '杭州市', value: 4.6, source: peer.source })]);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/indicator-peers/${peerId}`, headers: lead.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/indicator-peers/${peerId}`, headers: sup.headers })).statusCode).toBe(204);
    expect(await audit(peerId)).toEqual(['indicator_peer.added', 'indicator_peer.deleted']);
  });

  it('makes indicators of a programme’s decomposed targets once, skipping what cannot be made', async () => {
    const unit = (await buildUnit(t.ctx)).id;
    const p = await buildTask(t.ctx, { supervisorIds: [sup.user.id], state: 'in_progress', leadUnitId: unit, title: '新建和改造提升农村公路2500公里', dueDate: '2024-12-31' });
    const orphan = await buildTask(t.ctx, { programmeId: p.programmeId, state: 'draft', leadUnitId: null, title: '城镇新增就业30万人以上' });
    const target = (text: string, start: number, value: number, unitName: string, direction: string, metric: string | null) => ({ text, span: [start, start + text.length], metric, value, valueMax: null, unit: unitName, direction, trend: null });
    await t.ctx.db.updateTable('tasks').set({ targets_json: JSON.stringify([target('2500公里', 10, 2500, '公里', 'increase', null), target('5%以内', 40, 5, '%', 'at_most', '能耗增速')]) }).where('id', '=', p.id).execute();
    await t.ctx.db.updateTable('tasks').set({ targets_json: JSON.stringify([target('30万人以上', 4, 30, '万人', 'at_least', '城镇新增就业')]) }).where('id', '=', orphan.id).execute();
    const call = (who: SignedIn) => t.app.inject({ method: 'POST', url: '/api/v1/indicators/from-targets', headers: who.headers, payload: { programmeId: p.programmeId } });
    expect((await call(lead)).statusCode).toBe(403);
    expect((await call(osup)).statusCode).toBe(404);
    const res = answer('POST /api/v1/indicators/from-targets', await call(sup));
    expect(res.created.map((i) => [i.name, i.unit, i.direction, i.baseline, i.target, i.period, i.startDate, i.endDate, i.responsibleUnitId])).toEqual([
      ['新建和改造提升农村公路2500公里', '公里', 'at_least', 0, 2500, 'year', '2024-01-01', '2024-12-31', unit],
      ['能耗增速', '%', 'at_most', 5, 5, 'year', '2024-01-01', '2024-12-31', unit],
    ]);
    expect(res.skipped).toEqual([{ taskId: orphan.id, text: '30万人以上', reason: 'no_lead_unit' }]);
    expect(answer('POST /api/v1/indicators/from-targets', await call(sup)).created).toEqual([]);
  });
});
