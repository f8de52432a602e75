/**
 * Oversight (issue 11): what dashboards read instead of scanning reports. Per task and reporting unit, counters of
 * first submissions, on-time first submissions, acceptances and acceptances at the first submission, kept in the
 * transaction that submits or accepts a report; and daily health snapshots per programme and work area, written once
 * per day by the scheduler under a unique key (the first instance to write a day wins).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('report_counters')
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('submitted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('on_time', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('accepted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('accepted_first', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('report_counters_pk', ['task_id', 'unit_id'])
    .execute();
  // The counters of reports written before this migration, once; from here on they move with each report.
  await sql`
    insert into report_counters (task_id, unit_id, submitted, on_time, accepted, accepted_first)
    select task_id, unit_id,
      sum(case when first_submitted_at is not null then 1 else 0 end),
      sum(case when first_submitted_at is not null and late = 0 then 1 else 0 end),
      sum(case when state = 'accepted' then 1 else 0 end),
      sum(case when state = 'accepted' and revision = 1 then 1 else 0 end)
    from reports group by task_id, unit_id`.execute(db);

  await db.schema
    .createTable('health_snapshots')
    .addColumn('programme_id', 'text', (c) => c.notNull().references('programmes.id'))
    // '' for the whole programme, else the work area's task id.
    .addColumn('area_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('red', 'integer', (c) => c.notNull())
    .addColumn('yellow', 'integer', (c) => c.notNull())
    .addColumn('blue', 'integer', (c) => c.notNull())
    .addColumn('green', 'integer', (c) => c.notNull())
    .addColumn('grey', 'integer', (c) => c.notNull())
    .addColumn('closed', 'integer', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('taken_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('health_snapshots_pk', ['programme_id', 'area_id', 'day'])
    .execute();

  // Dashboard counts group a programme's tasks of one kind by health and state.
  await db.schema.createIndex('tasks_oversight_idx').on('tasks').columns(['programme_id', 'kind', 'health', 'state']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('tasks_oversight_idx').execute();
  await db.schema.dropTable('health_snapshots').execute();
  await db.schema.dropTable('report_counters').execute();
}
