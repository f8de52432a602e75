import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain } from '../../src/server/platform/audit/audit-log.ts';
import { systemActor } from '../../src/server/platform/auth/actor.ts';
import { openDatabase } from '../../src/server/platform/db/database.ts';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../support/databases.ts';

describe.each(DIALECTS)('audit hash chain on %s', (dialect) => {
  let database: TestDatabase;
  afterEach(async () => database?.close());

  async function seed(n: number) {
    for (let i = 0; i < n; i++) {
      await database.db.transaction().execute((trx) =>
        appendAudit(trx, systemActor('test'), { action: 'thing.changed', objectType: 'thing', objectId: `t${i}`, before: { n: i }, after: { n: i + 1, 名称: '落实' } }, new Date(Date.UTC(2024, 0, 1, 0, 0, i))),
      );
    }
  }

  it('verifies an intact chain and an empty one', async () => {
    database = await openTestDatabase(dialect);
    expect(await verifyAuditChain(database.db)).toEqual({ ok: true, checked: 0 });
    await seed(5);
    expect(await verifyAuditChain(database.db, 2)).toEqual({ ok: true, checked: 5 });
  });

  it('names the first broken row after an edit by hand', async () => {
    database = await openTestDatabase(dialect);
    await seed(5);
    await sql`update audit_events set after_json = '{"n":999}' where seq = 3`.execute(database.db);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, checked: 2, brokenAt: { seq: 3 } });
  });

  it('detects a removed row, a removed tail and a reordering', async () => {
    database = await openTestDatabase(dialect);
    await seed(5);
    await sql`delete from audit_events where seq = 2`.execute(database.db);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, brokenAt: { seq: 2 } });
    await database.close();

    database = await openTestDatabase(dialect);
    await seed(4);
    await sql`delete from audit_events where seq = 4`.execute(database.db);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, brokenAt: { seq: 4 } });
    await database.close();

    database = await openTestDatabase(dialect);
    await seed(4);
    // Swap the contents of rows 2 and 3 (same seq numbers, different order of events).
    await sql`update audit_events set seq = 100 where seq = 2`.execute(database.db);
    await sql`update audit_events set seq = 2 where seq = 3`.execute(database.db);
    await sql`update audit_events set seq = 3 where seq = 100`.execute(database.db);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, brokenAt: { seq: 2 } });
  });

  it('keeps one linear chain when many transactions append at once', async () => {
    database = await openTestDatabase(dialect);
    // A second connection pool to the same database stands in for a second app instance where the dialect allows it.
    const second = database.share
      ? await openDatabase({ kind: 'postgres', url: database.share.url, schema: database.share.schema, max: 5 })
      : null;
    try {
      const dbs = second ? [database.db, second.db] : [database.db];
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          dbs[i % dbs.length]!.transaction().execute((trx) =>
            appendAudit(trx, systemActor('test'), { action: 'thing.changed', objectType: 'thing', objectId: `p${i}` }, new Date()),
          ),
        ),
      );
    } finally {
      await second?.close();
    }
    expect(await verifyAuditChain(database.db)).toEqual({ ok: true, checked: 40 });
  });

  it('rolls the audit row back with the change it describes', async () => {
    database = await openTestDatabase(dialect);
    await expect(
      database.db.transaction().execute(async (trx) => {
        await appendAudit(trx, systemActor('test'), { action: 'thing.changed', objectType: 'thing', objectId: 'x' }, new Date());
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    expect(await verifyAuditChain(database.db)).toEqual({ ok: true, checked: 0 });
  });
});
