/** Progress reports with their history and evidence, locked periods, and leaders' instructions. */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('period_key', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('progress', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('problems', 'text')
    .addColumn('coordination', 'text')
    .addColumn('next_steps', 'text')
    .addColumn('milestone_updates_json', 'text')
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('writer_ids_json', 'text', (c) => c.notNull())
    .addColumn('first_submitted_at', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reviewed_by', 'text', (c) => c.references('users.id'))
    .addColumn('reviewed_at', 'text')
    .addColumn('return_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    // One report per unit per period: a returned report is revised, never duplicated.
    .addUniqueConstraint('reports_task_unit_period_uq', ['task_id', 'unit_id', 'period_key'])
    .execute();
  await db.schema.createIndex('reports_state_idx').on('reports').columns(['state', 'submitted_at']).execute();

  await db.schema
    .createTable('report_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('snapshot_json', 'text')
    .execute();
  await db.schema.createIndex('report_events_report_idx').on('report_events').columns(['report_id', 'at']).execute();

  await db.schema
    .createTable('evidence')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id'))
    .addColumn('sha256', 'text', (c) => c.notNull().references('blobs.sha256'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('byte_size', 'integer', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('evidence_report_idx').on('evidence').column('report_id').execute();

  await db.schema
    .createTable('period_locks')
    .addColumn('programme_id', 'text', (c) => c.notNull().references('programmes.id'))
    .addColumn('period_key', 'text', (c) => c.notNull())
    .addColumn('locked_by', 'text', (c) => c.references('users.id'))
    .addColumn('locked_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('period_locks_pk', ['programme_id', 'period_key'])
    .execute();

  await db.schema
    .createTable('instructions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id'))
    .addColumn('report_id', 'text', (c) => c.references('reports.id'))
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('instructions_task_idx').on('instructions').columns(['task_id', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['instructions', 'period_locks', 'evidence', 'report_events', 'reports']) await db.schema.dropTable(t).execute();
}
