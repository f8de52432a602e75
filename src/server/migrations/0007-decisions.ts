/**
 * Decisions kept on their objects (issues 7 §4 and 15): the last extension decision and the closure (销号) of a
 * task, final reports (总结) with their summary, and the programme's completion policy.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // The last 延期 decision (approved or refused, by whom, when, why), so the task's answer carries it.
  await db.schema.alterTable('tasks').addColumn('last_extension_decision_json', 'text').execute();
  // How the task was closed: by whom, when, at what progress, and the reason when the evidence fell short.
  await db.schema.alterTable('tasks').addColumn('closure_json', 'text').execute();
  // A final report (总结报告) stands behind 申请办结 and must carry a summary and evidence.
  await db.schema.alterTable('reports').addColumn('final', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('reports').addColumn('summary', 'text').execute();
  // 'strict' or 'lenient'; null means strict.
  await db.schema.alterTable('programmes').addColumn('completion_policy', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('programmes').dropColumn('completion_policy').execute();
  await db.schema.alterTable('reports').dropColumn('summary').execute();
  await db.schema.alterTable('reports').dropColumn('final').execute();
  await db.schema.alterTable('tasks').dropColumn('closure_json').execute();
  await db.schema.alterTable('tasks').dropColumn('last_extension_decision_json').execute();
}
