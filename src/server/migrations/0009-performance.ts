/**
 * Fast at a real city's size: an index for every filter and sort the hot paths use, the co-unit membership table the
 * unit filter and a liaison's scope read (lead and co-units in one indexed place), and the date at which each task's
 * health light next changes, so the periodic job reads only the tasks whose light time can change.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Every unit a task is the lead or a co-unit of; kept in step with tasks.lead_unit_id and task_co_units.
  await db.schema
    .createTable('task_units')
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('task_units_pk', ['task_id', 'unit_id', 'role'])
    .execute();
  await db.schema.createIndex('task_units_unit_idx').on('task_units').columns(['unit_id', 'task_id']).execute();
  await sql`insert into task_units (task_id, unit_id, role) select id, lead_unit_id, 'lead' from tasks where lead_unit_id is not null`.execute(db);
  await sql`insert into task_units (task_id, unit_id, role) select task_id, unit_id, 'co' from task_co_units`.execute(db);

  // Null while the light cannot change with time alone (draft, closed) or before the first computation after this
  // migration: the back-fill below makes every open task due at once, and the next health run computes the date.
  await db.schema.alterTable('tasks').addColumn('health_changes_at', 'text').execute();
  await sql`update tasks set health_changes_at = '1970-01-01T00:00:00.000Z' where state not in ('draft', 'closed')`.execute(db);
  await db.schema.createIndex('tasks_health_changes_idx').on('tasks').columns(['health_changes_at', 'id']).execute();

  // The ledger's default sort, within a programme and across all of them (the second replaces the area index).
  await db.schema.createIndex('tasks_ledger_idx').on('tasks').columns(['programme_id', 'area_id', 'depth', 'ordinal', 'id']).execute();
  await db.schema.createIndex('tasks_ledger_all_idx').on('tasks').columns(['area_id', 'depth', 'ordinal', 'id']).execute();
  await db.schema.dropIndex('tasks_area_idx').execute();
  // The reminder sweep pages through open tasks state by state in id order.
  await db.schema.createIndex('tasks_state_id_idx').on('tasks').columns(['state', 'id']).execute();
  // Pending extension requests are few; a partial index finds them without reading the others.
  await db.schema.createIndex('tasks_pending_extension_idx').on('tasks').columns(['programme_id', 'id']).where(sql.ref('pending_extension_json'), 'is not', null).execute();
  await db.schema.createIndex('tasks_health_idx').on('tasks').columns(['health', 'due_date']).execute();

  // A task's reports by state (the health facts and the guards), and a unit's returned reports, newest first.
  await db.schema.createIndex('reports_task_state_idx').on('reports').columns(['task_id', 'state']).execute();
  await db.schema.createIndex('reports_unit_state_idx').on('reports').columns(['unit_id', 'state', 'reviewed_at']).execute();
  await db.schema.createIndex('instructions_created_idx').on('instructions').columns(['created_at', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of ['instructions_created_idx', 'reports_unit_state_idx', 'reports_task_state_idx', 'tasks_health_idx', 'tasks_pending_extension_idx', 'tasks_state_id_idx', 'tasks_ledger_all_idx', 'tasks_ledger_idx', 'tasks_health_changes_idx']) {
    await db.schema.dropIndex(name).execute();
  }
  await db.schema.createIndex('tasks_area_idx').on('tasks').column('area_id').execute();
  await db.schema.alterTable('tasks').dropColumn('health_changes_at').execute();
  await db.schema.dropTable('task_units').execute();
}
