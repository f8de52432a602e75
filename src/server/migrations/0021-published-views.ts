/**
 * Views that owning modules publish for the modules below them (docs/ARCHITECTURE.md, "Data access"). The tasks module
 * sits below programmes and reports — they import it — yet its rules and its health roll-up need a programme's
 * settings and a task's report facts inside the statements that read the task. A view is the owner's read model: the
 * owner may change its tables as long as the view keeps its columns, and the planner inlines it, so the readers' single
 * statements stay single. Additive (expand-only): instances of the previous build keep running against it.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // programmes: the settings the task rules and the health roll-up read.
  await sql`create view programme_settings as
    select id, status, completion_policy, health_thresholds_json from programmes`.execute(db);
  // reports: each report's standing, with its evidence count, by task.
  await sql`create view task_report_facts as
    select r.id as report_id, r.task_id, r.unit_id, r.state, r.final, r.submitted_at, r.reviewed_at,
      (select count(*) from evidence e where e.report_id = r.id) as evidence_count
    from reports r`.execute(db);
  // reports: the review decisions on a task's reports, the history the health rules weigh.
  await sql`create view task_report_decisions as
    select r.task_id, e.report_id, e.type, e.at
    from report_events e inner join reports r on r.id = e.report_id
    where e.type in ('report.accepted', 'report.returned')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop view if exists task_report_decisions`.execute(db);
  await sql`drop view if exists task_report_facts`.execute(db);
  await sql`drop view if exists programme_settings`.execute(db);
}
