/**
 * `luoshi generate` on both dialects: a small city, then counts, shapes and the API serving (and acting on) the data —
 * generated report histories must be ones the report rules accept.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { verifyAuditChain } from '../../src/server/platform/audit/audit-log.ts';
import { generate, GenerateError, type GenerateResult } from '../../src/server/generate/index.ts';
import { DIALECTS } from '../support/databases.ts';
import { answer, createTestApp, type TestApp } from '../support/harness.ts';

describe.each(DIALECTS)('generate (%s)', { timeout: 120_000 }, (dialect) => {
  let t: TestApp;
  afterEach(async () => t?.close());

  async function count(table: 'units' | 'users' | 'programmes' | 'tasks' | 'task_co_units' | 'task_events' | 'reports' | 'report_events'): Promise<number> {
    const r = await t.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async function signIn(username: string, password: string) {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username, password } });
    expect(res.statusCode).toBe(200);
    const cookie = `luoshi_session=${res.cookies.find((c) => c.name === 'luoshi_session')!.value}`;
    return { cookie, 'x-csrf-token': answer('POST /api/v1/session', res).csrfToken ?? '' };
  }

  it('refuses bad sizes and a database that is not empty, and appends only when asked', async () => {
    t = await createTestApp(dialect);
    await expect(generate(t.ctx, { units: 1, tasks: 10, reports: 0 })).rejects.toThrow(GenerateError);
    await expect(generate(t.ctx, { units: 5, tasks: -1, reports: 0 })).rejects.toThrow(/--tasks must be a whole number/);
    const first = await generate(t.ctx, { units: 6, tasks: 40, reports: 100, seed: 3 });
    await expect(generate(t.ctx, { units: 6, tasks: 40, reports: 100 })).rejects.toThrow(/--append/);
    const second = await generate(t.ctx, { units: 6, tasks: 40, reports: 100, append: true });
    expect(second.tag).not.toBe('');
    expect(await count('tasks')).toBe(first.tasks + second.tasks);
    expect(await count('units')).toBe(first.units + second.units);
    expect(await verifyAuditChain(t.ctx.db)).toEqual({ ok: true, checked: 2 });
  });

  it('writes the sizes asked for, in realistic shapes, that the API serves and acts on', async () => {
    t = await createTestApp(dialect);
    const phases = new Set<string>();
    const r: GenerateResult = await generate(t.ctx, { units: 20, tasks: 600, reports: 3000, seed: 7, progress: (phase) => phases.add(phase) });
    expect([...phases]).toEqual(['units', 'tasks', 'reports']);
    expect(r).toMatchObject({ units: 20, tasks: 600, reports: 3000 });
    expect({
      units: await count('units'), users: await count('users'), tasks: await count('tasks'), coUnits: await count('task_co_units'),
      taskEvents: await count('task_events'), reports: await count('reports'), reportEvents: await count('report_events'),
    }).toEqual({ units: r.units, users: r.users, tasks: r.tasks, coUnits: r.coUnits, taskEvents: r.taskEvents, reports: r.reports, reportEvents: r.reportEvents });
    // The membership table mirrors every lead and co-unit; every open task's light is due for the health job.
    const members = Number((await t.ctx.db.selectFrom('task_units').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    expect(members).toBe(r.tasks + r.coUnits);
    const open = Number((await t.ctx.db.selectFrom('tasks').select((eb) => eb.fn.countAll<number>().as('n')).where('state', 'not in', ['draft', 'closed']).executeTakeFirstOrThrow()).n);
    expect(Number((await t.ctx.db.selectFrom('tasks').select((eb) => eb.fn.countAll<number>().as('n')).where('health_changes_at', '<=', new Date(0).toISOString()).executeTakeFirstOrThrow()).n)).toBe(open);

    // Deep trees, every state, skewed load, late and returned reports.
    const depths = await t.ctx.db.selectFrom('tasks').select('depth').distinct().orderBy('depth').execute();
    expect(depths.map((d) => Number(d.depth))).toEqual([0, 1, 2, 3, 4]);
    const states = await t.ctx.db.selectFrom('tasks').select('state').distinct().execute();
    expect(states.length).toBeGreaterThanOrEqual(7);
    const load = await t.ctx.db.selectFrom('tasks').select(['lead_unit_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('lead_unit_id').orderBy('n', 'desc').execute();
    expect(Number(load[0]!.n)).toBeGreaterThan(4 * Number(load[load.length - 1]!.n));
    const reportStates = await t.ctx.db.selectFrom('reports').select(['state', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('state').execute();
    expect(reportStates.map((s) => s.state).sort()).toEqual(['accepted', 'draft', 'returned', 'submitted']);
    expect(Number((await t.ctx.db.selectFrom('reports').select((eb) => eb.fn.countAll<number>().as('n')).where('late', '=', 1).executeTakeFirstOrThrow()).n)).toBeGreaterThan(0);

    const supervisor = await signIn(r.accounts.supervisor, r.password);
    const ledger = await t.app.inject({ method: 'GET', url: '/api/v1/tasks?limit=50', headers: supervisor });
    expect(ledger.statusCode).toBe(200);
    expect(answer('GET /api/v1/tasks', ledger).items).toHaveLength(50);

    // A submitted report: its supervisor accepts it. A draft: a liaison of its unit submits it.
    const submitted = await t.ctx.db.selectFrom('reports').select(['id', 'task_id', 'version']).where('state', '=', 'submitted').orderBy('id').executeTakeFirstOrThrow();
    const task = await t.app.inject({ method: 'GET', url: `/api/v1/tasks/${submitted.task_id}`, headers: supervisor });
    expect(task.statusCode).toBe(200);
    const reports = await t.app.inject({ method: 'GET', url: `/api/v1/tasks/${submitted.task_id}/reports`, headers: supervisor });
    expect(reports.statusCode).toBe(200);
    const accepted = await t.app.inject({ method: 'POST', url: `/api/v1/reports/${submitted.id}/accept`, headers: supervisor, payload: { version: Number(submitted.version) } });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(answer('POST /api/v1/reports/:id/accept', accepted).state).toBe('accepted');

    const returned = await t.ctx.db
      .selectFrom('reports')
      .innerJoin('tasks', 'tasks.id', 'reports.task_id')
      .innerJoin('users', 'users.unit_id', 'reports.unit_id')
      .select(['reports.id', 'reports.version', 'users.username'])
      .where('reports.state', '=', 'returned')
      .where('tasks.state', 'in', ['in_progress', 'signed'])
      .orderBy('reports.id')
      .executeTakeFirstOrThrow();
    const liaison = await signIn(returned.username, r.password);
    const inbox = await t.app.inject({ method: 'GET', url: '/api/v1/inbox', headers: liaison });
    expect(inbox.statusCode).toBe(200);
    const resubmitted = await t.app.inject({ method: 'POST', url: `/api/v1/reports/${returned.id}/submit`, headers: liaison, payload: { version: Number(returned.version) } });
    expect(resubmitted.statusCode, resubmitted.body).toBe(200);
    expect(answer('POST /api/v1/reports/:id/submit', resubmitted)).toMatchObject({ state: 'submitted', revision: 2 });
  });
});

describe('bin/luoshi generate', () => {
  it('generates into an empty data directory with progress on stderr, then refuses to generate again without --append', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'luoshi-generate-'));
    try {
      const env = { LUOSHI_DATA_DIR: dir, DATABASE_URL: undefined };
      const bad = await runCli(['generate', '--units', 'many', '--tasks', '10', '--reports', '0'], env);
      expect(bad.code).not.toBe(0);
      expect(bad.stderr).toContain('must be a whole number');
      const ok = await runCli(['generate', '--units', '4', '--tasks', '30', '--reports', '60', '--seed', '2'], env);
      expect(ok.stderr).toMatch(/generate: 100% reports/);
      expect({ code: ok.code, out: ok.stdout }).toMatchObject({ code: 0, out: expect.stringMatching(/Generated 4 units, \d+ users, 1 programmes, 30 tasks .* 60 reports/) });
      const again = await runCli(['generate', '--units', '4', '--tasks', '30', '--reports', '60'], env);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('pass --append');
      expect((await runCli(['generate', '--units', '4', '--tasks', '30', '--reports', '60', '--append'], env)).code).toBe(0);
      expect((await runCli(['audit', 'verify'], env)).stdout).toContain('2 rows verified');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
