/**
 * The dashboards' result cache on every dialect: the data version moves in the transaction of every write a
 * dashboard number depends on (and only then), a cached dashboard is never stale — after a report is accepted, a task
 * moves, the health job changes a light, a date is crossed or an unsigned task's three days run out — two instances
 * on one database see each other's changes, and the cache stays within its bounds.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProgramme } from '../../src/server/modules/programmes/index.ts';
import { acceptReport, createReport, submitReport } from '../../src/server/modules/reports/index.ts';
import { getStats, listByHealth } from '../../src/server/modules/stats/index.ts';
import { ResultCache, statsCacheOf } from '../../src/server/modules/stats/stats-cache.ts';
import { readStatsVersion } from '../../src/server/modules/stats/stats.repository.ts';
import { createTask, listTasks, refreshDueHealth, transitionTask } from '../../src/server/modules/tasks/index.ts';
import { systemActor, type UserActor } from '../../src/server/platform/auth/actor.ts';
import { loadConfig } from '../../src/server/platform/config.ts';
import { createContext, type AppContext } from '../../src/server/platform/context.ts';
import { wirePorts } from '../../src/server/ports.ts';
import type { Database } from '../../src/server/platform/db/database.ts';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../support/databases.ts';
import { actorOf, buildUnit, buildUser } from '../support/factories.ts';
import { getHome } from '../../src/server/modules/inbox/home.service.ts';
import { sweepNotices } from '../../src/server/modules/notices/index.ts';
import { TestClock } from '../support/harness.ts';

describe.each(DIALECTS)('dashboard cache on %s', (dialect) => {
  let database: TestDatabase;
  let other: Database;
  let ctx: AppContext;
  let ctxB: AppContext;
  const clock = new TestClock(new Date('2024-03-01T02:00:00.000Z'));
  let supervisor: UserActor;
  let leader: UserActor;
  let liaison: UserActor;
  let unitId: string;
  let programmeId: string;
  let areaId: string;

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    ctx = createContext(loadConfig({}, { dataDir: database.tmpDir }), database, clock);
    wirePorts(ctx);
    // A second instance: its own connection (pool) to the same database and its own cache.
    other = await database.reopen();
    ctxB = createContext(loadConfig({}, { dataDir: database.tmpDir }), other, clock);
    wirePorts(ctxB);
    unitId = (await buildUnit(ctx)).id;
    supervisor = actorOf(await buildUser(ctx, { roles: ['supervisor'] }));
    leader = actorOf(await buildUser(ctx, { roles: ['leader'] }));
    liaison = actorOf(await buildUser(ctx, { roles: ['liaison'], unitId }));
    programmeId = (await createProgramme(ctx, systemActor('test'), { title: '缓存', supervisorIds: [supervisor.id] })).id;
    // Dashboards count tasks (kind `task`), which sit under a work area.
    areaId = (await createTask(ctx, systemActor('test'), { programmeId, title: '方面' })).id;
  });
  afterAll(async () => {
    await other?.close();
    await database?.close();
  });

  /** The dashboard computed now with an empty cache: what a cached answer must equal. */
  const fresh = (actor: UserActor, q: Record<string, string> = { programmeId }) => getStats({ ...ctx }, actor, q);
  const cached = (actor: UserActor, q: Record<string, string> = { programmeId }, c = ctx) => getStats(c, actor, q);
  async function expectCurrent(actor: UserActor, q: Record<string, string> = { programmeId }) {
    const cache = statsCacheOf(ctx);
    const hits = cache.hits;
    const first = await cached(actor, q);
    expect(first).toEqual(await fresh(actor, q));
    // The second read is a hit and the same answer.
    expect(await cached(actor, q)).toEqual(first);
    expect(cache.hits).toBe(hits + 1);
    return first;
  }

  it('moves the data version with every committed write a dashboard reads, and with nothing else', async () => {
    const v = () => readStatsVersion(ctx.db);
    const task = await createTask(ctx, systemActor('test'), { programmeId, parentId: areaId, title: '版本', leadUnitId: unitId, dueDate: '2024-12-31' });
    let before = await v();
    // Columns no dashboard reads leave the version alone: a touch, a new version number, the health job's next date.
    await ctx.db.updateTable('tasks').set({ updated_at: '2024-03-01T03:00:00.000Z', version: 9, health_changes_at: '2024-03-09T00:00:00.000Z', description: '说明' }).where('id', '=', task.id).execute();
    expect(await v()).toBe(before);
    await ctx.db.updateTable('tasks').set({ progress: 10 }).where('id', '=', task.id).execute();
    expect(await v()).toBeGreaterThan(before);
    // A rolled-back write leaves no trace.
    before = await v();
    await expect(
      ctx.db.transaction().execute(async (trx) => {
        await trx.updateTable('tasks').set({ health: 'red' }).where('id', '=', task.id).execute();
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await v()).toBe(before);
    // Each watched table moves it: counters, snapshots, units, programmes' supervisors, co-units, notices.
    const writes: Array<() => Promise<unknown>> = [
      () => ctx.db.insertInto('report_counters').values({ task_id: task.id, unit_id: unitId, submitted: 1, on_time: 1, accepted: 0, accepted_first: 0 }).execute(),
      () => ctx.db.insertInto('health_snapshots').values({ programme_id: programmeId, area_id: '', day: '2024-02-29', red: 0, yellow: 0, blue: 0, green: 0, grey: 0, closed: 0, total: 0, taken_at: '2024-02-29T00:00:00.000Z' }).execute(),
      () => ctx.db.updateTable('units').set({ name: '改名单位' }).where('id', '=', unitId).execute(),
      () => ctx.db.insertInto('programme_supervisors').values({ programme_id: programmeId, user_id: leader.id }).execute(),
      () => ctx.db.deleteFrom('programme_supervisors').where('programme_id', '=', programmeId).where('user_id', '=', leader.id).execute(),
      () => ctx.db.insertInto('task_units').values({ task_id: task.id, unit_id: unitId, role: 'co' }).execute(),
    ];
    for (const write of writes) {
      before = await v();
      await write();
      expect(await v()).toBeGreaterThan(before);
    }
    // One statement over many rows (a bulk update, as the health job makes) moves it, and on PostgreSQL only once.
    before = await v();
    await ctx.db.updateTable('tasks').set({ title: sql`title || '·'` }).where('programme_id', '=', programmeId).execute();
    const after = await v();
    expect(after).toBeGreaterThan(before);
    if (dialect === 'postgres') expect(after).toBe(before + 1);
    await ctx.db.deleteFrom('task_units').where('task_id', '=', task.id).where('role', '=', 'co').execute();
  });

  it('is never stale: a task transition, an accepted report, the health job, a date crossed, a signing deadline', async () => {
    const system = systemActor('test');
    const make = async (title: string, dueDate: string) => {
      const t = await createTask(ctx, system, { programmeId, parentId: areaId, title, leadUnitId: unitId, dueDate, startDate: '2024-03-01', cadence: { kind: 'monthly' } });
      return transitionTask(ctx, system, t.id, { action: 'assign', version: t.version });
    };
    const a = await make('甲', '2024-03-05');
    const b = await make('乙', '2024-06-30');
    let s = await expectCurrent(supervisor);
    expect(s.rates.signing).toMatchObject({ onTime: 0, unsignedOverdue: 0 });

    // A transition: 签收.
    await transitionTask(ctx, liaison, a.id, { action: 'sign', version: a.version });
    s = await expectCurrent(supervisor);
    expect(s.rates.signing.onTime).toBe(1);

    // A report submitted and accepted moves the counters.
    const { submitted } = s.rates.reporting;
    const { accepted, acceptedFirst } = s.rates.firstAcceptance;
    const r = await createReport(ctx, liaison, a.id, { periodKey: '2024-03', progress: 30, text: '三月进展' });
    await submitReport(ctx, liaison, r.report.id, {});
    s = await expectCurrent(supervisor);
    expect(s.rates.reporting.submitted).toBe(submitted + 1);
    await acceptReport(ctx, supervisor, r.report.id, {});
    s = await expectCurrent(supervisor);
    expect(s.rates.firstAcceptance).toMatchObject({ accepted: accepted + 1, acceptedFirst: acceptedFirst + 1 });

    // The health job changes a light after midnight: the dashboard read just before the job shows the old light.
    clock.set('2024-03-02T16:00:01.000Z');
    const beforeJob = await expectCurrent(supervisor);
    expect((await refreshDueHealth(ctx.db, clock.now())).tasks).toBeGreaterThan(0);
    s = await expectCurrent(supervisor);
    expect(s.totals.health).not.toEqual(beforeJob.totals.health);
    expect(await listByHealth(ctx, supervisor, { programmeId }, 'yellow')).toEqual(await listByHealth({ ...ctx }, supervisor, { programmeId }, 'yellow'));

    // 乙 was handed over on 03-01 10:00 and never signed: its three days run out at 03-04 10:00, within one day.
    clock.set('2024-03-04T01:59:59.000Z');
    expect((await expectCurrent(supervisor)).rates.signing.unsignedOverdue).toBe(0);
    clock.set('2024-03-04T02:00:01.000Z');
    expect((await expectCurrent(supervisor)).rates.signing.unsignedOverdue).toBe(1);

    // 甲 is due on 03-05; after midnight it is overdue, with no write at all.
    clock.set('2024-03-05T15:59:59.000Z');
    expect((await expectCurrent(supervisor)).totals.overdue).toBe(0);
    clock.set('2024-03-05T16:00:01.000Z');
    expect((await expectCurrent(supervisor)).totals.overdue).toBe(1);
    expect(b.id).toBeTruthy();

    // The numbers still equal the ledger's.
    const ledger = await listTasks(ctx, supervisor, { programmeId, kind: ['task'], limit: 1, offset: 0 });
    expect((await cached(supervisor)).totals.total).toBe(ledger.total);
  });

  it('shares entries between callers of one scope only, and still answers 404 for a programme the caller may not see', async () => {
    const otherSupervisor = actorOf(await buildUser(ctx, { roles: ['supervisor'] }));
    const leader2 = actorOf(await buildUser(ctx, { roles: ['leader'] }));
    const cache = statsCacheOf(ctx);
    await cached(leader, {});
    const hits = cache.hits;
    // Another leader has the same scope: the same entry.
    expect(await cached(leader2, {})).toEqual({ ...(await cached(leader, {})), abilities: expect.anything() });
    expect(cache.hits).toBe(hits + 2);
    // The supervisor's dashboard is cached, but whether another supervisor may see the programme is asked every time.
    await cached(supervisor);
    await expect(cached(otherSupervisor)).rejects.toMatchObject({ status: 404 });
    // A liaison's scope is their unit's tasks: their own entry, not the leader's.
    expect((await cached(liaison, {})).totals.total).toBe((await listTasks(ctx, liaison, { kind: ['task'], limit: 1, offset: 0 })).total);
    // The homes read the same cache and equal a fresh computation.
    expect(await getHome(ctx, leader)).toEqual(await getHome({ ...ctx }, leader));
    const home = await getHome(ctx, supervisor);
    expect(home).toEqual(await getHome({ ...ctx }, supervisor));
    // 甲 is overdue and nobody has chased it; once the sweep sends its 催办 the cached home says so.
    expect(home.overdueUnreminded.total).toBeGreaterThan(0);
    expect((await sweepNotices(ctx, clock.now())).created).toBeGreaterThan(0);
    const chased = await getHome(ctx, supervisor);
    expect(chased).toEqual(await getHome({ ...ctx }, supervisor));
    expect(chased.overdueUnreminded.total).toBeLessThan(home.overdueUnreminded.total);
  });

  it('computes once for concurrent requests, and two instances see each other’s changes', async () => {
    const cache = statsCacheOf(ctxB);
    const misses = cache.misses;
    const [x, y] = await Promise.all([cached(leader, {}, ctxB), cached(leader, {}, ctxB)]);
    expect(x).toEqual(y);
    expect(cache.misses).toBe(misses + 1);
    // Both instances hold the dashboard; a change made through A is seen by B, and one made through B by A.
    const seenByA = await cached(leader, {}, ctx);
    const t = await createTask(ctx, systemActor('test'), { programmeId, parentId: areaId, title: '丙', leadUnitId: unitId, dueDate: '2024-12-31' });
    await transitionTask(ctx, systemActor('test'), t.id, { action: 'assign', version: t.version });
    const seenByB = await cached(leader, {}, ctxB);
    expect(seenByB.totals.total).toBe(seenByA.totals.total + 1);
    const red = (await cached(leader, {}, ctx)).totals.health.red;
    await ctxB.db.updateTable('tasks').set({ health: 'red' }).where('id', '=', t.id).where('health', '!=', 'red').execute();
    expect((await cached(leader, {}, ctx)).totals.health.red).toBe(red + 1);
    expect(await cached(leader, {}, ctx)).toEqual(await fresh(leader, {}));
  });

  // Several instances are a PostgreSQL deployment (two SQLite connections in one process would block each other).
  if (dialect === 'postgres') it('takes concurrent writing transactions from two instances, each commit moving the version', async () => {
    const ids = (await ctx.db.selectFrom('tasks').select('id').where('programme_id', '=', programmeId).where('kind', '=', 'task').execute()).map((r) => r.id);
    const before = await readStatsVersion(ctx.db);
    const n = 16;
    // Each transaction changes one task twice; on PostgreSQL that is one bump at commit, on SQLite one per row.
    await Promise.all(
      Array.from({ length: n }, (_, i) =>
        (i % 2 ? ctx : ctxB).db.transaction().execute(async (trx) => {
          const id = ids[i % ids.length]!;
          await trx.updateTable('tasks').set({ progress: sql`progress + 1` }).where('id', '=', id).execute();
          await trx.updateTable('tasks').set({ title: sql`title || ${String(i % 10)}` }).where('id', '=', id).execute();
        }),
      ),
    );
    expect((await readStatsVersion(ctx.db)) - before).toBe(dialect === 'postgres' ? n : 2 * n);
    expect(await cached(leader, {}, ctxB)).toEqual(await fresh(leader, {}));
  });

  it('bypasses the cache inside a transaction, whose uncommitted writes no one else may be served', async () => {
    const before = await cached(leader, {});
    await expect(
      ctx.db.transaction().execute(async (trx) => {
        await trx.updateTable('tasks').set({ health: 'red' }).where('programme_id', '=', programmeId).where('kind', '=', 'task').execute();
        const inside = await getStats({ ...ctx, db: trx }, leader, {});
        expect(inside.totals.health.red).toBeGreaterThan(before.totals.health.red);
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await cached(leader, {})).toEqual(before);
  });
});

describe('the result cache itself', () => {
  const compute = <T,>(value: T, validUntil?: number) => async () => ({ value, validUntil });

  it('drops the least recently used entry beyond its entry and size bounds', async () => {
    const cache = new ResultCache(2, 1000);
    await cache.get('a', 1, 'd', 0, compute({ n: 1 }));
    await cache.get('b', 1, 'd', 0, compute({ n: 2 }));
    await cache.get('a', 1, 'd', 0, compute({ n: 0 })); // a hit: 'a' becomes the most recent
    await cache.get('c', 1, 'd', 0, compute({ n: 3 }));
    expect(cache.size).toBe(2);
    expect(await cache.get('a', 1, 'd', 0, compute({ n: 9 }))).toEqual({ n: 1 });
    expect(await cache.get('b', 1, 'd', 0, compute({ n: 9 }))).toEqual({ n: 9 });
    // A result larger than the whole budget is returned, not kept; big ones push older ones out.
    const big = { s: 'x'.repeat(2000) };
    expect(await cache.get('big', 1, 'd', 0, compute(big))).toBe(big);
    expect(cache.size).toBe(2);
    await cache.get('half', 1, 'd', 0, compute({ s: 'y'.repeat(990) }));
    expect(cache.size).toBe(1);
  });

  it('recomputes on a new version, a new day or past the expiry, and keeps values frozen', async () => {
    const cache = new ResultCache();
    expect(await cache.get('k', 1, 'd1', 0, compute({ n: 1 }, 100))).toEqual({ n: 1 });
    expect(await cache.get('k', 1, 'd1', 99, compute({ n: 2 }))).toEqual({ n: 1 });
    expect(await cache.get('k', 1, 'd1', 100, compute({ n: 3 }))).toEqual({ n: 3 });
    expect(await cache.get('k', 2, 'd1', 100, compute({ n: 4 }))).toEqual({ n: 4 });
    const v = await cache.get('k', 2, 'd2', 100, compute({ n: 5, list: [1] }));
    expect(v.n).toBe(5);
    expect(() => v.list.push(2)).toThrow();
  });
});
