import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain } from '../../src/server/platform/audit/audit-log.ts';
import { systemActor } from '../../src/server/platform/auth/actor.ts';
import { auditAnchor, parseAnchor, verifyAuditWithAnchor } from '../../src/server/modules/audit/index.ts';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../support/databases.ts';

// A copy of the log missing its last rows, with its head row rewritten to match, is a valid chain on its own:
// only an anchor kept elsewhere tells that rows are gone.
describe.each(DIALECTS)('the audit chain against an external anchor (%s)', (dialect) => {
  let database: TestDatabase;
  afterEach(async () => database?.close());

  async function seed(from: number, n: number) {
    for (let i = from; i < from + n; i++) {
      await database.db.transaction().execute((trx) =>
        appendAudit(trx, systemActor('test'), { action: 'thing.changed', objectType: 'thing', objectId: `t${i}`, after: { n: i } }, new Date(Date.UTC(2024, 0, 1, 0, 0, i))),
      );
    }
  }

  it('detects a chain cut short whose head was rewritten, which verifies without the anchor', async () => {
    database = await openTestDatabase(dialect);
    await seed(0, 100);
    const anchor = await auditAnchor(database.db);
    expect(anchor.seq).toBe(100);
    expect(parseAnchor(`${anchor.seq}:${anchor.hash}`)).toEqual({ seq: 100, hash: anchor.hash });
    expect(await verifyAuditWithAnchor(database.db, { seq: anchor.seq, hash: anchor.hash })).toEqual({ ok: true, checked: 100 });

    // Cut the last 58 rows and make the head agree with what is left.
    await sql`delete from audit_events where seq > 42`.execute(database.db);
    const last = await database.db.selectFrom('audit_events').select(['seq', 'hash']).where('seq', '=', 42).executeTakeFirstOrThrow();
    await database.db.updateTable('audit_head').set({ seq: 42, hash: last.hash }).where('id', '=', 1).execute();
    expect(await verifyAuditChain(database.db)).toEqual({ ok: true, checked: 42 });

    const report = await verifyAuditWithAnchor(database.db, { seq: anchor.seq, hash: anchor.hash });
    expect(report).toMatchObject({ ok: false, checked: 42, brokenAt: { seq: 100, reason: expect.stringMatching(/truncated or rewritten/) } });
    expect(await verifyAuditWithAnchor(database.db, { seq: null, hash: anchor.hash })).toMatchObject({ ok: false });
  });

  it('accepts an older anchor on a log that has grown since', async () => {
    database = await openTestDatabase(dialect);
    await seed(0, 10);
    const anchor = await auditAnchor(database.db);
    await seed(10, 5);
    expect(await verifyAuditWithAnchor(database.db, { seq: null, hash: anchor.hash })).toEqual({ ok: true, checked: 15 });
    expect(parseAnchor('not-a-hash')).toBeNull();
  });
});
