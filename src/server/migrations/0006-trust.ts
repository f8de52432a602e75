/**
 * Trust (issue 10): milestones get a version for optimistic concurrency like every other editable object, and sign-in
 * failures are counted per (address, username) pair, which needs its own index.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('milestones').addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.createIndex('sign_in_failures_pair_idx').on('sign_in_failures').columns(['address', 'username', 'at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('sign_in_failures_pair_idx').execute();
  await db.schema.alterTable('milestones').dropColumn('version').execute();
}
