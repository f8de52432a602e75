import { afterEach, describe, expect, it } from 'vitest';
import { pruneDeliveryRecords, RETENTION_JOB } from '../../src/server/modules/notices/index.ts';
import { DIALECTS } from '../support/databases.ts';
import { createTestEnv, TestClock, type TestEnv } from '../support/harness.ts';
import { buildUser } from '../support/factories.ts';

const NOW = new Date('2024-09-01T00:00:00.000Z');
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString();

describe.each(DIALECTS)('retention of delivery records (%s)', (dialect) => {
  let env: TestEnv;
  afterEach(async () => env?.close());

  async function seed() {
    const user = await buildUser(env.ctx);
    await env.ctx.db.insertInto('notices').values({
      id: 'n1', dedupe_key: 'k1', task_id: null, programme_id: null, kind: 'manual', rule: 'manual', period: null, unit_id: null, milestone_id: null,
      audience_json: '[]', supervisor_ids_json: '[]', params_json: '{}', task_title: null, trigger_at: daysAgo(200), created_by: null, created_at: daysAgo(200),
    }).execute();
    const outbox = (id: string, status: string, age: number) => ({
      id, notice_id: 'n1', channel: 'email', target: `${id}@example.org`, payload_json: '{}', status, attempts: 1,
      next_attempt_at: daysAgo(age), lease_until: null, lease_token: null, last_error: null, sent_at: status === 'sent' ? daysAgo(age) : null, created_at: daysAgo(age), updated_at: daysAgo(age),
    });
    await env.ctx.db.insertInto('outbox').values([outbox('old-sent', 'sent', 120), outbox('old-dead', 'dead', 100), outbox('old-pending', 'pending', 150), outbox('new-sent', 'sent', 10)]).execute();
    const other = await buildUser(env.ctx);
    await env.ctx.db.insertInto('notifications').values([
      { id: 'read-old', notice_id: 'n1', user_id: user.id, read_at: daysAgo(95), created_at: daysAgo(200) },
      { id: 'unread-old', notice_id: 'n1', user_id: other.id, read_at: null, created_at: daysAgo(200) },
    ]).execute();
  }

  it('deletes sent and dead deliveries and read notifications past the period, keeps everything else and the notice', async () => {
    env = await createTestEnv(dialect, { clock: new TestClock(NOW) });
    await seed();
    expect(await pruneDeliveryRecords(env.ctx, NOW)).toEqual({ outbox: 2, notifications: 1 });
    expect((await env.ctx.db.selectFrom('outbox').select('id').orderBy('id').execute()).map((r) => r.id)).toEqual(['new-sent', 'old-pending']);
    expect((await env.ctx.db.selectFrom('notifications').select('id').execute()).map((r) => r.id)).toEqual(['unread-old']);
    expect(await env.ctx.db.selectFrom('notices').select('id').execute()).toEqual([{ id: 'n1' }]);
    const audit = await env.ctx.db.selectFrom('audit_events').select(['action', 'after_json', 'actor_name']).where('action', '=', 'deliveries.pruned').execute();
    expect(audit).toEqual([{ action: 'deliveries.pruned', after_json: '{"outbox":2,"notifications":1}', actor_name: 'system:retention' }]);
    // Nothing more to do: no second audit event.
    expect(await pruneDeliveryRecords(env.ctx, NOW)).toEqual({ outbox: 0, notifications: 0 });
  });

  it('runs once a day as a scheduler job, and not at all when retention is off', async () => {
    env = await createTestEnv(dialect, { clock: new TestClock(NOW), config: { outboxRetentionDays: 0 } });
    await seed();
    expect(await RETENTION_JOB.run(env.ctx, NOW)).toEqual({ outbox: 0, notifications: 0 });
    expect(await RETENTION_JOB.run(env.ctx, new Date(NOW.getTime() + 3_600_000))).toBeNull();
    expect((await env.ctx.db.selectFrom('outbox').select('id').execute()).length).toBe(4);
  });
});
