import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/server/platform/auth/actor.ts';
import { verifyAuditChain } from '../../src/server/platform/audit/audit-log.ts';
import { createContext, type AppContext } from '../../src/server/platform/context.ts';
import { wirePorts } from '../../src/server/ports.ts';
import { openDatabase, type Database } from '../../src/server/platform/db/database.ts';
import { closeNoticeTransports, deliverOutbox, sweepNotices } from '../../src/server/modules/notices/index.ts';
import { createWebhook } from '../../src/server/modules/notices/webhooks.service.ts';
import { updateUnit } from '../../src/server/modules/units/index.ts';
import { DIALECTS } from '../support/databases.ts';
import { createTestEnv, TestClock, type TestEnv } from '../support/harness.ts';
import { buildTask, buildUnit, buildUser } from '../support/factories.ts';
import type { InstanceArgs, InstanceTotals } from '../support/notices-instance.ts';
import { SmtpSink } from '../support/smtp.ts';
import { WebhookSink } from '../support/webhook-sink.ts';

const INSTANCE = resolve(import.meta.dirname, '../support/notices-instance.ts');
const ROUNDS = 4;

/** Starts the other instance in its own process and returns a trigger that lets it run and resolves with its totals. */
async function otherProcess(args: InstanceArgs): Promise<() => Promise<InstanceTotals>> {
  const child = spawn(process.execPath, ['--import', 'tsx', INSTANCE, JSON.stringify(args)], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const lines = createInterface({ input: child.stdout });
  const iterator = lines[Symbol.asyncIterator]();
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  const first = await iterator.next();
  if (first.value !== 'ready') throw new Error(`instance did not start: ${stderr}`);
  return async () => {
    child.stdin.write('go\n');
    const result = await iterator.next();
    const code = await exited;
    if (code !== 0 || typeof result.value !== 'string') throw new Error(`instance failed (${code}): ${stderr}`);
    return JSON.parse(result.value) as InstanceTotals;
  };
}

describe.each(DIALECTS)('two instances sweeping one %s database at once', (dialect) => {
  let env: TestEnv;
  let smtp: SmtpSink;
  let hooks: WebhookSink;
  let second: Database | null = null;
  const clock = new TestClock(new Date('2024-06-07T01:00:00Z'));
  beforeAll(async () => {
    smtp = await SmtpSink.start();
    hooks = await WebhookSink.start();
    env = await createTestEnv(dialect, { clock, config: { smtp: smtp.config(), publicUrl: 'https://luoshi.example.gov.cn' } });
  });
  afterAll(async () => {
    await second?.close();
    await env.close();
    await smtp.stop();
    await hooks.stop();
  });

  it('records each notice once and sends each e-mail and webhook once', async () => {
    const admin = systemActor('test');
    const supervisor = await buildUser(env.ctx, { roles: ['supervisor'], email: 'supervisor@example.test' });
    await createWebhook(env.ctx, admin, { name: 'all', url: hooks.url('/all'), format: 'generic', secret: 's' });
    let expectedNotices = 0;
    let expectedEmails = 0;
    for (let i = 0; i < 12; i++) {
      const unit = await buildUnit(env.ctx);
      await buildUser(env.ctx, { roles: ['liaison'], unitId: unit.id, email: `l${i}a@example.test` });
      await buildUser(env.ctx, { roles: ['liaison'], unitId: unit.id, email: `l${i}b@example.test` });
      const head = await buildUser(env.ctx, { roles: ['viewer'], unitId: unit.id, email: `head${i}@example.test` });
      await updateUnit(env.ctx, admin, unit.id, { version: unit.version, headUserId: head.id });
      if (i % 3 === 0) {
        // Overdue by 4 days: the overdue reminder (2 liaisons) and the escalation (head + supervisor).
        await buildTask(env.ctx, { state: 'in_progress', leadUnitId: unit.id, dueDate: '2024-06-03', supervisorIds: [supervisor.id] });
        expectedNotices += 2;
        expectedEmails += 4;
      } else {
        await buildTask(env.ctx, { state: 'signed', leadUnitId: unit.id, dueDate: '2024-06-09' });
        expectedNotices += 1;
        expectedEmails += 2;
      }
    }

    const now = clock.now();
    const rounds = async (ctx: AppContext) => {
      for (let r = 0; r < ROUNDS; r++) {
        await sweepNotices(ctx, now);
        await deliverOutbox(ctx, now);
      }
    };

    if (dialect === 'sqlite') {
      const go = await otherProcess({
        target: { kind: 'sqlite', file: join(env.database.tmpDir, 'luoshi.db') },
        dataDir: env.database.tmpDir,
        now: now.toISOString(),
        smtp: smtp.config(),
        publicUrl: env.ctx.config.publicUrl,
        rounds: ROUNDS,
      });
      const [, theirs] = await Promise.all([rounds(env.ctx), go()]);
      expect(theirs.errors).toEqual([]);
    } else {
      // A real PostgreSQL: a second connection pool on the same schema. PGlite has a single session, so the other
      // instance shares it; transactions of the two still interleave.
      const share = env.database.share;
      second = share ? await openDatabase({ kind: 'postgres', url: share.url, schema: share.schema, max: 5 }) : null;
      const other = createContext(env.ctx.config, second ?? env.database, clock);
      wirePorts(other);
      await Promise.all([rounds(env.ctx), rounds(other)]);
      closeNoticeTransports(other);
    }

    const notices = await env.ctx.db.selectFrom('notices').select(['id', 'dedupe_key']).execute();
    expect(notices).toHaveLength(expectedNotices);
    expect(new Set(notices.map((n) => n.dedupe_key)).size).toBe(expectedNotices);
    const audits = await env.ctx.db.selectFrom('audit_events').select('object_id').where('action', '=', 'notice.created').execute();
    expect(audits.map((a) => a.object_id).sort()).toEqual(notices.map((n) => n.id).sort());

    const outbox = await env.ctx.db.selectFrom('outbox').select(['id', 'channel', 'status', 'attempts']).execute();
    expect(outbox.filter((o) => o.channel === 'email')).toHaveLength(expectedEmails);
    expect(outbox.filter((o) => o.channel === 'webhook')).toHaveLength(expectedNotices);
    expect(outbox.every((o) => o.status === 'sent' && Number(o.attempts) === 1)).toBe(true);

    expect(smtp.messages).toHaveLength(expectedEmails);
    expect(new Set(smtp.messages.map((m) => m.messageId)).size).toBe(expectedEmails);
    const deliveries = hooks.at('/all').map((r) => String(r.headers['x-luoshi-delivery']));
    expect(deliveries).toHaveLength(expectedNotices);
    expect(new Set(deliveries)).toEqual(new Set(notices.map((n) => n.dedupe_key)));
    expect((await verifyAuditChain(env.ctx.db)).ok).toBe(true);
  });
});
