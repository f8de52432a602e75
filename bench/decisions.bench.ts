/**
 * Decisions and their notices, on the demo data (SQLite): a transition answered with the caller's abilities and
 * the notices it raises, the liaison's notification list with its visibility check, and a batch of 50 assignments
 * grouped into one notice per unit.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/server/platform/config.ts';
import { createContext } from '../src/server/platform/context.ts';
import { migrateToLatest, openDatabase } from '../src/server/platform/db/database.ts';
import { buildApp } from '../src/server/app.ts';
import { seedDemo } from '../src/server/demo/index.ts';
import { DEMO_PASSWORD } from '../src/server/demo/seed-demo.ts';
import { systemActor } from '../src/server/platform/auth/actor.ts';
import { createProgramme } from '../src/server/modules/programmes/index.ts';
import { applyTransition, createTask, runTaskBatch, type Task } from '../src/server/modules/tasks/index.ts';
import { measure, type BenchResult } from './bench-kit.ts';

const BATCH = 50;
const BATCH_RUNS = 8;

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
      const body = JSON.parse(res.body) as { csrfToken: string };
      return { cookie: `luoshi_session=${res.cookies.find((c) => c.name === 'luoshi_session')?.value}`, 'x-csrf-token': body.csrfToken };
    };
    const sup = await session('supervisor');
    const fgw = await session('fgw');
    const system = systemActor('bench');
    const units = await ctx.db.selectFrom('units').select(['id', 'name']).execute();
    const unitIds = units.map((u) => u.id);
    const fgwUnit = units.find((u) => u.name === '市发展改革委')?.id ?? '';
    const supervisorId = (await ctx.db.selectFrom('users').select('id').where('username', '=', 'supervisor').executeTakeFirstOrThrow()).id;
    const programme = await createProgramme(ctx, system, { title: '基准', supervisorIds: [supervisorId] });
    const due = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);

    // One task to move back and forth, and 60 earlier notices in the liaison's list.
    const task = await createTask(ctx, system, { programmeId: programme.id, title: '基准任务', leadUnitId: fgwUnit, dueDate: due });
    const post = (body: Record<string, unknown>) => app.inject({ method: 'POST', url: `/api/v1/tasks/${task.id}/transitions`, headers: sup, payload: body });
    let version = (JSON.parse((await post({ action: 'assign', version: task.version })).body) as { version: number }).version;
    const cycle = async () => {
      for (const [action, extra] of [['suspend', { reason: '等待批复', reviewDate: due }], ['resume', {}]] as const) {
        const res = await post({ action, version, ...extra });
        if (res.statusCode !== 200) throw new Error(`${action}: ${res.statusCode} ${res.body}`);
        version = (JSON.parse(res.body) as { version: number }).version;
      }
    };
    for (let i = 0; i < 30; i++) await cycle();
    const transitions = await measure('suspend + resume over HTTP (2 transitions, 2 notices, abilities in each answer)', cycle, 60, 5);
    const list = await measure('GET /api/v1/notifications (liaison, 50 of 120+, visibility checked)', () => app.inject({ method: 'GET', url: '/api/v1/notifications?limit=50', headers: fgw }), 300, 30);

    // Batches: each run assigns 50 fresh drafts spread over every unit, in one transaction.
    const batches: Task[][] = [];
    for (let r = 0; r < BATCH_RUNS + 2; r++) {
      const set: Task[] = [];
      for (let i = 0; i < BATCH; i++) set.push(await createTask(ctx, system, { programmeId: programme.id, title: `批量${r}-${i}`, leadUnitId: unitIds[i % unitIds.length] ?? fgwUnit, dueDate: due }));
      batches.push(set);
    }
    const before = Number((await ctx.db.selectFrom('notices').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const actor = { kind: 'user' as const, id: supervisorId, username: 'supervisor', displayName: '张督查', unitId: '', roles: ['supervisor' as const], permissions: new Set<never>(), via: 'session' as const };
    let next = 0;
    const batch = await measure(`runTaskBatch: assign ${BATCH} tasks over ${unitIds.length} units, grouped notices`, async () => {
      const set = batches[next++] ?? [];
      const now = new Date();
      await ctx.db.transaction().execute((trx) => runTaskBatch(trx, ctx, async () => {
        for (const t of set) await applyTransition(trx, ctx, actor, t.id, { action: 'assign', version: t.version }, now);
      }));
    }, BATCH_RUNS, 2);
    const after = Number((await ctx.db.selectFrom('notices').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    batch.extra = { noticesPerBatch: Math.round((after - before) / (BATCH_RUNS + 2)), tasksPerBatch: BATCH };
    await app.close();
    return [transitions, list, batch];
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
