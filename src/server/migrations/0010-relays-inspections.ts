/**
 * The rest of the mechanism, part A (issue 12): 传达学习 (relay campaigns per document, each unit's record of how it
 * relayed and studied it, with minutes and photos), 调查研究 / 督促检查 (inspections with teams, targets, visits,
 * findings and evidence), and 整改: a task's `task_type` ('commitment' | 'rectification') and the finding it answers.
 * (`tasks.kind` already names the tree level — area, task, subtask — so the new column is `task_type`.)
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tasks').addColumn('task_type', 'text', (c) => c.notNull().defaultTo('commitment')).execute();
  // No foreign key: the finding row points back at the task, and either may be read first in a restore.
  await db.schema.alterTable('tasks').addColumn('finding_id', 'text').execute();
  await db.schema.createIndex('tasks_finding_idx').on('tasks').column('finding_id').execute();
  await db.schema.createIndex('tasks_task_type_idx').on('tasks').column('task_type').execute();

  await db.schema
    .createTable('relay_campaigns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id'))
    .addColumn('programme_id', 'text', (c) => c.notNull().references('programmes.id'))
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('relay_campaigns_document_programme_uq', ['document_id', 'programme_id'])
    .execute();
  await db.schema.createIndex('relay_campaigns_programme_idx').on('relay_campaigns').column('programme_id').execute();

  // The units expected to relay the document: the programme's lead and co-units when the campaign opened, or the
  // list the supervisor set.
  await db.schema
    .createTable('relay_campaign_units')
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('relay_campaigns.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    // The last 催办 (by hand or by the sweep) about this campaign to the unit.
    .addColumn('last_reminded_at', 'text')
    .addPrimaryKeyConstraint('relay_campaign_units_pk', ['campaign_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('relay_campaign_units_unit_idx').on('relay_campaign_units').column('unit_id').execute();

  await db.schema
    .createTable('relay_records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('relay_campaigns.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('meeting_type', 'text', (c) => c.notNull())
    .addColumn('meeting_type_other', 'text')
    .addColumn('meeting_date', 'text', (c) => c.notNull())
    .addColumn('chair', 'text', (c) => c.notNull())
    .addColumn('attendee_count', 'integer', (c) => c.notNull())
    .addColumn('minutes', 'text')
    .addColumn('follow_up', 'text')
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('return_reason', 'text')
    .addColumn('returned_by', 'text')
    .addColumn('returned_at', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('first_submitted_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('relay_records_campaign_unit_uq', ['campaign_id', 'unit_id'])
    .execute();

  await db.schema
    .createTable('relay_evidence')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('record_id', 'text', (c) => c.notNull().references('relay_records.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull().references('blobs.sha256'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('byte_size', 'integer', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('relay_evidence_record_idx').on('relay_evidence').column('record_id').execute();

  await db.schema
    .createTable('inspections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('programme_id', 'text', (c) => c.notNull().references('programmes.id'))
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('start_date', 'text')
    .addColumn('end_date', 'text')
    .addColumn('created_by', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('inspections_programme_idx').on('inspections').column('programme_id').execute();

  await db.schema
    .createTable('inspection_members')
    .addColumn('inspection_id', 'text', (c) => c.notNull().references('inspections.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('team', 'text', (c) => c.notNull())
    .addColumn('is_leader', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('inspection_members_pk', ['inspection_id', 'user_id'])
    .execute();
  await db.schema.createIndex('inspection_members_user_idx').on('inspection_members').column('user_id').execute();

  await db.schema
    .createTable('inspection_targets')
    .addColumn('inspection_id', 'text', (c) => c.notNull().references('inspections.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addPrimaryKeyConstraint('inspection_targets_pk', ['inspection_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('inspection_targets_unit_idx').on('inspection_targets').column('unit_id').execute();

  await db.schema
    .createTable('inspection_target_tasks')
    .addColumn('inspection_id', 'text', (c) => c.notNull().references('inspections.id'))
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id'))
    .addPrimaryKeyConstraint('inspection_target_tasks_pk', ['inspection_id', 'task_id'])
    .execute();

  await db.schema
    .createTable('inspection_visits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('inspection_id', 'text', (c) => c.notNull().references('inspections.id'))
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('visited_on', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('inspection_visits_inspection_idx').on('inspection_visits').column('inspection_id').execute();

  await db.schema
    .createTable('inspection_findings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('inspection_id', 'text', (c) => c.notNull().references('inspections.id'))
    .addColumn('visit_id', 'text', (c) => c.references('inspection_visits.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    // 'finding' (问题, becomes a rectification task) or 'recommendation' (a research report's 建议, a commitment).
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('task_id', 'text', (c) => c.references('tasks.id'))
    .addColumn('na_reason', 'text')
    .addColumn('na_by', 'text')
    .addColumn('na_at', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('inspection_findings_inspection_idx').on('inspection_findings').column('inspection_id').execute();
  await db.schema.createIndex('inspection_findings_unit_idx').on('inspection_findings').column('unit_id').execute();
  await db.schema.createIndex('inspection_findings_task_idx').on('inspection_findings').column('task_id').execute();

  await db.schema
    .createTable('inspection_evidence')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('inspection_id', 'text', (c) => c.notNull().references('inspections.id'))
    .addColumn('visit_id', 'text', (c) => c.references('inspection_visits.id'))
    .addColumn('finding_id', 'text', (c) => c.references('inspection_findings.id'))
    // 'photo', 'note' or 'report' (调研报告).
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull().references('blobs.sha256'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('byte_size', 'integer', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('inspection_evidence_inspection_idx').on('inspection_evidence').column('inspection_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['inspection_evidence', 'inspection_findings', 'inspection_visits', 'inspection_target_tasks', 'inspection_targets', 'inspection_members', 'inspections', 'relay_evidence', 'relay_records', 'relay_campaign_units', 'relay_campaigns']) {
    await db.schema.dropTable(t).execute();
  }
  await db.schema.dropIndex('tasks_task_type_idx').execute();
  await db.schema.dropIndex('tasks_finding_idx').execute();
  await db.schema.alterTable('tasks').dropColumn('finding_id').execute();
  await db.schema.alterTable('tasks').dropColumn('task_type').execute();
}
