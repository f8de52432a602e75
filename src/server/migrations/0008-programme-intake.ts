/**
 * A real programme in minutes: duty profiles on units (for unit suggestions), key points on tasks, on documents
 * the content key that recognises the same text imported again, the edition link between the two scripts of one
 * text and the repairs a reviewer accepted, and the tasks each grouped notice lists.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';

// Kept here, frozen, rather than imported: a migration must not change when app code does.
function contentKey(text: string): string {
  return createHash('sha256').update(text.replace(/\s+/gu, ''), 'utf8').digest('hex');
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('units').addColumn('duties_json', 'text').execute();
  await db.schema.alterTable('tasks').addColumn('key_points_json', 'text').execute();
  await db.schema.alterTable('documents').addColumn('content_key', 'text').execute();
  await db.schema.alterTable('documents').addColumn('edition_of', 'text', (c) => c.references('documents.id')).execute();
  await db.schema.alterTable('documents').addColumn('repairs_json', 'text').execute();

  const docs = await sql<{ id: string; text: string }>`select id, text from documents`.execute(db);
  for (const d of docs.rows) await sql`update documents set content_key = ${contentKey(d.text)} where id = ${d.id}`.execute(db);
  await db.schema.createIndex('documents_content_key_idx').on('documents').column('content_key').execute();
  await db.schema.createIndex('documents_length_idx').on('documents').column('length').execute();

  // The tasks a grouped notice lists (a bulk assignment), each settled when its unit acts on it.
  await db.schema
    .createTable('notice_tasks')
    .addColumn('notice_id', 'text', (c) => c.notNull().references('notices.id'))
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id'))
    .addColumn('settled_at', 'text')
    .addPrimaryKeyConstraint('notice_tasks_pk', ['notice_id', 'task_id'])
    .execute();
  await db.schema.createIndex('notice_tasks_task_idx').on('notice_tasks').column('task_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('notice_tasks').execute();
  await db.schema.dropIndex('documents_length_idx').execute();
  await db.schema.dropIndex('documents_content_key_idx').execute();
  for (const c of ['repairs_json', 'edition_of', 'content_key']) await db.schema.alterTable('documents').dropColumn(c).execute();
  await db.schema.alterTable('tasks').dropColumn('key_points_json').execute();
  await db.schema.alterTable('units').dropColumn('duties_json').execute();
}
