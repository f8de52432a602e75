/**
 * Dashboards at size (SQLite): 20,000 tasks in 10 work areas over the demo units, 1,000,000 progress reports, and
 * the report counters the migration builds from them. Times `GET /api/v1/stats` and `GET /api/v1/home` for a
 * supervisor and a leader — repeated views (served from the result cache) and views right after a write (each one
 * recomputed) — and, for comparison, what one on-time rate costs when computed by scanning the reports.
 *
 * Options (after `npx tsx bench/run.ts stats`): --tasks N (default 20000), --periods N reports per task (default 50).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from '../src/server/platform/config.ts';
import { createContext } from '../src/server/platform/context.ts';
import { migrateToLatest, openDatabase } from '../src/server/platform/db/database.ts';
import { buildApp } from '../src/server/app.ts';
import { newId } from '../src/server/platform/ids.ts';
import { seedDemo } from '../src/server/demo/index.ts';
import { DEMO_PASSWORD } from '../src/server/demo/seed-demo.ts';
import { systemActor } from '../src/server/platform/auth/actor.ts';
import { createProgramme } from '../src/server/modules/programmes/index.ts';
import { measure, type BenchResult } from './bench-kit.ts';

const option = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const n = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isInteger(n) && n > 0 ? n : fallback;
};
const TASKS = option('tasks', 20_000);
const AREAS = 10;
const PERIODS = option('periods', 50);
const COLOURS = ['red', 'yellow', 'blue', 'green', 'green', 'green', 'grey'];
const STATES = ['signed', 'in_progress', 'in_progress', 'in_progress', 'completion_requested', 'closed', 'assigned'];

export default async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-bench-'));
  const database = await openDatabase({ kind: 'sqlite', file: join(dir, 'luoshi.db') });
  try {
    await migrateToLatest(database);
    const ctx = createContext(loadConfig({}, { dataDir: dir }), database);
    await seedDemo(ctx);
    const app = await buildApp(ctx, { logger: false });
    await app.ready();
    const session = async (username: string) => {
      const res = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { username, password: DEMO_PASSWORD } });
      return { cookie: `luoshi_session=${res.cookies.find((c) => c.name === 'luoshi_session')?.value}` };
    };
    const units = (await ctx.db.selectFrom('units').select('id').execute()).map((u) => u.id);
    const supervisorId = (await ctx.db.selectFrom('users').select('id').where('username', '=', 'supervisor').executeTakeFirstOrThrow()).id;
    const programme = await createProgramme(ctx, systemActor('bench'), { title: '基准方案', supervisorIds: [supervisorId] });
    const now = new Date();
    const at = now.toISOString();
    const day = (offset: number) => new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
    const base = { programme_id: programme.id, label: null, description: null, source_document_id: null, source_start: null, source_end: null, owner_user_id: null, start_date: null, cadence_json: null, weight: 1, tags_json: '[]', targets_json: '[]', suspended_from: null, review_date: null, completion_requested_by: null, pending_extension_json: null, health_json: null, closed_at: null, created_at: at, updated_at: at, version: 1 };

    const areaIds: string[] = [];
    await ctx.db.transaction().execute(async (trx) => {
      for (let a = 0; a < AREAS; a++) {
        const id = newId();
        areaIds.push(id);
        await trx.insertInto('tasks').values({ ...base, id, parent_id: null, area_id: id, depth: 0, kind: 'area', ordinal: a, title: `方面${a + 1}`, title_norm: `方面${a + 1}`, state: 'in_progress', lead_unit_id: null, due_date: null, progress: 0, health: 'green', assigned_at: at, signed_at: at }).execute();
      }
      const rows = [];
      for (let i = 0; i < TASKS; i++) {
        const state = STATES[i % STATES.length]!;
        const assigned = new Date(now.getTime() - (10 + (i % 30)) * 86_400_000);
        rows.push({
          ...base, id: newId(), parent_id: areaIds[i % AREAS]!, area_id: areaIds[i % AREAS]!, depth: 1, kind: 'task', ordinal: i, title: `任务${i}`, title_norm: `任务${i}`,
          state, lead_unit_id: units[i % units.length]!, due_date: day((i % 200) - 60), progress: i % 100,
          health: state === 'closed' ? 'none' : COLOURS[i % COLOURS.length]!, assigned_at: assigned.toISOString(),
          signed_at: state === 'assigned' ? null : new Date(assigned.getTime() + (i % 6) * 86_400_000).toISOString(),
        });
        if (rows.length === 500) await trx.insertInto('tasks').values(rows.splice(0)).execute();
      }
      if (rows.length) await trx.insertInto('tasks').values(rows).execute();
    });
    // 1,000,000 reports: PERIODS per task, from the lead unit; some late, some returned first.
    await sql`
      with recursive p(k) as (select 1 union all select k + 1 from p where k < ${PERIODS}),
      t as (select id, lead_unit_id, row_number() over (order by id) as rn from tasks where kind = 'task')
      insert into reports (id, task_id, unit_id, period_key, state, revision, progress, text, author_id, writer_ids_json,
                           first_submitted_at, submitted_at, late, created_at, updated_at, version, final)
      select 'r' || t.rn || '-' || p.k, t.id, t.lead_unit_id, 'P' || p.k,
             case when (t.rn + p.k) % 9 = 0 then 'submitted' else 'accepted' end,
             case when (t.rn + p.k) % 7 = 0 then 2 else 1 end, 50, '本期进展', ${supervisorId}, '[]', ${at}, ${at},
             case when (t.rn * p.k) % 5 = 0 then 1 else 0 end, ${at}, ${at}, 1, 0
      from t cross join p`.execute(ctx.db);
    await sql`
      insert into report_counters (task_id, unit_id, submitted, on_time, accepted, accepted_first)
      select task_id, unit_id, count(*), sum(case when late = 0 then 1 else 0 end),
             sum(case when state = 'accepted' then 1 else 0 end), sum(case when state = 'accepted' and revision = 1 then 1 else 0 end)
      from reports where task_id in (select id from tasks where programme_id = ${programme.id}) group by task_id, unit_id`.execute(ctx.db);
    await sql`analyze`.execute(ctx.db);
    const reports = Number((await ctx.db.selectFrom('reports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

    const sup = await session('supervisor');
    const leader = await session('leader');
    const get = (headers: { cookie: string }, url: string) => async () => {
      const res = await app.inject({ method: 'GET', url, headers });
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
    };
    // A write a dashboard counts (one task's progress), so the next view must recompute.
    const someTask = (await ctx.db.selectFrom('tasks').select('id').where('kind', '=', 'task').limit(1).executeTakeFirstOrThrow()).id;
    let progress = 0;
    const afterWrite = (view: () => Promise<void>) => async () => {
      await ctx.db.updateTable('tasks').set({ progress: ++progress % 100 }).where('id', '=', someTask).execute();
      await view();
    };
    const results = [
      await measure(`GET /api/v1/stats?programmeId (supervisor, ${TASKS} tasks, ${reports} reports)`, get(sup, `/api/v1/stats?programmeId=${programme.id}`), 20, 3),
      await measure('GET /api/v1/stats (leader, every programme)', get(leader, '/api/v1/stats'), 20, 3),
      await measure('GET /api/v1/stats?health=red&unitId=… (leader)', get(leader, `/api/v1/stats?health=red&unitId=${units[1]}`), 20, 3),
      await measure('GET /api/v1/home (leader)', get(leader, '/api/v1/home'), 20, 3),
      await measure('GET /api/v1/home (supervisor)', get(sup, '/api/v1/home'), 20, 3),
      await measure('after a write: GET /api/v1/stats?programmeId (supervisor)', afterWrite(get(sup, `/api/v1/stats?programmeId=${programme.id}`)), 10, 2),
      await measure('after a write: GET /api/v1/stats (leader)', afterWrite(get(leader, '/api/v1/stats')), 10, 2),
      await measure('after a write: GET /api/v1/home (leader)', afterWrite(get(leader, '/api/v1/home')), 10, 2),
      // What the counters save: the on-time rate alone, scanning the reports.
      await measure('for comparison: on-time rate by scanning reports (one query)', () =>
        sql`select sum(case when r.late = 0 then 1 else 0 end) as on_time, count(*) as n from reports r join tasks t on t.id = r.task_id where t.programme_id = ${programme.id} and r.first_submitted_at is not null`.execute(ctx.db), 10, 2),
    ];
    results[0]!.extra = { tasks: TASKS, reports };
    await app.close();
    return results;
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
