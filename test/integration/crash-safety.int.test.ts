/**
 * Kill -9 in the middle of 1,000 report submissions with evidence (8 in flight), restart, finish them, and prove that
 * nothing acknowledged was lost or applied twice: every 2xx answer is in the database exactly once, every
 * acknowledged evidence file is on disk with its hash, no half-written file is left, and the database and the audit
 * chain are intact. On SQLite and on PostgreSQL, each through a real server process.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/server/platform/audit/audit-log.ts';
import { loadConfig } from '../../src/server/platform/config.ts';
import { createContext } from '../../src/server/platform/context.ts';
import { DIALECTS, openTestDatabase, postgresUrl, type TestDatabase } from '../support/databases.ts';
import { buildTask, buildUnit, buildUser, PASSWORD } from '../support/factories.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { contractAnswer } from '../support/contract-answer.ts';

const SUBMISSIONS = 1000;
const IN_FLIGHT = 8;
/** Months 2020-01 … 2024-12: each task takes 60 monthly reports. */
const PERIODS = Array.from({ length: 60 }, (_, i) => `${2020 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
const TASKS = Math.ceil(SUBMISSIONS / PERIODS.length);

const withSchema = (url: string, schema: string) => `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;

interface Acks {
  created: Map<string, string>;
  evidence: Array<{ id: string; reportId: string; sha256: string }>;
  submitted: Set<string>;
}

const tmpFiles = (dataDir: string) => {
  const root = join(dataDir, 'blobs');
  if (!existsSync(root)) return [];
  return readdirSync(root).flatMap((d) => readdirSync(join(root, d)).filter((f) => f.endsWith('.tmp')).map((f) => `${d}/${f}`));
};

describe.each(DIALECTS)('crash safety under kill -9 (%s)', (dialect) => {
  const runnable = dialect === 'sqlite' || postgresUrl() !== undefined;
  let database: TestDatabase | null = null;
  let server: ServerProcess | null = null;
  afterAll(async () => {
    server?.child.kill('SIGKILL');
    await database?.close();
  });

  it.skipIf(!runnable)(`loses no acknowledged submission of ${SUBMISSIONS}, applies none twice and leaves no temporary file`, async () => {
    database = await openTestDatabase(dialect);
    const db = database;
    const config = { ...loadConfig({}, { dataDir: db.tmpDir }) };
    const ctx = createContext(config, db);
    const unit = await buildUnit(ctx);
    const supervisor = await buildUser(ctx, { roles: ['supervisor'] });
    const liaison = await buildUser(ctx, { roles: ['liaison'], unitId: unit.id });
    const tasks: string[] = [];
    let programmeId: string | undefined;
    for (let i = 0; i < TASKS; i++) {
      const task = await buildTask(ctx, { programmeId, supervisorIds: programmeId ? [] : [supervisor.id], state: 'signed', leadUnitId: unit.id, cadence: { kind: 'monthly' }, signedAt: '2020-01-01T00:00:00.000Z', dueDate: '2030-12-31' });
      programmeId = task.programmeId;
      tasks.push(task.id);
    }
    const env: Record<string, string | undefined> = {
      LUOSHI_DATA_DIR: db.tmpDir,
      DATABASE_URL: dialect === 'postgres' ? withSchema(db.share!.url, db.share!.schema) : undefined,
      LUOSHI_BLOB_TMP_GRACE_SECONDS: '0',
    };

    server = await startServerProcess(env);
    let base = server.url;
    const signIn = await fetch(`${base}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: liaison.username, password: PASSWORD }) });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const csrf = ((await signIn.json()) as { csrfToken: string }).csrfToken;
    const headers = { cookie, 'x-csrf-token': csrf };

    const acks: Acks = { created: new Map(), evidence: [], submitted: new Set() };
    let down = false;
    let killedAt = -1;
    let tmpAfterKill: string[] = [];
    const killAt = 250 + Math.floor(Math.random() * 250);

    /** One request, retried across the crash until the server answers; a 5xx is never accepted. */
    const send = async (path: string, init: RequestInit): Promise<Response> => {
      for (let attempt = 0; ; attempt++) {
        if (attempt > 400) throw new Error(`${path}: no answer after the restart`);
        if (down) {
          await new Promise((r) => setTimeout(r, 25));
          continue;
        }
        try {
          const res = await fetch(`${base}${path}`, { ...init, headers: { ...headers, ...(init.headers as Record<string, string>) } });
          if (res.status >= 500) throw new Error(`${path}: ${res.status} ${await res.text()}`);
          return res;
        } catch (err) {
          if (err instanceof Error && /: 5\d\d /.test(err.message)) throw err;
          await new Promise((r) => setTimeout(r, 25));
        }
      }
    };

    const crash = async () => {
      down = true;
      killedAt = acks.submitted.size;
      server!.child.kill('SIGKILL');
      await server!.exited;
      tmpAfterKill = tmpFiles(db.tmpDir);
      server = await startServerProcess(env);
      base = server.url;
      down = false;
    };

    const submitOne = async (i: number) => {
      const taskId = tasks[Math.floor(i / PERIODS.length)]!;
      const periodKey = PERIODS[i % PERIODS.length]!;
      const created = await send(`/api/v1/tasks/${taskId}/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ periodKey, progress: 50, text: `第${i}份进展报告` }) });
      const createdBody = (await created.json()) as { id?: string; error?: { code: string; details?: { reportId?: string } } };
      let reportId: string;
      if (created.status === 201) {
        reportId = createdBody.id!;
        acks.created.set(reportId, `${taskId}|${periodKey}`);
      } else {
        // Created before the crash but never acknowledged: the retry finds it.
        expect(createdBody.error?.code).toBe('report_exists');
        reportId = createdBody.error!.details!.reportId!;
      }
      // A unique file each time (content-addressed storage would otherwise write it once).
      const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(64 * 1024)]);
      const form = new FormData();
      form.append('file', new Blob([pdf], { type: 'application/pdf' }), `证明材料${i}.pdf`);
      const uploaded = await send(`/api/v1/reports/${reportId}/evidence`, { method: 'POST', body: form });
      if (uploaded.status === 201) {
        const body = contractAnswer('POST /api/v1/reports/:id/evidence', uploaded.status, await uploaded.text());
        for (const e of body.items) acks.evidence.push({ id: e.id, reportId, sha256: e.sha256 });
        expect(body.items[0]!.sha256).toBe(createHash('sha256').update(pdf).digest('hex'));
      } else {
        // Only a report submitted before the crash (unacknowledged) refuses more evidence.
        expect([409, 403]).toContain(uploaded.status);
      }
      const submitted = await send(`/api/v1/reports/${reportId}/submit`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      if (submitted.status === 200) acks.submitted.add(reportId);
      else expect([409, 403]).toContain(submitted.status);
      if (killedAt < 0 && !down && acks.submitted.size >= killAt) await crash();
    };

    let next = 0;
    await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
      while (next < SUBMISSIONS) await submitOne(next++);
    }));
    expect(killedAt).toBeGreaterThan(0);

    // A graceful stop this time: SIGTERM finishes what is in flight and exits 0.
    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    server = null;

    const check = db;
    {
      const reports = await check.db.selectFrom('reports').select(['id', 'task_id', 'period_key', 'state']).execute();
      const byId = new Map(reports.map((r) => [r.id, r]));
      // Every acknowledged creation is there, once; and every submission in the end is one report.
      for (const [id, key] of acks.created) expect({ id, key: byId.get(id) ? `${byId.get(id)!.task_id}|${byId.get(id)!.period_key}` : null }).toEqual({ id, key });
      expect(reports.length).toBe(SUBMISSIONS);
      expect(new Set(reports.map((r) => `${r.task_id}|${r.period_key}`)).size).toBe(SUBMISSIONS);
      // Every acknowledged submission is submitted, by exactly one submission event.
      const submits = await check.db.selectFrom('report_events').select(['report_id']).where('type', '=', 'report.submitted').execute();
      const submitCount = new Map<string, number>();
      for (const s of submits) submitCount.set(s.report_id, (submitCount.get(s.report_id) ?? 0) + 1);
      for (const id of acks.submitted) {
        expect({ id, state: byId.get(id)?.state, submits: submitCount.get(id) }).toEqual({ id, state: 'submitted', submits: 1 });
      }
      expect(reports.every((r) => r.state === 'submitted')).toBe(true);
      expect([...submitCount.values()].every((n) => n === 1)).toBe(true);
      // Every acknowledged evidence file is recorded once and on disk with its hash.
      const evidence = await check.db.selectFrom('evidence').select(['id', 'report_id', 'sha256']).execute();
      const evidenceById = new Map(evidence.map((e) => [e.id, e]));
      for (const e of acks.evidence) {
        expect(evidenceById.get(e.id)).toEqual({ id: e.id, report_id: e.reportId, sha256: e.sha256 });
        const file = join(db.tmpDir, 'blobs', e.sha256.slice(0, 2), e.sha256);
        expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(e.sha256);
      }
      expect(await verifyAuditChain(check.db)).toMatchObject({ ok: true });
    }
    expect(tmpFiles(db.tmpDir)).toEqual([]);
    if (dialect === 'sqlite') {
      const raw = new SqliteDatabase(join(db.tmpDir, 'luoshi.db'), { readonly: true });
      try {
        expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(raw.pragma('foreign_key_check')).toEqual([]);
      } finally {
        raw.close();
      }
    }
    console.log(`${dialect}: killed after ${killedAt} acknowledged submissions; ${tmpAfterKill.length} temporary files left by the kill were removed at restart`);
  }, 240_000);
});

describe('temporary blob files at start-up', () => {
  it('removes what a killed writer left, and keeps what a live writer may still be writing', async () => {
    const { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { startServer } = await import('../../src/server/server.ts');
    const dataDir = mkdtempSync(join(tmpdir(), 'luoshi-blobtmp-'));
    try {
      mkdirSync(join(dataDir, 'blobs', 'ab'), { recursive: true });
      const stale = join(dataDir, 'blobs', 'ab', `${'ab'.padEnd(64, '0')}.1a2b3c.tmp`);
      const fresh = join(dataDir, 'blobs', 'ab', `${'ab'.padEnd(64, '1')}.4d5e6f.tmp`);
      writeFileSync(stale, 'half a file');
      writeFileSync(fresh, 'being written');
      const old = new Date(Date.now() - 5 * 60_000);
      utimesSync(stale, old, old);
      const running = await startServer({ ...loadConfig({}, { dataDir, port: 0, host: '127.0.0.1' }), schedulerEnabled: false }, { logger: false });
      await running.stop();
      expect(existsSync(stale)).toBe(false);
      expect(existsSync(fresh)).toBe(true);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
