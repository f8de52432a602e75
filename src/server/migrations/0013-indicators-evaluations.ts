/**
 * Indicators (对标对表) with their actual values, evidence and peers' figures; evaluations (考核评价) with versioned
 * rule sets, supervisors' ratings and frozen periods; and on tasks the indicator facts their health light reads.
 */
import { sql, type Kysely } from 'kysely';

// Version 1 of the evaluation rules, frozen here: a migration must not change when app code does.
const FIRST_RULES = {
  components: {
    onTimeSigning: { weight: 10, withinDays: 3 },
    onTimeReports: { weight: 20 },
    firstTimeAccepted: { weight: 15 },
    closureRate: { weight: 25 },
    rectificationSpeed: { weight: 10 },
    supervisorRatings: { weight: 10 },
    instructionsAnswered: { weight: 10, withinDays: 14 },
    overdueDays: { perDay: 0.5, max: 20 },
  },
};

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('indicators')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('programme_id', 'text', (c) => c.notNull().references('programmes.id'))
    .addColumn('task_id', 'text', (c) => c.references('tasks.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('baseline', 'double precision', (c) => c.notNull())
    .addColumn('target', 'double precision', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('tolerance', 'double precision')
    .addColumn('responsible_unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    // Set when made from a decomposed target: the same target is never made into an indicator twice.
    .addColumn('source_key', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('indicators_programme_source_uq', ['programme_id', 'source_key'])
    .execute();
  await db.schema.createIndex('indicators_task_idx').on('indicators').column('task_id').execute();
  await db.schema.createIndex('indicators_unit_idx').on('indicators').column('responsible_unit_id').execute();

  await db.schema
    .createTable('indicator_actuals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('indicator_id', 'text', (c) => c.notNull().references('indicators.id'))
    .addColumn('period_key', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('reported_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('reviewed_by', 'text', (c) => c.references('users.id'))
    .addColumn('reviewed_at', 'text')
    .addColumn('return_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    // One figure per period: a returned figure is revised, never duplicated.
    .addUniqueConstraint('indicator_actuals_period_uq', ['indicator_id', 'period_key'])
    .execute();

  await db.schema
    .createTable('indicator_evidence')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('actual_id', 'text', (c) => c.notNull().references('indicator_actuals.id'))
    .addColumn('sha256', 'text', (c) => c.notNull().references('blobs.sha256'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('byte_size', 'integer', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('indicator_evidence_actual_idx').on('indicator_evidence').column('actual_id').execute();

  await db.schema
    .createTable('indicator_peers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('indicator_id', 'text', (c) => c.notNull().references('indicators.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('period_key', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('indicator_peers_indicator_idx').on('indicator_peers').column('indicator_id').execute();

  await db.schema
    .createTable('evaluation_rule_sets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull().unique())
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('rules_json', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  const rules = JSON.stringify(FIRST_RULES);
  const at = new Date().toISOString();
  await sql`insert into evaluation_rule_sets (id, version, effective_from, rules_json, note, created_by, created_at) values ('00000000-0000-7000-8000-000000000001', 1, '2000-01-01', ${rules}, 'built-in', null, ${at})`.execute(db);

  await db.schema
    .createTable('evaluation_ratings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('period_key', 'text', (c) => c.notNull())
    .addColumn('rated_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('rating', 'integer', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('evaluation_ratings_uq', ['unit_id', 'period_key', 'rated_by'])
    .execute();
  await db.schema.createIndex('evaluation_ratings_period_idx').on('evaluation_ratings').column('period_key').execute();

  // A frozen period: its results as computed when it was frozen, returned from then on whatever changes later.
  await db.schema
    .createTable('evaluation_periods')
    .addColumn('period_key', 'text', (c) => c.primaryKey())
    .addColumn('rule_set_id', 'text', (c) => c.notNull().references('evaluation_rule_sets.id'))
    .addColumn('results_json', 'text', (c) => c.notNull())
    .addColumn('frozen_by', 'text', (c) => c.references('users.id'))
    .addColumn('frozen_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema.alterTable('tasks').addColumn('indicators_json', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tasks').dropColumn('indicators_json').execute();
  for (const t of ['evaluation_periods', 'evaluation_ratings', 'evaluation_rule_sets', 'indicator_peers', 'indicator_evidence', 'indicator_actuals', 'indicators']) {
    await db.schema.dropTable(t).execute();
  }
}
