/**
 * Role homes (GET /api/v1/home): failures first; then each role's first question — a leader's red and yellow tasks
 * and what came of a 批示, a supervisor's overdue tasks nobody has chased and units not signed, a liaison's own unit
 * — each scoped to what the caller may see, its counts equal to the ledger's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer, createTestApp, TestClock, type TestApp } from '../support/harness.ts';
import { buildTask, buildUnit, buildUser, signIn, type SignedIn } from '../support/factories.ts';

describe('role homes (API)', () => {
  let t: TestApp;
  let unitA: string;
  let unitB: string;
  let supervisor: SignedIn;
  let otherSupervisor: SignedIn;
  let leader: SignedIn;
  let viewer: SignedIn;
  let liaisonA: SignedIn;
  let programmeId: string;
  const ids: Record<string, string> = {};

  const home = async (who: SignedIn) => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/home', headers: who.headers });
    expect(res.statusCode, res.body).toBe(200);
    return answer('GET /api/v1/home', res);
  };
  const ledgerTotal = async (who: SignedIn, query: Record<string, string>) =>
    answer('GET /api/v1/tasks', await t.app.inject({ method: 'GET', url: `/api/v1/tasks?${new URLSearchParams({ ...query, limit: '1' })}`, headers: who.headers })).total;
  const light = (id: string, health: string, reason: string) =>
    t.ctx.db.updateTable('tasks').set({ health, health_json: JSON.stringify({ colour: health, reasons: [], summary: { 'zh-Hans': reason, 'zh-Hant': reason, en: reason } }) }).where('id', '=', id).execute();

  beforeAll(async () => {
    t = await createTestApp('sqlite', { clock: new TestClock(new Date('2024-05-10T02:00:00.000Z')) });
    unitA = (await buildUnit(t.ctx)).id;
    unitB = (await buildUnit(t.ctx)).id;
    supervisor = await signIn(t.app, await buildUser(t.ctx, { roles: ['supervisor'] }));
    otherSupervisor = await signIn(t.app, await buildUser(t.ctx, { roles: ['supervisor'] }));
    leader = await signIn(t.app, await buildUser(t.ctx, { roles: ['leader'] }));
    viewer = await signIn(t.app, await buildUser(t.ctx, { roles: ['viewer'] }));
    liaisonA = await signIn(t.app, await buildUser(t.ctx, { roles: ['liaison'], unitId: unitA }));
    const red = await buildTask(t.ctx, { supervisorIds: [supervisor.user.id], title: '红灯任务', state: 'in_progress', leadUnitId: unitA, dueDate: '2024-05-01', signedAt: '2024-03-01T02:00:00.000Z' });
    programmeId = red.programmeId;
    ids.red = red.id;
    await light(red.id, 'red', '已逾期9天');
    ids.yellow = (await buildTask(t.ctx, { programmeId, title: '黄灯任务', state: 'signed', leadUnitId: unitB, coUnitIds: [unitA], dueDate: '2024-06-01', signedAt: '2024-03-01T02:00:00.000Z' })).id;
    await light(ids.yellow, 'yellow', '进度滞后');
    ids.unsigned = (await buildTask(t.ctx, { programmeId, title: '待签收任务', state: 'assigned', leadUnitId: unitB, dueDate: '2024-12-31' })).id;
    await light(ids.unsigned, 'green', '按计划推进');
    ids.draft = (await buildTask(t.ctx, { programmeId, title: '草拟任务', state: 'draft', leadUnitId: unitA })).id;
    // Another programme's red task, supervised by someone else.
    ids.elsewhere = (await buildTask(t.ctx, { supervisorIds: [otherSupervisor.user.id], title: '别处红灯', state: 'in_progress', leadUnitId: unitB, dueDate: '2024-04-01', signedAt: '2024-03-01T02:00:00.000Z' })).id;
    await light(ids.elsewhere, 'red', '已逾期');
  });
  afterAll(async () => t.close());

  it('refuses anonymous callers', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/home' })).statusCode).toBe(401);
  });

  it('gives a leader every red and yellow task with its reason, and what came of their 批示', async () => {
    const h = await home(leader);
    expect(h.attention.red.items.map((i) => [i.title, i.reason?.['zh-Hans']])).toEqual([['别处红灯', '已逾期'], ['红灯任务', '已逾期9天']]);
    expect(h.attention.yellow.items.map((i) => i.title)).toEqual(['黄灯任务']);
    expect(h.attention.red.total).toBe(await ledgerTotal(leader, { health: 'red', kind: 'task' }));
    expect(new Map(h.unitsMostOverdue.map((u) => [u.id, u.overdue]))).toEqual(new Map([[unitA, 1], [unitB, 1]]));
    for (const u of h.unitsMostOverdue) expect(u.overdue).toBe(await ledgerTotal(leader, { ...h.drill.overdue!, unitId: u.id }));
    expect(h.abilities).toEqual({ instruct: true, remind: false, review: false });
    expect(h.overdueUnreminded).toEqual({ total: 0, items: [] });
    expect(h.unit).toBeNull();
    expect(h.instructions.total).toBe(0);

    const written = await t.app.inject({ method: 'POST', url: `/api/v1/tasks/${ids.red}/instructions`, headers: leader.headers, payload: { text: '请加快进度，月底前报送' } });
    expect(written.statusCode, written.body).toBe(201);
    let mine = (await home(leader)).instructions;
    expect(mine.items).toEqual([expect.objectContaining({ taskId: ids.red, taskTitle: '红灯任务', text: '请加快进度，月底前报送', stateThen: 'in_progress', stateNow: 'in_progress', reportsSince: 0, transitionsSince: 0, answered: false, reason: expect.objectContaining({ 'zh-Hans': '已逾期9天' }) })]);

    // The unit answers: it asks for more time.
    t.clock.advance(3600_000);
    const task = answer('GET /api/v1/tasks/:id', await t.app.inject({ method: 'GET', url: `/api/v1/tasks/${ids.red}`, headers: liaisonA.headers }));
    const asked = await t.app.inject({ method: 'POST', url: `/api/v1/tasks/${ids.red}/transitions`, headers: liaisonA.headers, payload: { action: 'requestExtension', version: task.task.version, newDueDate: '2024-06-30', reason: '审批手续需时' } });
    expect(asked.statusCode, asked.body).toBe(200);
    mine = (await home(leader)).instructions;
    expect(mine.items[0]).toMatchObject({ stateThen: 'in_progress', transitionsSince: 1, answered: true });
    // Another leader's 批示 are not "theirs".
    const other = await signIn(t.app, await buildUser(t.ctx, { roles: ['leader'] }));
    expect((await home(other)).instructions.total).toBe(0);
  });

  it('shows a supervisor what nobody has chased and which units have not signed, for their programmes only', async () => {
    const h = await home(supervisor);
    expect(h.abilities).toEqual({ instruct: false, remind: true, review: true });
    expect(h.attention.red.items.map((i) => i.title)).toEqual(['红灯任务']);
    expect(h.overdueUnreminded.items.map((i) => i.title)).toEqual(['红灯任务']);
    expect(h.unitsNotSigned.map((u) => [u.id, u.total])).toEqual([[unitB, 1]]);
    expect(h.unitsNotSigned[0]!.total).toBe(await ledgerTotal(supervisor, { ...h.drill.notSigned, unitId: unitB }));
    expect(h.health.total).toBe(await ledgerTotal(supervisor, { kind: 'task' }));

    // A 催办 sent by hand takes the task off the "not chased" list.
    const reminded = await t.app.inject({ method: 'POST', url: `/api/v1/tasks/${ids.red}/reminders`, headers: supervisor.headers, payload: { message: '请尽快报送进展' } });
    expect(reminded.statusCode, reminded.body).toBeLessThan(300);
    expect((await home(supervisor)).overdueUnreminded.total).toBe(0);
    expect((await home(otherSupervisor)).overdueUnreminded.items.map((i) => i.title)).toEqual(['别处红灯']);
  });

  it('adds a liaison’s own unit health, and promises a viewer nothing', async () => {
    const h = await home(liaisonA);
    expect(h.unit?.id).toBe(unitA);
    expect(h.unit!.health.total).toBe(await ledgerTotal(liaisonA, { kind: 'task', unitId: unitA }));
    expect(h.unit!.health.total).toBe(2);
    expect(h.attention.red.items.every((i) => i.title !== '别处红灯')).toBe(true);
    expect(h.abilities).toEqual({ instruct: false, remind: false, review: false });
    expect(h.overdueUnreminded.total).toBe(0);

    const v = await home(viewer);
    expect(v.abilities).toEqual({ instruct: false, remind: false, review: false });
    expect(v.unit).toBeNull();
    expect(v.health.total).toBe(await ledgerTotal(viewer, { kind: 'task' }));
    expect(JSON.stringify(v)).not.toContain('草拟任务');
  });
});
