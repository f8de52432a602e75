import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvaluationResponse } from '../../src/contract/evaluations.ts';
import { answer, createTestApp, json, TestClock, type TestApp, type ErrorBody } from '../support/harness.ts';
import { buildTask, buildUnit, buildUser, signIn, type SignedIn } from '../support/factories.ts';


describe('evaluations 考核评价 (API)', () => {
  let t: TestApp;
  let sup: SignedIn;
  let osup: SignedIn;
  let leader: SignedIn;
  let admin: SignedIn;
  let liaison: SignedIn;
  let viewer: SignedIn;
  let unitA: string;
  let unitB: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp('sqlite', { clock: new TestClock(new Date('2024-10-10T02:00:00.000Z')) });
    unitA = (await buildUnit(t.ctx, { name: '甲局' })).id;
    unitB = (await buildUnit(t.ctx, { name: '乙局' })).id;
    sup = await signIn(t.app, await buildUser(t.ctx, { roles: ['supervisor'] }));
    osup = await signIn(t.app, await buildUser(t.ctx, { roles: ['supervisor'] }));
    leader = await signIn(t.app, await buildUser(t.ctx, { roles: ['leader'] }));
    admin = await signIn(t.app, await buildUser(t.ctx, { roles: ['admin'] }));
    liaison = await signIn(t.app, await buildUser(t.ctx, { roles: ['liaison'], unitId: unitA }));
    viewer = await signIn(t.app, await buildUser(t.ctx, { roles: ['viewer'] }));
    const task = async (key: string, leadUnitId: string, set: Record<string, string | null>) => {
      ids[key] = (await buildTask(t.ctx, { supervisorIds: [sup.user.id], state: 'in_progress', leadUnitId, title: `任务${key}` })).id;
      await t.ctx.db.updateTable('tasks').set({ assigned_at: '2024-07-01T01:00:00.000Z', ...set }).where('id', '=', ids[key]!).execute();
    };
    await task('A1', unitA, { signed_at: '2024-07-02T01:00:00.000Z', due_date: '2024-09-30', state: 'closed', closed_at: '2024-09-20T01:00:00.000Z' });
    await task('A2', unitA, { signed_at: null, due_date: '2024-09-15' });
    await task('B1', unitB, { signed_at: '2024-07-10T01:00:00.000Z', due_date: '2024-12-31' });
    // A 整改 task from an inspection finding, closed four days late: scored for speed, not for closure.
    await task('R1', unitB, { assigned_at: '2024-06-01T01:00:00.000Z', signed_at: '2024-06-01T02:00:00.000Z', due_date: '2024-08-01', state: 'closed', closed_at: '2024-08-05T01:00:00.000Z', task_type: 'rectification' });
  });
  afterAll(async () => t.close());

  const get = (who: SignedIn, key: string) => t.app.inject({ method: 'GET', url: `/api/v1/evaluations/periods/${key}`, headers: who.headers });
  const freeze = (who: SignedIn, key: string) => t.app.inject({ method: 'POST', url: `/api/v1/evaluations/periods/${key}/freeze`, headers: who.headers });
  const rate = (who: SignedIn, key: string, unitId: string, payload: unknown) => t.app.inject({ method: 'PUT', url: `/api/v1/evaluations/periods/${key}/ratings/${unitId}`, headers: who.headers, payload: payload as object });
  const rules = (who: SignedIn, payload: unknown) => t.app.inject({ method: 'POST', url: '/api/v1/evaluations/rules', headers: who.headers, payload: payload as object });
  const scores = (e: EvaluationResponse) => e.units.map((u) => [u.unitName, u.rank, u.score]);

  it('refuses readers without the permission, bad periods, and writes by the wrong people', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/evaluations/periods/2024-Q3' })).statusCode).toBe(401);
    for (const who of [liaison, viewer]) expect((await get(who, '2024-Q3')).statusCode).toBe(403);
    expect(json<ErrorBody>(await get(sup, '2024-Q9')).error).toMatchObject({ code: 'invalid_request', field: 'params.periodKey' });
    expect((await freeze(leader, '2024-Q3')).statusCode).toBe(403);
    expect(json<ErrorBody>(await freeze(sup, '2024-Q4')).error.code).toBe('period_not_ended');
    expect((await rate(leader, '2024-Q3', unitA, { rating: 5 })).statusCode).toBe(403);
    expect(json<ErrorBody>(await rate(admin, '2024-Q3', unitA, { rating: 5 })).error.message).toBe('Only a supervisor rates units');
    expect(json<ErrorBody>(await rate(sup, '2024-Q3', unitA, { rating: 6 })).error.field).toBe('body.rating');
    expect((await rate(sup, '2024-Q3', 'no-such-unit', { rating: 3 })).statusCode).toBe(404);
    expect((await rules(leader, { rules: { components: {} }, effectiveFrom: '2024-10-01' })).statusCode).toBe(403);
    const bad = json<ErrorBody>(await rules(sup, { rules: { components: { closureRate: { weight: -1 } } }, effectiveFrom: '2024-10-01' }));
    expect(bad.error.code).toBe('invalid_rules');
    expect(bad.error.details).toMatchObject({ problems: ['components.closureRate.weight must be a number ≥ 0', 'at least one component needs a weight above 0'] });
    expect(await t.ctx.db.selectFrom('evaluation_periods').select('period_key').execute()).toEqual([]);
  });

  it('ranks units with their components and the tasks behind them; a frozen period keeps its numbers after data and rules change', async () => {
    expect((await rate(sup, '2024-Q3', unitA, { rating: 5, comment: '配合积极' })).statusCode).toBe(200);
    const live = answer('GET /api/v1/evaluations/periods/:periodKey', await get(sup, '2024-Q3'));
    // 甲局: signing 1/2 = 50 (w10), closure 1/2 = 50 (w25), rating 5 → 100 (w10): 61.11; 15 days overdue × 0.5 = 7.5 off.
    expect(scores(live)).toEqual([['甲局', 1, 53.61], ['乙局', 2, 0]]);
    expect(live).toMatchObject({ frozen: false, ended: true, ruleSet: { version: 1 }, abilities: { freeze: true, rate: true } });
    const a = live.units[0]!;
    expect(a.components.find((c) => c.key === 'closureRate')).toMatchObject({ score: 50, numerator: 1, denominator: 2, cases: [{ taskId: ids.A1, ok: true }, { taskId: ids.A2, ok: false }], hiddenCases: 0 });
    expect(a.components.find((c) => c.key === 'overdueDays')).toMatchObject({ penalty: 7.5, numerator: 15, cases: [{ taskId: ids.A2, note: { days: 15 } }] });
    expect(a.components.find((c) => c.key === 'supervisorRatings')).toMatchObject({ score: 100, denominator: 1 });
    const b = live.units[1]!;
    expect(b.components.find((c) => c.key === 'rectificationSpeed')).toMatchObject({ score: 0, cases: [{ taskId: ids.R1, ok: false, note: { daysLate: 4 } }] });
    expect(b.components.find((c) => c.key === 'closureRate')).toMatchObject({ score: null, denominator: 0 });
    expect(b.components.find((c) => c.key === 'overdueDays')).toMatchObject({ numerator: 4, penalty: 2 });

    // Another programme's supervisor sees the same numbers but not the titles of tasks they may not open.
    const other = answer('GET /api/v1/evaluations/periods/:periodKey', await get(osup, '2024-Q3'));
    expect(scores(other)).toEqual(scores(live));
    expect(other.units[0]!.components.find((c) => c.key === 'closureRate')).toMatchObject({ cases: [], hiddenCases: 2 });
    expect(JSON.stringify(other)).not.toContain('任务A1');

    const frozen = await freeze(sup, '2024-Q3');
    expect(frozen.statusCode).toBe(201);
    expect(answer('POST /api/v1/evaluations/periods/:periodKey/freeze', frozen)).toMatchObject({ frozen: true, abilities: { freeze: false, rate: false } });
    expect(json<ErrorBody>(await freeze(sup, '2024-Q3')).error.code).toBe('period_frozen');
    expect((await t.ctx.db.selectFrom('audit_events').select('action').where('object_id', '=', '2024-Q3').execute()).map((r) => r.action)).toEqual(['evaluation.frozen']);

    // The data changes (A2 closed on time after all, B1 signed at once), new rules come in: Q3 does not move.
    await t.ctx.db.updateTable('tasks').set({ state: 'closed', closed_at: '2024-09-10T01:00:00.000Z' }).where('id', '=', ids.A2!).execute();
    await t.ctx.db.updateTable('tasks').set({ signed_at: '2024-07-01T02:00:00.000Z' }).where('id', '=', ids.B1!).execute();
    const v2 = await rules(sup, { rules: { components: { onTimeSigning: { weight: 1, withinDays: 1 } } }, effectiveFrom: '2024-07-01', note: '只看签收' });
    expect(v2.statusCode).toBe(201);
    expect(answer('POST /api/v1/evaluations/rules', v2).version).toBe(2);
    expect(json<ErrorBody>(await rate(sup, '2024-Q3', unitB, { rating: 1 })).error.code).toBe('period_frozen');
    const again = answer('GET /api/v1/evaluations/periods/:periodKey', await get(leader, '2024-Q3'));
    expect(scores(again)).toEqual([['甲局', 1, 53.61], ['乙局', 2, 0]]);
    expect(again.ruleSet.version).toBe(1);

    // An unfrozen period is scored with the rules in force at its end (v2 from 1 July) and the data as it is now.
    const q3Monthly = answer('GET /api/v1/evaluations/periods/:periodKey', await get(sup, '2024-07'));
    expect(q3Monthly.ruleSet.version).toBe(2);
    expect(scores(q3Monthly)).toEqual([['乙局', 1, 100], ['甲局', 2, 50]]);

    const periods = answer('GET /api/v1/evaluations/periods', await t.app.inject({ method: 'GET', url: '/api/v1/evaluations/periods', headers: leader.headers })).items;
    expect(periods.slice(0, 2).map((p) => [p.periodKey, p.frozen, p.ruleVersion])).toEqual([['2024-Q4', false, null], ['2024-Q3', true, 1]]);
    const ruleSets = answer('GET /api/v1/evaluations/rules', await t.app.inject({ method: 'GET', url: '/api/v1/evaluations/rules', headers: leader.headers }));
    expect(ruleSets).toMatchObject({ canEdit: false, items: [{ version: 2, note: '只看签收' }, { version: 1 }] });
  });
});
