import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverOutbox, startImmediateDelivery, type ImmediateDelivery } from '../../src/server/modules/notices/index.ts';
import { createContext, type AppContext } from '../../src/server/platform/context.ts';
import { openDatabase, type Database } from '../../src/server/platform/db/database.ts';
import { DIALECTS, postgresUrl } from '../support/databases.ts';
import { answer, createTestApp, type TestApp } from '../support/harness.ts';
import { buildTask, buildUnit, buildUser, signedInUser } from '../support/factories.ts';
import { SmtpSink } from '../support/smtp.ts';

/** Polls until `check` holds or `ms` pass; returns how long it took. */
async function within(ms: number, check: () => boolean | Promise<boolean>): Promise<number> {
  const start = Date.now();
  while (Date.now() - start < ms) {
    if (await check()) return Date.now() - start;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`not within ${ms} ms`);
}

describe.each(DIALECTS)('immediate notices (%s)', (dialect) => {
  let t: TestApp;
  let smtp: SmtpSink;
  let worker: ImmediateDelivery;
  beforeAll(async () => {
    smtp = await SmtpSink.start();
    // The scheduler is off here: only the immediate path can deliver.
    t = await createTestApp(dialect, { config: { smtp: smtp.config(), schedulerEnabled: false } });
    worker = await startImmediateDelivery(t.ctx, { listenUrl: t.database.share?.url ?? null });
  });
  afterAll(async () => {
    await worker?.stop();
    await t?.close();
    await smtp?.stop();
  });

  async function remindSetting(emailPrefix: string) {
    const supervisor = await signedInUser(t.app, t.ctx, ['supervisor']);
    const unit = await buildUnit(t.ctx);
    await buildUser(t.ctx, { roles: ['liaison'], unitId: unit.id, email: `${emailPrefix}@example.test` });
    const task = await buildTask(t.ctx, { state: 'in_progress', leadUnitId: unit.id, supervisorIds: [supervisor.user.id] });
    return { supervisor, task };
  }

  it(`listens on ${dialect === 'postgres' && postgresUrl() ? 'PostgreSQL' : 'the in-process kick'}`, () => {
    expect(worker.mode).toBe(dialect === 'postgres' && postgresUrl() ? 'listen' : 'local');
    expect(worker.connected()).toBe(true);
  });

  it("delivers a request's e-mail right after commit, without a sweep or scheduled delivery", async () => {
    const { supervisor, task } = await remindSetting('now');
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/tasks/${task.id}/reminders`, headers: supervisor.headers, payload: { message: '请尽快报送' } });
    expect(res.statusCode).toBe(201);
    const { noticeId } = answer('POST /api/v1/tasks/:id/reminders', res);
    await within(3000, () => smtp.messages.some((m) => m.envelopeTo.includes('now@example.test')));
    await within(2000, async () => (await t.ctx.db.selectFrom('outbox').select('status').where('notice_id', '=', noticeId).executeTakeFirst())?.status === 'sent');
    expect(smtp.messages.filter((m) => m.envelopeTo.includes('now@example.test'))).toHaveLength(1);
  });

  it('loses nothing while the mail server is down: the row waits for its retry, and is sent once when it is back', async () => {
    await smtp.stop();
    const { supervisor, task } = await remindSetting('later');
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/tasks/${task.id}/reminders`, headers: supervisor.headers, payload: {} });
    expect(res.statusCode).toBe(201);
    const { noticeId } = answer('POST /api/v1/tasks/:id/reminders', res);
    const row = () => t.ctx.db.selectFrom('outbox').select(['status', 'attempts', 'next_attempt_at']).where('notice_id', '=', noticeId).executeTakeFirstOrThrow();
    await within(5000, async () => {
      const r = await row();
      return r.attempts === 1 && r.status === 'pending';
    });
    await smtp.restart();
    // The regular delivery job (the safety net) sends it once its retry is due.
    const due = new Date(new Date((await row()).next_attempt_at).getTime() + 1000);
    expect((await deliverOutbox(t.ctx, due)).sent).toBeGreaterThanOrEqual(1);
    expect((await row()).status).toBe('sent');
    expect(smtp.messages.filter((m) => m.envelopeTo.includes('later@example.test'))).toHaveLength(1);
  });

  // Two LISTENing instances need a real server (PGlite has no second session to listen on); CI names one.
  if (dialect === 'postgres') it.skipIf(!postgresUrl())('sends each e-mail once when two listening instances both wake', async () => {
    const share = t.database.share!;
    const other: Database = await openDatabase({ kind: 'postgres', url: share.url, schema: share.schema, max: 3 });
    const otherCtx: AppContext = createContext({ ...t.ctx.config }, other);
    const otherWorker = await startImmediateDelivery(otherCtx, { listenUrl: share.url });
    try {
      const targets: string[] = [];
      for (let i = 0; i < 6; i++) {
        const { supervisor, task } = await remindSetting(`twice${i}`);
        targets.push(`twice${i}@example.test`);
        expect((await t.app.inject({ method: 'POST', url: `/api/v1/tasks/${task.id}/reminders`, headers: supervisor.headers, payload: {} })).statusCode).toBe(201);
      }
      await within(5000, () => targets.every((to) => smtp.messages.some((m) => m.envelopeTo.includes(to))));
      // Both instances got every notification; give the slower one time to (wrongly) send a second copy.
      await new Promise((r) => setTimeout(r, 500));
      for (const to of targets) expect(smtp.messages.filter((m) => m.envelopeTo.includes(to))).toHaveLength(1);
    } finally {
      await otherWorker.stop();
      await other.close();
    }
  });
});
