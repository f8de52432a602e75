/**
 * Audit appends without one global lock (issue 8 §5). Until now every write updated the single `audit_head` row, so on
 * PostgreSQL all writers queued behind each other's transactions. The log becomes a set of hash chains: every row
 * belongs to one chain (`chain`, the id of its head row) at a position (`chain_seq`, 1, 2, 3 … within the chain) and
 * links to the previous row of the same chain; `seq` stays the global order of rows.
 *
 * PostgreSQL gets 16 chains and a sequence for `seq`: a transaction appends to the lowest-numbered chain no other
 * transaction holds (`FOR UPDATE SKIP LOCKED`), so writers only wait once 16 are in flight, and a single writer keeps
 * using chain 1. SQLite has one writer at a time anyway and keeps its one chain, where `chain_seq` equals `seq`.
 * Existing rows become chain 1 at their position: their hashes are unchanged (the row hash never covered the chain).
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';

/** How many chains PostgreSQL gets; more only spread an already rare wait thinner. */
export const POSTGRES_AUDIT_CHAINS = 16;

const isPostgres = (db: Kysely<unknown>): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('audit_events').addColumn('chain', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.alterTable('audit_events').addColumn('chain_seq', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await sql`update audit_events set chain_seq = seq`.execute(db);
  // `audit verify` walks each chain in order of seq.
  await db.schema.createIndex('audit_chain_idx').on('audit_events').columns(['chain', 'seq']).execute();
  if (isPostgres(db)) {
    for (let id = 2; id <= POSTGRES_AUDIT_CHAINS; id++) {
      await sql`insert into audit_head (id, seq, hash) values (${id}, 0, ${'0'.repeat(64)})`.execute(db);
    }
    await sql`create sequence audit_seq`.execute(db);
    await sql`select setval('audit_seq', coalesce((select max(seq) from audit_events), 0) + 1, false)`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`drop sequence audit_seq`.execute(db);
    await sql`delete from audit_head where id > 1`.execute(db);
  }
  await db.schema.dropIndex('audit_chain_idx').execute();
  await db.schema.alterTable('audit_events').dropColumn('chain_seq').execute();
  await db.schema.alterTable('audit_events').dropColumn('chain').execute();
}
