import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer, createTestApp, json, type TestApp } from '../support/harness.ts';
import { buildUnit, buildUser, signIn, type SignedIn } from '../support/factories.ts';


describe('tasks (API)', () => {
  let t: TestApp;
  let supervisor: SignedIn;
  let otherSupervisor: SignedIn;
  let liaison: SignedIn;
  let outsider: SignedIn;
  let leader: SignedIn;
  let viewer: SignedIn;
  let leadUnit: string;
  let coUnit: string;
  let coLiaison: SignedIn;
  let programmeId: string;

  beforeAll(async () => {
    t = await createTestApp('sqlite');
    const unit = await buildUnit(t.ctx, { name: '市发展改革委-tasks' });
    const co = await buildUnit(t.ctx, { name: '市商务局-tasks' });
    leadUnit = unit.id;
    coUnit = co.id;
    supervisor = await signIn(t.app, await buildUser(t.ctx, { roles: ['supervisor'] }));
    otherSupervisor = await signIn(t.app, await buildUser(t.ctx, { roles: ['supervisor'] }));
    liaison = await signIn(t.app, await buildUser(t.ctx, { roles: ['liaison'], unitId: unit.id }));
    coLiaison = await signIn(t.app, await buildUser(t.ctx, { roles: ['liaison'], unitId: co.id }));
    outsider = await signIn(t.app, await buildUser(t.ctx, { roles: ['liaison'] }));
    leader = await signIn(t.app, await buildUser(t.ctx, { roles: ['leader'] }));
    viewer = await signIn(t.app, await buildUser(t.ctx, { roles: ['viewer'] }));
    const p = await t.app.inject({ method: 'POST', url: '/api/v1/programmes', headers: supervisor.headers, payload: { title: '2024年经济工作重点任务' } });
    expect(p.statusCode).toBe(201);
    programmeId = answer('POST /api/v1/programmes', p).id;
  });
  afterAll(async () => t.close());

  const act = (who: SignedIn, id: string, payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: `/api/v1/tasks/${id}/transitions`, headers: who.headers, payload });
  const get = (who: SignedIn, id: string) => t.app.inject({ method: 'GET', url: `/api/v1/tasks/${id}`, headers: who.headers });
  const create = (who: SignedIn, payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: `/api/v1/programmes/${programmeId}/tasks`, headers: who.headers, payload });

  it('lets only the programme’s supervisors plan it', async () => {
    expect((await create(liaison, { title: 'x' })).statusCode).toBe(403);
    // Another supervisor cannot see the programme at all: 404, as for a programme that does not exist.
    expect((await create(otherSupervisor, { title: 'x' })).statusCode).toBe(404);
    const bad = await create(supervisor, { title: 'x', dueDate: '2024-13-45x' });
    expect(bad.statusCode).toBe(400);
    expect(json(bad)).toMatchObject({ error: { field: 'body.dueDate' } });
    const sameUnit = await create(supervisor, { title: 'x', leadUnitId: leadUnit, coUnits: [{ unitId: leadUnit }] });
    expect(json(sameUnit)).toMatchObject({ error: { code: 'units_invalid' } });
  });

  it('hides a draft from liaisons and viewers, and shows it to leaders', async () => {
    const area = answer('POST /api/v1/programmes/:id/tasks', await create(supervisor, { title: '以科技创新引领现代化产业体系建设' }));
    const task = answer('POST /api/v1/programmes/:id/tasks', await create(supervisor, { title: '加快传统产业转型升级', parentId: area.id, leadUnitId: leadUnit }));
    expect(area.kind).toBe('area');
    expect(task).toMatchObject({ kind: 'task', parentId: area.id, state: 'draft' });
    expect((await get(liaison, task.id)).statusCode).toBe(404);
    expect((await get(viewer, task.id)).statusCode).toBe(404);
    expect((await get(otherSupervisor, task.id)).statusCode).toBe(404);
    expect((await get(leader, task.id)).statusCode).toBe(200);
    const ledger = answer('GET /api/v1/tasks', await t.app.inject({ method: 'GET', url: '/api/v1/tasks', headers: liaison.headers }));
    expect(ledger.items.map((i) => i.id)).not.toContain(task.id);
  });

  it('runs assign → sign with role checks, version checks and the state machine’s codes', async () => {
    const task = answer('POST /api/v1/programmes/:id/tasks', await create(supervisor, { title: '全力扩大有效益的投资', leadUnitId: leadUnit, coUnits: [{ unitId: coUnit, part: '招商引资' }], dueDate: '2099-12-31' }));
    const early = await act(liaison, task.id, { action: 'sign', version: task.version });
    expect(early.statusCode).toBe(404);
    const wrongRole = await act(leader, task.id, { action: 'assign', version: task.version });
    expect(wrongRole.statusCode).toBe(403);
    expect(json(wrongRole)).toMatchObject({ error: { code: 'forbidden' } });
    const stale = await act(supervisor, task.id, { action: 'assign', version: task.version + 5 });
    expect(stale.statusCode).toBe(409);
    expect(json(stale)).toMatchObject({ error: { code: 'version_conflict' } });
    const assigned = await act(supervisor, task.id, { action: 'assign', version: task.version });
    expect(assigned.statusCode).toBe(200);
    const a = answer('POST /api/v1/tasks/:id/transitions', assigned);
    expect(a.state).toBe('assigned');

    // Both units hear of the assignment in-app, the supervisor who acted does not.
    const notes = answer('GET /api/v1/notifications', await t.app.inject({ method: 'GET', url: '/api/v1/notifications', headers: liaison.headers }));
    expect(notes.items.filter((n) => n.taskId === task.id).map((n) => n.kind)).toEqual(['task_assigned']);
    const coNotes = answer('GET /api/v1/notifications', await t.app.inject({ method: 'GET', url: '/api/v1/notifications', headers: coLiaison.headers }));
    expect(coNotes.items.some((n) => n.taskId === task.id && n.kind === 'task_assigned')).toBe(true);
    const own = answer('GET /api/v1/notifications', await t.app.inject({ method: 'GET', url: '/api/v1/notifications', headers: supervisor.headers }));
    expect(own.items.some((n) => n.taskId === task.id)).toBe(false);

    const seen = answer('GET /api/v1/tasks/:id', await get(liaison, task.id));
    expect(seen.abilities.actions.sign).toEqual({ allowed: true });
    expect(seen.abilities.actions.close).toMatchObject({ allowed: false, code: 'forbidden' });
    expect(seen.abilities.plan).toBe(false);
    const coSeen = answer('GET /api/v1/tasks/:id', await get(coLiaison, task.id));
    expect(coSeen.abilities.actions.sign).toMatchObject({ allowed: false });
    expect((await get(outsider, task.id)).statusCode).toBe(404);
    expect((await get(viewer, task.id)).statusCode).toBe(200);

    const coSign = await act(coLiaison, task.id, { action: 'sign', version: a.version });
    expect(coSign.statusCode).toBe(403);
    const twice = await act(supervisor, task.id, { action: 'assign', version: a.version });
    expect(twice.statusCode).toBe(409);
    expect(json(twice)).toMatchObject({ error: { code: 'invalid_transition' } });
    const noReason = await act(liaison, task.id, { action: 'requestReassign', version: a.version, reason: '　' });
    expect(noReason.statusCode).toBe(400);
    expect(json(noReason)).toMatchObject({ error: { code: 'reason_required' } });
    const signed = await act(liaison, task.id, { action: 'sign', version: a.version });
    expect(answer('POST /api/v1/tasks/:id/transitions', signed).state).toBe('signed');
    const ext = await act(liaison, task.id, { action: 'requestExtension', version: answer('POST /api/v1/tasks/:id/transitions', signed).version, newDueDate: '2100-01-31', reason: '需要更多时间' });
    expect(ext.statusCode).toBe(200);
    const supNotes = answer('GET /api/v1/notifications', await t.app.inject({ method: 'GET', url: '/api/v1/notifications', headers: supervisor.headers }));
    expect(supNotes.items.filter((n) => n.taskId === task.id).map((n) => n.kind)).toEqual(['extension_requested']);
    const noReport = await act(liaison, task.id, { action: 'requestCompletion', version: answer('POST /api/v1/tasks/:id/transitions', ext).version });
    expect(noReport.statusCode).toBe(409);

    const timeline = answer('GET /api/v1/tasks/:id/timeline', await t.app.inject({ method: 'GET', url: `/api/v1/tasks/${task.id}/timeline`, headers: liaison.headers }));
    const transitions = timeline.items.filter((i) => i.kind === 'transition');
    expect(transitions.map((i) => i.action)).toEqual(['task.assigned', 'task.signed', 'task.extension_requested']);
    expect(transitions[1]).toMatchObject({ fromState: 'assigned', toState: 'signed', actorId: liaison.user.id });
    // The liaison sees the notice sent to them; the supervisor's own notice (the extension request) is not theirs.
    expect(timeline.items.filter((i) => i.kind === 'notice').map((i) => i.action)).toEqual(['notice.task_assigned']);
    const supTimeline = answer('GET /api/v1/tasks/:id/timeline', await t.app.inject({ method: 'GET', url: `/api/v1/tasks/${task.id}/timeline`, headers: supervisor.headers }));
    expect(supTimeline.items.filter((i) => i.kind === 'notice').map((i) => i.action)).toEqual(['notice.task_assigned', 'notice.extension_requested']);
    const audit = await t.ctx.db.selectFrom('audit_events').select(['action', 'actor_id']).where('object_id', '=', task.id).orderBy('seq').execute();
    expect(audit.map((r) => r.action)).toEqual(['task.created', 'task.assigned', 'task.signed', 'task.extension_requested']);
  });

  it('suspends with a review date, resumes, and handles extension requests with self-review refused', async () => {
    let task = answer('POST /api/v1/programmes/:id/tasks', await create(supervisor, { title: '深入推进长江大保护', leadUnitId: leadUnit, dueDate: '2099-06-30' }));
    task = answer('POST /api/v1/tasks/:id/transitions', await act(supervisor, task.id, { action: 'assign', version: task.version }));
    task = answer('POST /api/v1/tasks/:id/transitions', await act(liaison, task.id, { action: 'sign', version: task.version }));
    const req = await act(liaison, task.id, { action: 'requestExtension', version: task.version, newDueDate: '2099-09-30', reason: '汛期施工受限' });
    expect(req.statusCode).toBe(200);
    task = answer('POST /api/v1/tasks/:id/transitions', req);
    const pastDate = await act(supervisor, task.id, { action: 'suspend', version: task.version, reason: '等待规划批复', reviewDate: '2000-01-01' });
    expect(json(pastDate)).toMatchObject({ error: { code: 'review_date_invalid' } });
    const approved = await act(leader, task.id, { action: 'approveExtension', version: task.version });
    expect(approved.statusCode).toBe(200);
    task = answer('POST /api/v1/tasks/:id/transitions', approved);
    expect(task.dueDate).toBe('2099-09-30');
    task = answer('POST /api/v1/tasks/:id/transitions', await act(supervisor, task.id, { action: 'suspend', version: task.version, reason: '等待规划批复', reviewDate: '2099-01-01' }));
    expect(task).toMatchObject({ state: 'suspended', health: 'grey' });
    task = answer('POST /api/v1/tasks/:id/transitions', await act(supervisor, task.id, { action: 'resume', version: task.version }));
    expect(task.state).toBe('signed');
  });

  it('lights a task red with its reason in words when it is overdue', async () => {
    let task = answer('POST /api/v1/programmes/:id/tasks', await create(supervisor, { title: '兜住兜准兜牢民生底线', leadUnitId: leadUnit, dueDate: '2099-01-31', startDate: '2019-06-01' }));
    task = answer('POST /api/v1/tasks/:id/transitions', await act(supervisor, task.id, { action: 'assign', version: task.version }));
    // 交办 takes no deadline in the past; the plan can still move it back, and then the light says so.
    const moved = await t.app.inject({ method: 'PATCH', url: `/api/v1/tasks/${task.id}`, headers: supervisor.headers, payload: { version: task.version, dueDate: '2020-01-31' } });
    expect(moved.statusCode).toBe(200);
    task = answer('PATCH /api/v1/tasks/:id', moved);
    expect(task.health).toBe('red');
    expect(task.healthSummary?.['zh-Hans']).toMatch(/^红灯：已逾期\d+天/);
    expect(task.healthSummary?.en).toMatch(/^Red: \d+ days overdue/);
    const filtered = answer('GET /api/v1/tasks', await t.app.inject({ method: 'GET', url: `/api/v1/tasks?health=red&programmeId=${programmeId}`, headers: supervisor.headers }));
    expect(filtered.items.map((i) => i.id)).toContain(task.id);
    expect(filtered.items.every((i) => i.health === 'red')).toBe(true);
  });

  it('searches the ledger in either script and scopes it per role', async () => {
    const task = answer('POST /api/v1/programmes/:id/tasks', await create(supervisor, { title: '加快建設國際消費中心城市', leadUnitId: leadUnit, dueDate: '2099-12-31' }));
    expect((await act(supervisor, task.id, { action: 'assign', version: task.version })).statusCode).toBe(200);
    const q = encodeURIComponent('国际消费中心');
    const mine = answer('GET /api/v1/tasks', await t.app.inject({ method: 'GET', url: `/api/v1/tasks?q=${q}`, headers: liaison.headers }));
    expect(mine.items.map((i) => i.id)).toEqual([task.id]);
    const theirs = answer('GET /api/v1/tasks', await t.app.inject({ method: 'GET', url: `/api/v1/tasks?q=${q}`, headers: outsider.headers }));
    expect(theirs.total).toBe(0);
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/tasks?sort=nonsense', headers: liaison.headers });
    expect(bad.statusCode).toBe(400);
  });

  it('clears a responsible person with null, assigns with a cadence, and shows plan edits on the timeline', async () => {
    const owner = await buildUser(t.ctx, { roles: ['liaison'], unitId: leadUnit });
    let task = answer('POST /api/v1/programmes/:id/tasks', await create(supervisor, { title: '提振大宗消费', leadUnitId: leadUnit, ownerUserId: owner.id }));
    const cleared = await t.app.inject({ method: 'PATCH', url: `/api/v1/tasks/${task.id}`, headers: supervisor.headers, payload: { version: task.version, ownerUserId: null } });
    expect(cleared.statusCode).toBe(200);
    task = answer('PATCH /api/v1/tasks/:id', cleared);
    expect(task.ownerUserId).toBeNull();
    const ghostLead = await t.app.inject({ method: 'PATCH', url: `/api/v1/tasks/${task.id}`, headers: supervisor.headers, payload: { version: task.version, leadUnitId: 'no-such-unit' } });
    expect(ghostLead.statusCode).toBe(400);
    expect(json(ghostLead)).toMatchObject({ error: { code: 'unit_not_found' } });
    const assigned = await act(supervisor, task.id, { action: 'assign', version: task.version, dueDate: '2099-03-31', cadence: { kind: 'monthly' }, ownerUserId: owner.id });
    expect(assigned.statusCode).toBe(200);
    expect(json(assigned)).toMatchObject({ state: 'assigned', dueDate: '2099-03-31', cadence: { kind: 'monthly' }, ownerUserId: owner.id });
    const badCadence = await act(supervisor, task.id, { action: 'reassign', version: answer('POST /api/v1/tasks/:id/transitions', assigned).version, leadUnitId: leadUnit, cadence: { kind: 'custom', dates: ['2099-02-30'] } });
    expect(badCadence.statusCode).toBe(400);

    const milestone = await t.app.inject({ method: 'POST', url: `/api/v1/tasks/${task.id}/milestones`, headers: supervisor.headers, payload: { title: '完成方案编制', dueDate: '2099-01-31' } });
    expect(milestone.statusCode).toBe(201);
    const timeline = answer('GET /api/v1/tasks/:id/timeline', await t.app.inject({ method: 'GET', url: `/api/v1/tasks/${task.id}/timeline`, headers: viewer.headers }));
    const transitions = timeline.items.filter((i) => i.kind === 'transition');
    expect(transitions.map((i) => i.action)).toEqual(['task.updated', 'task.assigned', 'milestone.created']);
    expect(transitions.every((i) => i.actorName === supervisor.user.displayName)).toBe(true);
    const detail = answer('GET /api/v1/tasks/:id', await get(liaison, task.id));
    expect(detail.abilities.markMilestones).toBe(true);
    expect(answer('GET /api/v1/tasks/:id', await get(viewer, task.id)).abilities.markMilestones).toBe(false);
  });

  it('counts only the tasks a caller may see in a programme’s stats, and tells the UI the upload limit', async () => {
    const full = answer('GET /api/v1/programmes/:id', await t.app.inject({ method: 'GET', url: `/api/v1/programmes/${programmeId}`, headers: supervisor.headers }));
    const seen = answer('GET /api/v1/programmes/:id', await t.app.inject({ method: 'GET', url: `/api/v1/programmes/${programmeId}`, headers: viewer.headers }));
    expect(full.stats.byState.draft).toBeGreaterThan(0);
    expect(seen.stats.byState.draft).toBeUndefined();
    const me = answer('GET /api/v1/me', await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: viewer.headers }));
    expect(me.limits.uploadBytes).toBe(t.ctx.config.uploadLimitBytes);
  });
});
