/**
 * Search over inspection findings and 传达学习 records: an entry may belong to a parent object that its link opens
 * (a finding's inspection, a relay record's campaign). Additive (expand-only): instances of the previous build
 * neither read nor write the column and keep running against a database this migration has run on.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('search_entries').addColumn('parent_id', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('search_entries').dropColumn('parent_id').execute();
}
