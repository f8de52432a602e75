/**
 * The audit log as several hash chains on PostgreSQL (migration 0014): concurrent writers append to different chains
 * instead of queueing behind one head row, and `audit verify` still checks every chain exactly. Needs a PostgreSQL
 * server (two pools standing in for two app instances); the in-process PGlite has one connection, where every writer
 * finds chain 1 free — the single-chain behaviour test/integration/audit.int.test.ts covers on every dialect.
 */
import { sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain } from '../../src/server/platform/audit/audit-log.ts';
import { systemActor } from '../../src/server/platform/auth/actor.ts';
import { openDatabase, type Database } from '../../src/server/platform/db/database.ts';
import type { DB } from '../../src/server/platform/db/schema.ts';
import { auditAnchor, formatAnchor, parseAnchor, verifyAuditWithAnchor } from '../../src/server/modules/audit/index.ts';
import { openTestDatabase, postgresUrl, type TestDatabase } from '../support/databases.ts';

const realPg = postgresUrl() !== undefined;

const entry = (objectId: string) => ({ action: 'thing.changed', objectType: 'thing', objectId, after: { objectId, 名称: '落实' } });

/** Fails instead of hanging when a writer waits for a lock it should not need. */
function within<T>(ms: number, what: string, p: Promise<T>): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} waited more than ${ms} ms`)), ms))]);
}

describe('audit chains on PostgreSQL under concurrent writers', () => {
  let database: TestDatabase;
  let second: Database | null = null;
  afterEach(async () => {
    await second?.close();
    second = null;
    await database?.close();
  });

  async function open(): Promise<[Kysely<DB>, Kysely<DB>]> {
    database = await openTestDatabase('postgres');
    second = await openDatabase({ kind: 'postgres', url: database.share!.url, schema: database.share!.schema, max: 5 });
    return [database.db, second.db];
  }

  /**
   * While one transaction holds chain 1 (one row appended, not committed), another appends four rows and commits: it
   * must not wait, and takes chain 2. Then three more rows go to chain 1. Returns the chains' rows in order.
   */
  async function twoChains(a: Kysely<DB>, b: Kysely<DB>) {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let appended!: () => void;
    const holding = new Promise<void>((r) => (appended = r));
    const first = a.transaction().execute(async (trx) => {
      await appendAudit(trx, systemActor('test'), entry('held'), new Date());
      appended();
      await gate;
    });
    await holding;
    await within(10_000, 'a second writer', b.transaction().execute(async (trx) => {
      for (let i = 0; i < 4; i++) await appendAudit(trx, systemActor('test'), entry(`other-${i}`), new Date());
    }));
    release();
    await first;
    for (let i = 0; i < 3; i++) await a.transaction().execute((trx) => appendAudit(trx, systemActor('test'), entry(`after-${i}`), new Date()));
    const rows = await a.selectFrom('audit_events').select(['seq', 'chain', 'chain_seq', 'object_id', 'hash']).orderBy('seq').execute();
    const of = (chain: number) => rows.filter((r) => Number(r.chain) === chain).map((r) => ({ seq: Number(r.seq), chainSeq: Number(r.chain_seq), objectId: r.object_id, hash: r.hash }));
    return { one: of(1), two: of(2), total: rows.length };
  }

  it.skipIf(!realPg)('lets a writer append while another holds a chain, keeps a transaction on one chain, and verifies every chain', async () => {
    const [a, b] = await open();
    const { one, two, total } = await twoChains(a, b);
    expect(one.map((r) => r.objectId)).toEqual(['held', 'after-0', 'after-1', 'after-2']);
    expect(two.map((r) => r.objectId)).toEqual(['other-0', 'other-1', 'other-2', 'other-3']);
    expect(two.map((r) => r.chainSeq)).toEqual([1, 2, 3, 4]);
    expect(total).toBe(8);
    expect(await verifyAuditChain(a)).toEqual({ ok: true, checked: 8 });

    // Many writers at once, each appending three rows with a pause: rows spread over chains, none is lost or forked.
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        [a, b][i % 2]!.transaction().execute(async (trx) => {
          for (let k = 0; k < 3; k++) {
            await appendAudit(trx, systemActor('test'), entry(`w${i}`), new Date());
            await sql`select pg_sleep(0.01)`.execute(trx);
          }
        }),
      ),
    );
    const byWriter = await a
      .selectFrom('audit_events')
      .select(['object_id', (eb) => eb.fn.count<number>('chain').distinct().as('chains'), (eb) => eb.fn.countAll<number>().as('n')])
      .where('object_id', 'like', 'w%')
      .groupBy('object_id')
      .execute();
    expect(byWriter).toHaveLength(24);
    for (const w of byWriter) expect({ w: w.object_id, chains: Number(w.chains), n: Number(w.n) }).toEqual({ w: w.object_id, chains: 1, n: 3 });
    const chains = await a.selectFrom('audit_events').select('chain').distinct().execute();
    expect(chains.length).toBeGreaterThan(1);
    expect(await verifyAuditChain(a, 7)).toEqual({ ok: true, checked: 8 + 72 });

    const anchor = await auditAnchor(a);
    expect(anchor.more?.length).toBe(chains.length - 1);
    const parsed = parseAnchor(formatAnchor(anchor));
    expect(parsed).toEqual({ seq: anchor.seq, hash: anchor.hash, more: anchor.more });
    expect(await verifyAuditWithAnchor(a, parsed!)).toEqual({ ok: true, checked: 80 });
  });

  it.skipIf(!realPg)('names the row when one in a second chain is edited, removed or reordered', async () => {
    let [a, b] = await open();
    let { two } = await twoChains(a, b);
    await sql`update audit_events set after_json = '{"n":999}' where seq = ${two[1]!.seq}`.execute(a);
    expect(await verifyAuditChain(a)).toMatchObject({ ok: false, brokenAt: { seq: two[1]!.seq, reason: expect.stringMatching(/altered/) } });
    await second!.close();
    second = null;
    await database.close();

    [a, b] = await open();
    ({ two } = await twoChains(a, b));
    await sql`delete from audit_events where seq = ${two[2]!.seq}`.execute(a);
    expect(await verifyAuditChain(a)).toMatchObject({ ok: false, brokenAt: { reason: expect.stringMatching(/of chain 2 is missing/) } });
    await second!.close();
    second = null;
    await database.close();

    [a, b] = await open();
    ({ two } = await twoChains(a, b));
    // Swap the positions of the second and third rows of chain 2.
    await sql`update audit_events set chain_seq = 99 where seq = ${two[1]!.seq}`.execute(a);
    await sql`update audit_events set chain_seq = 2 where seq = ${two[2]!.seq}`.execute(a);
    await sql`update audit_events set chain_seq = 3 where seq = ${two[1]!.seq}`.execute(a);
    expect(await verifyAuditChain(a)).toMatchObject({ ok: false, brokenAt: { seq: two[1]!.seq } });
    await sql`update audit_events set chain_seq = 2 where seq = ${two[1]!.seq}`.execute(a);
    await sql`update audit_events set chain_seq = 3 where seq = ${two[2]!.seq}`.execute(a);
    expect(await verifyAuditChain(a)).toEqual({ ok: true, checked: 8 });
    // A row moved into another chain, or out of every chain.
    await sql`update audit_events set chain = 3 where seq = ${two[3]!.seq}`.execute(a);
    expect(await verifyAuditChain(a)).toMatchObject({ ok: false });
    await sql`update audit_events set chain = 999 where seq = ${two[3]!.seq}`.execute(a);
    await sql`update audit_head set seq = 3, hash = ${two[2]!.hash} where id = 2`.execute(a);
    expect(await verifyAuditChain(a)).toMatchObject({ ok: false, brokenAt: { seq: two[3]!.seq, reason: expect.stringMatching(/belongs to no chain/) } });
  });

  it.skipIf(!realPg)('detects a second chain cut short with its head rewritten, against an anchor kept earlier', async () => {
    const [a, b] = await open();
    const { two } = await twoChains(a, b);
    const anchor = parseAnchor(formatAnchor(await auditAnchor(a)))!;
    expect(anchor.more).toEqual([{ seq: two[3]!.seq, hash: two[3]!.hash }]);
    await sql`delete from audit_events where seq >= ${two[2]!.seq} and chain = 2`.execute(a);
    await sql`update audit_head set seq = 2, hash = ${two[1]!.hash} where id = 2`.execute(a);
    expect(await verifyAuditChain(a)).toEqual({ ok: true, checked: 6 });
    expect(await verifyAuditWithAnchor(a, anchor)).toMatchObject({ ok: false, brokenAt: { seq: two[3]!.seq, reason: expect.stringMatching(/truncated or rewritten/) } });
    // An anchor naming only chain 1 cannot see it: keep the whole line `audit anchor` prints.
    expect(await verifyAuditWithAnchor(a, { seq: anchor.seq, hash: anchor.hash })).toMatchObject({ ok: true });
  });
});
