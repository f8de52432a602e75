/** Programmes: review drafts, published programmes and their task tree (work areas → tasks → sub-tasks). */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('programmes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('health_thresholds_json', 'text')
    .addColumn('reminder_config_json', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('programme_drafts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('tree_json', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('programme_id', 'text', (c) => c.references('programmes.id'))
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('programme_drafts_document_idx').on('programme_drafts').column('document_id').execute();

  await db.schema
    .createTable('programme_documents')
    .addColumn('programme_id', 'text', (c) => c.notNull().references('programmes.id'))
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id'))
    .addPrimaryKeyConstraint('programme_documents_pk', ['programme_id', 'document_id'])
    .execute();

  await db.schema
    .createTable('programme_supervisors')
    .addColumn('programme_id', 'text', (c) => c.notNull().references('programmes.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addPrimaryKeyConstraint('programme_supervisors_pk', ['programme_id', 'user_id'])
    .execute();
  await db.schema.createIndex('programme_supervisors_user_idx').on('programme_supervisors').column('user_id').execute();

  await db.schema
    .createTable('tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('programme_id', 'text', (c) => c.notNull().references('programmes.id'))
    .addColumn('parent_id', 'text', (c) => c.references('tasks.id'))
    .addColumn('area_id', 'text')
    .addColumn('depth', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .addColumn('label', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('title_norm', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('source_document_id', 'text', (c) => c.references('documents.id'))
    .addColumn('source_start', 'integer')
    .addColumn('source_end', 'integer')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('lead_unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('owner_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('start_date', 'text')
    .addColumn('due_date', 'text')
    .addColumn('cadence_json', 'text')
    .addColumn('weight', 'double precision', (c) => c.notNull().defaultTo(1))
    .addColumn('progress', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('tags_json', 'text', (c) => c.notNull())
    .addColumn('targets_json', 'text', (c) => c.notNull())
    .addColumn('suspended_from', 'text')
    .addColumn('review_date', 'text')
    .addColumn('completion_requested_by', 'text')
    .addColumn('pending_extension_json', 'text')
    .addColumn('health', 'text', (c) => c.notNull())
    .addColumn('health_json', 'text')
    .addColumn('assigned_at', 'text')
    .addColumn('signed_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('tasks_programme_idx').on('tasks').columns(['programme_id', 'parent_id', 'ordinal']).execute();
  await db.schema.createIndex('tasks_parent_idx').on('tasks').column('parent_id').execute();
  await db.schema.createIndex('tasks_area_idx').on('tasks').column('area_id').execute();
  await db.schema.createIndex('tasks_lead_unit_idx').on('tasks').columns(['lead_unit_id', 'state']).execute();
  await db.schema.createIndex('tasks_due_idx').on('tasks').columns(['state', 'due_date']).execute();

  await db.schema
    .createTable('task_co_units')
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('part', 'text')
    .addPrimaryKeyConstraint('task_co_units_pk', ['task_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('task_co_units_unit_idx').on('task_co_units').column('unit_id').execute();

  await db.schema
    .createTable('milestones')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id'))
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('milestones_task_idx').on('milestones').columns(['task_id', 'ordinal']).execute();

  await db.schema
    .createTable('task_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text')
    .addColumn('reason', 'text')
    .addColumn('data_json', 'text')
    .execute();
  await db.schema.createIndex('task_events_task_idx').on('task_events').columns(['task_id', 'at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['task_events', 'milestones', 'task_co_units', 'tasks', 'programme_supervisors', 'programme_documents', 'programme_drafts', 'programmes']) {
    await db.schema.dropTable(t).execute();
  }
}
