/**
 * 统计 (GET /api/v1/stats): failures first, then on generated programmes every number — totals, each work area's and
 * each unit's counts by colour, closed and overdue, the red and overdue lists — equals the count of the ledger API
 * (GET /api/v1/tasks) for the same filter and the same caller, across roles and filters.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer, createTestApp, json, TestClock, type TestApp } from '../support/harness.ts';
import { buildUnit, buildUser, signIn, type SignedIn } from '../support/factories.ts';
import { generateProgramme, type Generated } from '../support/oversight-data.ts';

const COLOURS = ['red', 'yellow', 'blue', 'green', 'grey', 'none'] as const;

describe('统计 stats (API)', () => {
  let t: TestApp;
  let units: string[];
  let supervisor: SignedIn;
  let otherSupervisor: SignedIn;
  let leader: SignedIn;
  let viewer: SignedIn;
  let liaison: SignedIn;
  let p1: Generated;
  let p2: Generated;

  const get = (who: SignedIn | null, query: Record<string, string>) =>
    t.app.inject({ method: 'GET', url: `/api/v1/stats?${new URLSearchParams(query)}`, headers: who?.headers ?? {} });
  const stats = async (who: SignedIn, query: Record<string, string>) => {
    const res = await get(who, query);
    expect(res.statusCode, res.body).toBe(200);
    return answer('GET /api/v1/stats', res);
  };
  const ledgerTotal = async (who: SignedIn, query: Record<string, string>) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/tasks?${new URLSearchParams({ ...query, limit: '1' })}`, headers: who.headers });
    expect(res.statusCode, res.body).toBe(200);
    return answer('GET /api/v1/tasks', res).total;
  };

  beforeAll(async () => {
    t = await createTestApp('sqlite', { clock: new TestClock(new Date('2024-05-10T02:00:00.000Z')) });
    units = [];
    for (let i = 0; i < 5; i++) units.push((await buildUnit(t.ctx)).id);
    supervisor = await signIn(t.app, await buildUser(t.ctx, { roles: ['supervisor'] }));
    otherSupervisor = await signIn(t.app, await buildUser(t.ctx, { roles: ['supervisor'] }));
    leader = await signIn(t.app, await buildUser(t.ctx, { roles: ['leader'] }));
    viewer = await signIn(t.app, await buildUser(t.ctx, { roles: ['viewer'] }));
    liaison = await signIn(t.app, await buildUser(t.ctx, { roles: ['liaison'], unitId: units[0]! }));
    p1 = await generateProgramme(t.ctx, { seed: 11, supervisorIds: [supervisor.user.id], unitIds: units.slice(0, 4), areas: 3, perArea: 14, titlePrefix: '甲' });
    p2 = await generateProgramme(t.ctx, { seed: 29, supervisorIds: [otherSupervisor.user.id], unitIds: units.slice(1), areas: 2, perArea: 10, titlePrefix: '乙' });
  });
  afterAll(async () => t.close());

  it('refuses anonymous callers, bad filters and programmes the caller may not see', async () => {
    expect((await get(null, {})).statusCode).toBe(401);
    const badDate = await get(supervisor, { dueTo: '2024-5-1' });
    expect(badDate.statusCode).toBe(400);
    expect(json<{ error: { message: string } }>(badDate).error.message).toContain('dueTo');
    expect((await get(supervisor, { nonsense: '1' })).statusCode).toBe(400);
    // Existence is not revealed: a programme outside the caller's scope is 404, as on its own page.
    expect(json<{ error: { code: string } }>(await get(otherSupervisor, { programmeId: p1.programmeId })).error.code).toBe('programme_not_found');
    expect((await get(supervisor, { programmeId: 'no-such-programme' })).statusCode).toBe(404);
    const outsider = await signIn(t.app, await buildUser(t.ctx, { roles: ['liaison'], unitId: (await buildUnit(t.ctx)).id }));
    expect((await get(outsider, { programmeId: p1.programmeId })).statusCode).toBe(404);
    // With no programme named, an outsider sees an empty dashboard, not someone else's numbers.
    const empty = await stats(outsider, {});
    expect(empty.totals.total).toBe(0);
    expect(empty.byArea).toEqual([]);
    expect(empty.red.items).toEqual([]);
  });

  it('scopes by role: each caller counts only what their ledger lists', async () => {
    const sup = await stats(supervisor, {});
    const other = await stats(otherSupervisor, {});
    const lead = await stats(leader, {});
    const view = await stats(viewer, {});
    const mine = await stats(liaison, {});
    expect(sup.totals.total).toBe(await ledgerTotal(supervisor, { kind: 'task' }));
    expect(sup.totals.total).toBe(3 * 14);
    expect(other.totals.total).toBe(2 * 10);
    // Leaders see every programme (drafts included); viewers only published tasks.
    expect(lead.totals.total).toBe(3 * 14 + 2 * 10);
    expect(view.totals.total).toBe(lead.totals.total - lead.totals.health.none + lead.totals.closed);
    expect(view.totals.health.none).toBe(view.totals.closed);
    expect(mine.totals.total).toBe(await ledgerTotal(liaison, { kind: 'task' }));
    expect(mine.totals.total).toBeLessThan(lead.totals.total);
    expect(new Set(sup.tree.filter((n) => n.kind === 'programme').map((n) => n.id))).toEqual(new Set([p1.programmeId]));
    expect(lead.abilities).toEqual({ instruct: true, remind: false });
    expect(sup.abilities).toEqual({ instruct: false, remind: true });
    expect(view.abilities).toEqual({ instruct: false, remind: false });
  });

  const FILTERS: Array<Record<string, string>> = [
    {},
    { health: 'red' },
    { health: 'red,yellow' },
    { state: 'closed,in_progress,signed' },
    { dueTo: '2024-05-01' },
    { dueFrom: '2024-05-05', dueTo: '2024-06-30' },
    { tag: '民生' },
    { q: '民生' },
    { kind: 'task,subtask' },
  ];

  it('equals the ledger for every number, filter and role', async () => {
    const callers: Array<[string, SignedIn, Record<string, string>]> = [
      ['supervisor', supervisor, { programmeId: '' }],
      ['leader', leader, { programmeId: p2.programmeId }],
      ['viewer', viewer, { programmeId: p1.programmeId }],
      ['liaison', liaison, { programmeId: '' }],
    ];
    const extra: Array<Record<string, string>> = [{ areaId: p1.areaIds[1]! }, { unitId: units[2]! }];
    let compared = 0;
    for (const [name, who, scope] of callers) {
      for (const base of [...FILTERS, ...extra]) {
        const query = Object.fromEntries(Object.entries({ ...scope, ...base }).filter(([, v]) => v !== ''));
        const s = await stats(who, query);
        const why = `${name} ${JSON.stringify(query)}`;
        const L = (q: Record<string, string>) => ledgerTotal(who, q);
        const asked = s.filter.health?.split(',');
        const colourQuery = (q: Record<string, string>, c: string) => (asked && !asked.includes(c) ? null : { ...q, health: c });

        expect(s.totals.total, why).toBe(await L(s.filter));
        expect(s.byArea.reduce((n, a) => n + a.total, 0), why).toBe(s.totals.total);
        expect(s.red.total, why).toBe(s.drill.red ? await L(s.drill.red) : 0);
        expect(s.overdue.total, why).toBe(s.drill.overdue ? await L(s.drill.overdue) : 0);
        expect(s.totals.closed, why).toBe(s.drill.closed ? await L(s.drill.closed) : 0);
        expect(s.red.items.length).toBe(Math.min(50, s.red.total));
        expect(s.red.items.every((i) => i.health === 'red' && i.reason !== null)).toBe(true);
        expect(s.overdue.items.every((i) => i.overdueDays > 0 && i.dueDate! < s.today)).toBe(true);
        const leaves = s.tree.filter((n) => n.kind === 'task');
        expect(leaves.length, why).toBe(s.totals.total);

        for (const [dim, buckets] of [['areaId', s.byArea], ['unitId', s.byUnit]] as const) {
          for (const b of buckets) {
            const q = { ...s.filter, [dim]: b.id };
            expect(b.total, `${why} ${dim}=${b.name}`).toBe(await L(q));
            expect(b.closed, `${why} ${dim}=${b.name} closed`).toBe(s.drill.closed ? await L({ ...s.drill.closed, [dim]: b.id }) : 0);
            expect(b.overdue, `${why} ${dim}=${b.name} overdue`).toBe(s.drill.overdue ? await L({ ...s.drill.overdue, [dim]: b.id }) : 0);
            for (const c of COLOURS) {
              if (b.health[c] === 0 && c !== 'red') continue;
              const cq = colourQuery(q, c);
              expect(b.health[c], `${why} ${dim}=${b.name} ${c}`).toBe(cq ? await L(cq) : 0);
              compared++;
            }
          }
        }
        // Under a unit filter the unit breakdown is that unit alone (another unit's bar could not be drilled).
        if (query.unitId) expect(s.byUnit.map((u) => u.id)).toEqual(s.totals.total ? [query.unitId] : []);
      }
    }
    expect(compared).toBeGreaterThan(200);
  }, 120_000);

  it('rates signing on time from the tasks and names the rule it used', async () => {
    const s = await stats(supervisor, { programmeId: p1.programmeId });
    const rows = await t.ctx.db.selectFrom('tasks').select(['assigned_at', 'signed_at', 'state']).where('programme_id', '=', p1.programmeId).where('kind', '=', 'task').execute();
    const now = t.clock.now().getTime();
    const limit = s.rates.signing.days * 86_400_000;
    let onTime = 0;
    let late = 0;
    let unsigned = 0;
    for (const r of rows) {
      if (!r.assigned_at) continue;
      const assigned = Date.parse(r.assigned_at);
      if (r.signed_at) {
        if (Date.parse(r.signed_at) - assigned <= limit) onTime++;
        else late++;
      } else if (['assigned', 'reassign_requested'].includes(r.state) && assigned < now - limit) unsigned++;
    }
    expect(s.rates.signing).toMatchObject({ days: 3, onTime, late, unsignedOverdue: unsigned });
    expect(onTime + late + unsigned).toBeGreaterThan(0);
    expect(s.rates.signing.rate).toBeCloseTo(onTime / (onTime + late + unsigned), 3);
    // No report has been written yet: rates without a denominator are null, not 0 % or 100 %.
    expect(s.rates.reporting).toEqual({ submitted: 0, onTime: 0, rate: null });
  });

  it('drills down with the filter it was given, narrowed to what each number counts', async () => {
    const s = await stats(supervisor, { programmeId: p1.programmeId, state: 'closed,assigned', dueTo: '2024-06-30' });
    expect(s.filter).toEqual({ programmeId: p1.programmeId, state: 'closed,assigned', dueTo: '2024-06-30', kind: 'task' });
    expect(s.drill.closed).toEqual({ ...s.filter, state: 'closed' });
    expect(s.drill.overdue).toEqual({ ...s.filter, state: 'assigned', dueTo: '2024-05-09' });
    const none = await stats(supervisor, { programmeId: p1.programmeId, health: 'green' });
    expect(none.drill.red).toBeNull();
    expect(none.red.total).toBe(0);
  });
});
