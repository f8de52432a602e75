/**
 * Sound rules (issue 7 §4) and decisions that reach their people (issue 15), through the HTTP API: 交办 needs a lead
 * unit and a deadline not in the past, 申请办结 a final report, 销号 short of it a reason that is kept and shown; the
 * last extension decision is on the task; notices are settled when their item is acted on; a task reassigned away
 * leaves notices without a link; every single-task answer carries the caller's abilities.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer, createTestApp, json, TestClock, type TestApp, type ErrorBody } from '../support/harness.ts';
import { buildUnit, buildUser, signIn, type SignedIn } from '../support/factories.ts';
import { multipart } from '../support/multipart.ts';


const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

describe('sound rules and decisions (API)', () => {
  let t: TestApp;
  const clock = new TestClock(new Date('2024-03-01T02:00:00.000Z')); // 10:00 in Shanghai
  let supervisor: SignedIn;
  let reviewer: SignedIn;
  let lead: SignedIn;
  let lead2: SignedIn;
  let co: SignedIn;
  let other: SignedIn;
  let leadUnit: string;
  let coUnit: string;
  let otherUnit: string;
  let programmeId: string;

  beforeAll(async () => {
    t = await createTestApp('sqlite', { clock });
    leadUnit = (await buildUnit(t.ctx, { name: '市发展改革委-decisions' })).id;
    coUnit = (await buildUnit(t.ctx, { name: '市商务局-decisions' })).id;
    otherUnit = (await buildUnit(t.ctx, { name: '市经信局-decisions' })).id;
    supervisor = await signIn(t.app, await buildUser(t.ctx, { roles: ['supervisor'], displayName: '王督查' }));
    reviewer = await signIn(t.app, await buildUser(t.ctx, { roles: ['supervisor'], displayName: '李审核' }));
    lead = await signIn(t.app, await buildUser(t.ctx, { roles: ['liaison'], unitId: leadUnit }));
    lead2 = await signIn(t.app, await buildUser(t.ctx, { roles: ['liaison'], unitId: leadUnit }));
    co = await signIn(t.app, await buildUser(t.ctx, { roles: ['liaison'], unitId: coUnit }));
    other = await signIn(t.app, await buildUser(t.ctx, { roles: ['liaison'], unitId: otherUnit }));
    programmeId = await newProgramme();
  });
  afterAll(async () => t.close());

  async function newProgramme(): Promise<string> {
    const p = await t.app.inject({ method: 'POST', url: '/api/v1/programmes', headers: supervisor.headers, payload: { title: '重点任务', supervisorIds: [supervisor.user.id, reviewer.user.id] } });
    expect(p.statusCode).toBe(201);
    return answer('POST /api/v1/programmes', p).id;
  }
  const act = (who: SignedIn, id: string, payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: `/api/v1/tasks/${id}/transitions`, headers: who.headers, payload });
  const get = async (who: SignedIn, id: string) => answer('GET /api/v1/tasks/:id', await t.app.inject({ method: 'GET', url: `/api/v1/tasks/${id}`, headers: who.headers }));
  const create = async (payload: Record<string, unknown>, programme = programmeId) => {
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/programmes/${programme}/tasks`, headers: supervisor.headers, payload });
    expect(res.statusCode).toBe(201);
    return answer('POST /api/v1/programmes/:id/tasks', res);
  };
  const ok = async (who: SignedIn, id: string, payload: Record<string, unknown>) => {
    const res = await act(who, id, payload);
    if (res.statusCode !== 200) throw new Error(`${String(payload.action)}: ${res.statusCode} ${res.body}`);
    return answer('POST /api/v1/tasks/:id/transitions', res);
  };
  const notifications = async (who: SignedIn) =>
    answer('GET /api/v1/notifications', await t.app.inject({ method: 'GET', url: '/api/v1/notifications?locale=zh-Hans', headers: who.headers })).items;
  const report = (who: SignedIn, taskId: string, payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: `/api/v1/tasks/${taskId}/reports`, headers: who.headers, payload });
  const reportAction = (who: SignedIn, id: string, action: 'submit' | 'accept') => t.app.inject({ method: 'POST', url: `/api/v1/reports/${id}/${action}`, headers: who.headers });
  const attach = async (who: SignedIn, reportId: string, filename: string) => {
    const upload = multipart({ filename, content: PNG, type: 'image/png' });
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/reports/${reportId}/evidence`, headers: { ...who.headers, ...upload.headers }, payload: upload.payload })).statusCode).toBe(201);
  };

  /** A task assigned to the lead unit (with the co-unit) and signed. */
  async function signedTask(title: string, programme = programmeId, cadence: unknown = { kind: 'monthly' }) {
    const task = await create({ title, leadUnitId: leadUnit, coUnits: [{ unitId: coUnit }], dueDate: '2024-06-30', cadence }, programme);
    const assigned = await ok(supervisor, task.id, { action: 'assign', version: task.version });
    return ok(lead, task.id, { action: 'sign', version: assigned.version });
  }

  it('refuses 交办 without a lead unit or with no or a past deadline, naming the field', async () => {
    const task = await create({ title: '加强水电气运保障' });
    const noUnit = await act(supervisor, task.id, { action: 'assign', version: task.version, dueDate: '2024-06-30' });
    expect(noUnit.statusCode).toBe(400);
    expect(json<ErrorBody>(noUnit).error).toMatchObject({ code: 'lead_unit_required', field: 'body.leadUnitId' });
    const noDue = await act(supervisor, task.id, { action: 'assign', version: task.version, leadUnitId: leadUnit });
    expect(noDue.statusCode).toBe(400);
    expect(json<ErrorBody>(noDue).error).toMatchObject({ code: 'due_date_required', field: 'body.dueDate' });
    const past = await act(supervisor, task.id, { action: 'assign', version: task.version, leadUnitId: leadUnit, dueDate: '2024-02-29' });
    expect(past.statusCode).toBe(400);
    expect(json<ErrorBody>(past).error).toMatchObject({ code: 'due_date_in_past', field: 'body.dueDate' });
    expect((await get(supervisor, task.id)).task.state).toBe('draft');

    // Due in three days and assigned now: blue for the deadline, never red for a lack of progress it cannot have yet.
    const assigned = await ok(supervisor, task.id, { action: 'assign', version: task.version, leadUnitId: leadUnit, dueDate: '2024-03-04', cadence: { kind: 'weekly' } });
    expect(assigned).toMatchObject({ state: 'assigned', dueDate: '2024-03-04', health: 'blue' });
    expect(assigned.healthReasons.map((r) => r.colour)).not.toContain('red');
    // The answer of a transition carries the caller's abilities.
    expect(assigned.abilities.actions.reassign).toEqual({ allowed: true });
    expect(assigned.abilities.actions.sign).toEqual({ allowed: false, code: 'forbidden' });
  });

  it('marks the assignment notice read for the whole unit once it signs, and the review request once it is reviewed', async () => {
    const task = await create({ title: '保障农民工工资按时足额发放', leadUnitId: leadUnit, dueDate: '2024-12-31', cadence: { kind: 'monthly' } });
    const assigned = await ok(supervisor, task.id, { action: 'assign', version: task.version });
    const unread = (await notifications(lead2)).find((n) => n.taskId === task.id && n.kind === 'task_assigned');
    expect(unread?.readAt).toBeNull();
    const signed = await ok(lead, task.id, { action: 'sign', version: assigned.version });
    expect(signed.abilities.actions.start).toEqual({ allowed: true });
    for (const who of [lead, lead2]) expect((await notifications(who)).find((n) => n.taskId === task.id && n.kind === 'task_assigned')?.readAt).not.toBeNull();
    const settled = await t.ctx.db.selectFrom('audit_events').select(['action', 'context_json']).where('action', '=', 'notice.resolved').execute();
    expect(settled.some((a) => a.context_json?.includes(task.id))).toBe(true);

    const r = answer('POST /api/v1/tasks/:id/reports', await report(lead, task.id, { periodKey: '2024-03', progress: 10, text: '已部署专项检查。' }));
    expect((await reportAction(lead, r.id, 'submit')).statusCode).toBe(200);
    expect((await notifications(reviewer)).find((n) => n.kind === 'report_submitted' && n.taskId === task.id)?.readAt).toBeNull();
    // The report waits for review: the light says so instead of "no report yet".
    expect((await get(supervisor, task.id)).task.healthSummary?.['zh-Hans']).toContain('反馈待审核');
    expect((await reportAction(reviewer, r.id, 'accept')).statusCode).toBe(200);
    // Both supervisors got the review request; one review settles it for both.
    for (const who of [supervisor, reviewer]) expect((await notifications(who)).find((n) => n.kind === 'report_submitted' && n.taskId === task.id)?.readAt).not.toBeNull();
    const after = (await get(lead, task.id)).task;
    expect(after.healthSummary?.['zh-Hans']).toContain('最近一次反馈在今天');
    expect(after.healthSummary?.['zh-Hans']).not.toContain('尚无反馈');
    const accepted = (await notifications(lead2)).find((n) => n.kind === 'report_accepted' && n.taskId === task.id);
    expect(accepted?.body).toBe('李审核审核通过了「保障农民工工资按时足额发放」2024-03的进展报告。');
  });

  it('asks for a final report before 申请办结 and for a reason to close short of it, and keeps the reason', async () => {
    // No cadence, so the final report can speak for the quarter while the month's report is already accepted.
    const task = await signedTask('抓好安全生产、防災減災', programmeId, null);
    const first = answer('POST /api/v1/tasks/:id/reports', await report(lead, task.id, { periodKey: '2024-03', progress: 40, text: '完成隐患排查。' }));
    await attach(lead, first.id, '排查清单.png');
    await reportAction(lead, first.id, 'submit');
    await reportAction(reviewer, first.id, 'accept');
    let current = (await get(lead, task.id)).task;
    const refused = await act(lead, task.id, { action: 'requestCompletion', version: current.version });
    expect(refused.statusCode).toBe(409);
    expect(json<ErrorBody>(refused).error.code).toBe('final_report_required');
    expect((await get(lead, task.id)).abilities.actions.requestCompletion).toEqual({ allowed: false, code: 'final_report_required' });

    // Only the lead unit writes the final report; it needs a summary and evidence before it goes to review.
    const byCo = await report(co, task.id, { periodKey: '2024-Q1', progress: 60, text: '配合完成。', final: true });
    expect(json<ErrorBody>(byCo).error).toMatchObject({ code: 'final_report_lead_only', field: 'body.final' });
    let final = answer('POST /api/v1/tasks/:id/reports', await report(lead, task.id, { periodKey: '2024-Q1', progress: 60, text: '排查整治基本完成。', final: true }));
    expect(final).toMatchObject({ final: true, summary: null });
    const noSummary = await reportAction(lead, final.id, 'submit');
    expect(noSummary.statusCode).toBe(400);
    expect(json<ErrorBody>(noSummary).error.code).toBe('final_summary_required');
    final = answer('PATCH /api/v1/reports/:id', await t.app.inject({ method: 'PATCH', url: `/api/v1/reports/${final.id}`, headers: lead.headers, payload: { version: final.version, summary: '全年排查整治隐患312处，剩余两处列入明年计划。' } }));
    const noFile = await reportAction(lead, final.id, 'submit');
    expect(noFile.statusCode).toBe(409);
    expect(json<ErrorBody>(noFile).error.code).toBe('final_evidence_required');
    await attach(lead, final.id, '总结.png');
    expect((await reportAction(lead, final.id, 'submit')).statusCode).toBe(200);

    // A final report waiting for review is enough to ask.
    current = (await get(lead, task.id)).task;
    await ok(lead, task.id, { action: 'requestCompletion', version: current.version });
    const view = await get(supervisor, task.id);
    expect(view.abilities.actions.close).toEqual({ allowed: true, reasonRequired: true, because: ['progress_below_100', 'final_report_not_accepted'] });
    const bare = await act(supervisor, task.id, { action: 'close', version: view.task.version });
    expect(bare.statusCode).toBe(400);
    expect(json<ErrorBody>(bare).error).toMatchObject({ code: 'close_reason_required', field: 'body.reason' });

    expect((await reportAction(reviewer, final.id, 'accept')).statusCode).toBe(200);
    const again = await get(supervisor, task.id);
    expect(again.task.progress).toBe(60);
    expect(again.abilities.actions.close).toEqual({ allowed: true, reasonRequired: true, because: ['progress_below_100'] });
    const closed = await ok(supervisor, task.id, { action: 'close', version: again.task.version, reason: '剩余两处隐患列入明年计划，另行立项督办。' });
    expect(closed.state).toBe('closed');
    expect(closed.closure).toMatchObject({ reason: '剩余两处隐患列入明年计划，另行立项督办。', progress: 60, finalReportAccepted: true, closedByName: '王督查' });
    expect((await get(lead, task.id)).task.closure?.reason).toBe('剩余两处隐患列入明年计划，另行立项督办。');

    const timeline = answer(
      'GET /api/v1/tasks/:id/timeline',
      await t.app.inject({ method: 'GET', url: `/api/v1/tasks/${task.id}/timeline`, headers: lead.headers }),
    ).items;
    expect(timeline.find((e) => e.action === 'task.closed')).toMatchObject({ reason: '剩余两处隐患列入明年计划，另行立项督办。', data: { progress: 60 } });
    const notice = (await notifications(co)).find((n) => n.kind === 'task_closed' && n.taskId === task.id);
    expect(notice?.body).toBe('王督查已核验「抓好安全生产、防災減災」并销号。销号时完成进度60%。理由：剩余两处隐患列入明年计划，另行立项督办。');
    // The completion request was acted on.
    expect((await notifications(reviewer)).find((n) => n.kind === 'completion_requested' && n.taskId === task.id)?.readAt).not.toBeNull();
  });

  it('lets a lenient programme close at 40 % without a reason', async () => {
    const lenient = await newProgramme();
    const p = answer('GET /api/v1/programmes/:id', await t.app.inject({ method: 'GET', url: `/api/v1/programmes/${lenient}`, headers: supervisor.headers }));
    const patched = await t.app.inject({ method: 'PATCH', url: `/api/v1/programmes/${lenient}`, headers: supervisor.headers, payload: { version: p.version, completionPolicy: 'lenient' } });
    expect(answer('PATCH /api/v1/programmes/:id', patched)).toMatchObject({ completionPolicy: 'lenient' });
    const bad = await t.app.inject({ method: 'PATCH', url: `/api/v1/programmes/${lenient}`, headers: supervisor.headers, payload: { version: p.version + 1, completionPolicy: 'loose' } });
    expect(bad.statusCode).toBe(400);

    const task = await signedTask('稳妥推进保交楼', lenient, null);
    const r = answer('POST /api/v1/tasks/:id/reports', await report(lead, task.id, { periodKey: '2024-03', progress: 40, text: '已交付两个项目。' }));
    await reportAction(lead, r.id, 'submit');
    await reportAction(reviewer, r.id, 'accept');
    // Lenient: an accepted report, final or not, is enough to ask.
    const asked = await ok(lead, task.id, { action: 'requestCompletion', version: (await get(lead, task.id)).task.version });
    // Evidence is still required to close, whatever the policy: an accepted report with a file.
    expect((await get(supervisor, task.id)).abilities.actions.close).toEqual({ allowed: false, code: 'evidence_required' });
    await ok(supervisor, task.id, { action: 'returnCompletion', version: asked.version, reason: '请补充佐证材料' });
    expect((await notifications(lead)).find((n) => n.kind === 'completion_returned' && n.taskId === task.id)?.body).toBe('王督查退回了「稳妥推进保交楼」的办结申请，请继续办理。理由：请补充佐证材料');
    const withFile = answer('POST /api/v1/tasks/:id/reports', await report(lead, task.id, { periodKey: '2024-Q1', progress: 40, text: '补充交付证明。' }));
    await attach(lead, withFile.id, '交付证明.png');
    await reportAction(lead, withFile.id, 'submit');
    await reportAction(reviewer, withFile.id, 'accept');
    const again = await ok(lead, task.id, { action: 'requestCompletion', version: (await get(lead, task.id)).task.version });
    expect((await get(supervisor, task.id)).abilities.actions.close).toEqual({ allowed: true });
    const closed = await ok(supervisor, task.id, { action: 'close', version: again.version });
    expect(closed.closure).toMatchObject({ reason: null, progress: 40, finalReportAccepted: false });
  });

  it('keeps the last extension decision on the task and tells the unit, with who decided and why', async () => {
    const task = await signedTask('加快建设国际消费中心城市');
    const asked = await ok(lead, task.id, { action: 'requestExtension', version: task.version, newDueDate: '2024-08-31', reason: '汛期影响施工' });
    const approved = await ok(supervisor, task.id, { action: 'approveExtension', version: asked.version, reason: '汛期影响属实' });
    expect(approved.dueDate).toBe('2024-08-31');
    expect(approved.lastExtensionDecision).toMatchObject({ decision: 'approved', decidedBy: supervisor.user.id, decidedByName: '王督查', reason: '汛期影响属实', previousDueDate: '2024-06-30', newDueDate: '2024-08-31', requestedDueDate: '2024-08-31' });
    const notice = (await notifications(lead2)).find((n) => n.kind === 'extension_approved' && n.taskId === task.id);
    expect(notice).toMatchObject({ title: '【延期已批准】加快建设国际消费中心城市', body: '王督查批准了「加快建设国际消费中心城市」的延期申请，截止日期由2024-06-30改为2024-08-31。理由：汛期影响属实' });
    expect((await notifications(co)).some((n) => n.kind === 'extension_approved' && n.taskId === task.id)).toBe(true);
    expect((await notifications(reviewer)).find((n) => n.kind === 'extension_requested' && n.taskId === task.id)?.readAt).not.toBeNull();

    const again = await ok(lead, task.id, { action: 'requestExtension', version: approved.version, newDueDate: '2024-12-31', reason: '再延一次' });
    const missing = await act(reviewer, task.id, { action: 'refuseExtension', version: again.version });
    expect(json<ErrorBody>(missing).error).toMatchObject({ code: 'reason_required', field: 'body.reason' });
    const refused = await ok(reviewer, task.id, { action: 'refuseExtension', version: again.version, reason: '已延期一次' });
    expect(refused.lastExtensionDecision).toMatchObject({ decision: 'refused', decidedByName: '李审核', reason: '已延期一次', newDueDate: null, requestedDueDate: '2024-12-31' });
    expect((await get(lead, task.id)).task.lastExtensionDecision?.decision).toBe('refused');
    const en = answer('GET /api/v1/notifications', await t.app.inject({ method: 'GET', url: '/api/v1/notifications?locale=en', headers: lead.headers })).items;
    expect(en.find((n) => n.kind === 'extension_refused' && n.taskId === task.id)?.body).toBe(
      '李审核 refused to extend “加快建设国际消费中心城市” to 2024-12-31; the deadline stays 2024-08-31. Reason: 已延期一次',
    );
  });

  it('tells every unit with open work when a reporting period is locked and unlocked, and nobody else', async () => {
    const programme = await newProgramme();
    await signedTask('锁定期通知测试', programme);
    const lock = await t.app.inject({ method: 'POST', url: `/api/v1/programmes/${programme}/periods/2024-02/lock`, headers: supervisor.headers });
    expect(lock.statusCode).toBe(201);
    const locked = (await notifications(lead2)).find((n) => n.kind === 'period_locked');
    expect(locked).toMatchObject({ taskId: null, title: '【报送期已锁定】重点任务 2024-02', body: '王督查锁定了「重点任务」2024-02报送期，该期进展报告不能再起草或提交；如需补报，请联系督查室。' });
    expect((await notifications(co)).filter((n) => n.kind === 'period_locked')).toHaveLength(1);
    expect((await notifications(other)).some((n) => n.kind === 'period_locked')).toBe(false);
    expect((await notifications(supervisor)).some((n) => n.kind === 'period_locked')).toBe(false);

    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/programmes/${programme}/periods/2024-02/lock`, headers: supervisor.headers })).statusCode).toBe(204);
    const en = answer('GET /api/v1/notifications', await t.app.inject({ method: 'GET', url: '/api/v1/notifications?locale=en', headers: lead.headers })).items;
    expect(en.find((n) => n.kind === 'period_unlocked')?.body).toBe('王督查 unlocked the 2024-02 reporting period of “重点任务”: reports for it may be submitted again.');
  });

  it('leaves a unit that lost a task with notices that no longer link to it', async () => {
    const task = await create({ title: '扩大有效投资', leadUnitId: leadUnit, dueDate: '2024-09-30' });
    const assigned = await ok(supervisor, task.id, { action: 'assign', version: task.version });
    const moved = await ok(supervisor, task.id, { action: 'reassign', version: assigned.version, leadUnitId: otherUnit, reason: '职责调整' });
    expect(moved.abilities.actions.suspend).toEqual({ allowed: true });
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/tasks/${task.id}`, headers: lead.headers })).statusCode).toBe(404);

    const mine = (await notifications(lead)).filter((n) => n.title.includes('扩大有效投资'));
    expect(mine.map((n) => n.kind).sort()).toEqual(['task_assigned', 'task_reassigned_away']);
    for (const n of mine) expect(n).toMatchObject({ taskId: null, noLongerYours: true });
    expect(mine.find((n) => n.kind === 'task_reassigned_away')?.body).toBe('王督查已将「扩大有效投资」改派给市经信局-decisions，你单位不再承办此任务。理由：职责调整');
    // The old assignment was superseded: settled, so it does not sit unread.
    expect(mine.find((n) => n.kind === 'task_assigned')?.readAt).not.toBeNull();

    const theirs = (await notifications(other)).find((n) => n.kind === 'task_reassigned' && n.title.includes('扩大有效投资'));
    expect(theirs).toMatchObject({ taskId: task.id, noLongerYours: false, body: '王督查将「扩大有效投资」由市发展改革委-decisions改派给你单位，截止日期2024-09-30，请及时签收。理由：职责调整' });
  });

  it('answers plan edits and creation with the caller’s abilities too', async () => {
    const task = await create({ title: '提振大宗消费' });
    expect(task.abilities.actions.assign).toEqual({ allowed: true });
    const patched = await t.app.inject({ method: 'PATCH', url: `/api/v1/tasks/${task.id}`, headers: supervisor.headers, payload: { version: task.version, dueDate: '2024-10-31' } });
    expect(answer('PATCH /api/v1/tasks/:id', patched).abilities).toMatchObject({ actions: { assign: { allowed: true } }, report: false });
  });
});
