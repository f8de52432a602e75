/**
 * Two app instances on one PostgreSQL database and nothing else shared: each has its own empty data directory and
 * keeps blobs in PostgreSQL. With LUOSHI_TEST_DATABASE_URL (as in CI) they are two connection pools on a real server,
 * so their requests truly interleave; without it they share the in-process PGlite, whose single session runs their
 * statements one at a time — the same protocol (versions, claims, unique keys) decides the outcome, with less overlap.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeNoticeTransports, deliverOutbox, sweepNotices } from '../../src/server/modules/notices/index.ts';
import { verifyBlobs } from '../../src/server/platform/blobs/transfer.ts';
import { loadConfig, type Config } from '../../src/server/platform/config.ts';
import { createContext, type AppContext } from '../../src/server/platform/context.ts';
import type { Database } from '../../src/server/platform/db/database.ts';
import { buildApp } from '../../src/server/app.ts';
import type { App } from '../../src/server/platform/http/types.ts';
import { openTestDatabase, postgresUrl, type TestDatabase } from '../support/databases.ts';
import { buildTask, buildUnit, buildUser, signIn, type SignedIn } from '../support/factories.ts';
import { answer, json, TestClock } from '../support/harness.ts';
import { multipart } from '../support/multipart.ts';
import { SmtpSink } from '../support/smtp.ts';

interface Instance {
  name: string;
  ctx: AppContext;
  app: App;
  dataDir: string;
  database: Database;
}

const filesUnder = (dir: string): string[] => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);

describe(`two instances on one PostgreSQL (${postgresUrl() ? 'server' : 'PGlite'}), blobs in the database`, () => {
  let db: TestDatabase;
  let smtp: SmtpSink;
  let a: Instance;
  let b: Instance;
  const clock = new TestClock(new Date('2024-05-10T02:00:00.000Z'));

  async function instance(name: string, database: Database): Promise<Instance> {
    const dataDir = mkdtempSync(join(tmpdir(), `luoshi-${name}-`));
    const config: Config = { ...loadConfig({}, { dataDir }), blobStore: 'postgres', smtp: smtp.config(), publicUrl: 'https://luoshi.example.gov.cn' };
    const ctx = createContext(config, database, clock);
    const app = await buildApp(ctx, { logger: false });
    await app.ready();
    return { name, ctx, app, dataDir, database };
  }

  beforeAll(async () => {
    smtp = await SmtpSink.start();
    db = await openTestDatabase('postgres');
    a = await instance('a', db);
    b = await instance('b', await db.reopen());
  });
  afterAll(async () => {
    for (const i of [a, b]) {
      if (!i) continue;
      closeNoticeTransports(i.ctx);
      await i.app.close();
      await i.ctx.blobs.close();
      rmSync(i.dataDir, { recursive: true, force: true });
    }
    await b?.database.close();
    await db?.close();
    await smtp?.stop();
  });

  it('serves the loop across instances: sessions, concurrent edits, evidence, sweeps — no lost update, no duplicate, no missing file', async () => {
    const leadUnit = await buildUnit(a.ctx);
    const supervisorUser = await buildUser(a.ctx, { roles: ['supervisor'], email: 'supervisor@example.test' });
    const liaisonUser = await buildUser(a.ctx, { roles: ['liaison'], unitId: leadUnit.id, email: 'liaison@example.test' });
    const task = await buildTask(a.ctx, { supervisorIds: [supervisorUser.id], state: 'in_progress', leadUnitId: leadUnit.id, cadence: { kind: 'monthly' }, signedAt: '2024-03-10T02:00:00.000Z', dueDate: '2024-12-31' });

    // A session opened on A works on B: sessions live in the database.
    const supervisor: SignedIn = await signIn(a.app, supervisorUser);
    const liaison: SignedIn = await signIn(b.app, liaisonUser);
    expect((await b.app.inject({ method: 'GET', url: '/api/v1/me', headers: supervisor.headers })).statusCode).toBe(200);

    // Concurrent edits of the same task through both instances, from the same version: one wins, one gets 409.
    const edits = await Promise.all([
      a.app.inject({ method: 'PATCH', url: `/api/v1/tasks/${task.id}`, headers: supervisor.headers, payload: { version: 1, title: '甲：推进养老服务' } }),
      b.app.inject({ method: 'PATCH', url: `/api/v1/tasks/${task.id}`, headers: supervisor.headers, payload: { version: 1, title: '乙：推进民生工程' } }),
    ]);
    expect(edits.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const winner = edits.find((r) => r.statusCode === 200)!;
    const loser = edits.find((r) => r.statusCode === 409)!;
    expect(json(loser)).toMatchObject({ error: { code: 'version_conflict' } });
    const seen = answer('GET /api/v1/tasks/:id', await b.app.inject({ method: 'GET', url: `/api/v1/tasks/${task.id}`, headers: supervisor.headers }));
    expect(seen.task).toMatchObject({ title: answer('PATCH /api/v1/tasks/:id', winner).title, version: 2 });
    // The loser retries on the new version and nothing is lost.
    const retry = await (edits[0] === loser ? a : b).app.inject({ method: 'PATCH', url: `/api/v1/tasks/${task.id}`, headers: supervisor.headers, payload: { version: 2, description: '两个实例都写过' } });
    expect(retry.statusCode).toBe(200);
    expect(answer('PATCH /api/v1/tasks/:id', retry)).toMatchObject({ title: seen.task.title, version: 3 });

    // A report with evidence uploaded to A, downloaded byte for byte from B.
    const created = await a.app.inject({ method: 'POST', url: `/api/v1/tasks/${task.id}/reports`, headers: liaison.headers, payload: { periodKey: '2024-05', progress: 40, text: '主体工程完成四成。' } });
    expect(created.statusCode).toBe(201);
    const reportId = answer('POST /api/v1/tasks/:id/reports', created).id;
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(700 * 1024), Buffer.from('\n%%EOF\n')]);
    const form = multipart({ filename: '验收.pdf', content: pdf });
    const uploaded = await a.app.inject({ method: 'POST', url: `/api/v1/reports/${reportId}/evidence`, headers: { ...liaison.headers, ...form.headers }, payload: form.payload });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const evidenceId = answer('POST /api/v1/reports/:id/evidence', uploaded).items[0]!.id;
    const downloaded = await b.app.inject({ method: 'GET', url: `/api/v1/evidence/${evidenceId}/download`, headers: supervisor.headers });
    expect(downloaded.statusCode).toBe(200);
    expect(downloaded.rawPayload.equals(pdf)).toBe(true);
    // Submitted on B, accepted on A.
    expect((await b.app.inject({ method: 'POST', url: `/api/v1/reports/${reportId}/submit`, headers: liaison.headers, payload: {} })).statusCode).toBe(200);
    expect((await a.app.inject({ method: 'POST', url: `/api/v1/reports/${reportId}/accept`, headers: supervisor.headers, payload: {} })).statusCode).toBe(200);

    // Sweeps and deliveries in both instances at once: each notice recorded once, each e-mail sent once.
    const overdueUnit = await buildUnit(a.ctx);
    for (let i = 0; i < 4; i++) {
      const unit = i % 2 === 0 ? overdueUnit : await buildUnit(a.ctx);
      await buildUser(a.ctx, { roles: ['liaison'], unitId: unit.id, email: `sweep${i}@example.test` });
      await buildTask(a.ctx, { state: 'in_progress', leadUnitId: unit.id, dueDate: '2024-05-06', supervisorIds: [supervisorUser.id] });
    }
    const now = clock.now();
    const before = (await a.ctx.db.selectFrom('notices').select('id').execute()).length;
    const swept = await Promise.all([sweepNotices(a.ctx, now), sweepNotices(b.ctx, now), sweepNotices(a.ctx, now), sweepNotices(b.ctx, now)]);
    expect(swept.flatMap((s) => s.problems)).toEqual([]);
    const notices = await a.ctx.db.selectFrom('notices').select(['dedupe_key']).execute();
    expect(new Set(notices.map((n) => n.dedupe_key)).size).toBe(notices.length);
    expect(swept.reduce((n, s) => n + s.created, 0)).toBe(notices.length - before);
    expect(notices.length - before).toBeGreaterThanOrEqual(4);
    const delivered = await Promise.all([deliverOutbox(a.ctx, now), deliverOutbox(b.ctx, now)]);
    const outboxRows = await a.ctx.db.selectFrom('outbox').select(['id', 'status', 'channel']).execute();
    expect(outboxRows.filter((r) => r.channel === 'email').length).toBeGreaterThan(0);
    expect(outboxRows.every((r) => r.status === 'sent')).toBe(true);
    expect(delivered[0].sent + delivered[1].sent).toBe(outboxRows.length);
    expect(smtp.messages).toHaveLength(outboxRows.filter((r) => r.channel === 'email').length);
    expect(new Set(smtp.messages.map((m) => m.messageId)).size).toBe(smtp.messages.length);

    // Neither instance wrote a file into its data directory; every referenced blob is whole in PostgreSQL.
    expect(filesUnder(a.dataDir)).toEqual([]);
    expect(filesUnder(b.dataDir)).toEqual([]);
    const verified = await verifyBlobs(b.ctx.db, b.ctx.blobs);
    expect(verified).toMatchObject({ ok: verified.total, problems: [] });
    expect(verified.total).toBeGreaterThanOrEqual(1);
  });
});
