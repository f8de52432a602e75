/**
 * A few thousand rows written straight to the tables, so the query planner has statistics to choose by (plan tests
 * only; the benchmarks have their own generator). Realistic enough in shape: several programmes with work areas and
 * tasks, a skewed unit load, co-units, reports in every state with their decisions, milestones and instructions.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../src/server/platform/db/schema.ts';
import { newId } from '../../src/server/platform/ids.ts';

export interface PlanData {
  programmeIds: string[];
  unitIds: string[];
  taskIds: string[];
}

async function insertChunked<T extends keyof DB & string>(db: Kysely<DB>, table: T, rows: Array<Record<string, unknown>>): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) await db.insertInto(table).values(rows.slice(i, i + 200) as never).execute();
}

const STATES = ['assigned', 'signed', 'in_progress', 'in_progress', 'in_progress', 'completion_requested', 'closed', 'closed', 'draft', 'reassign_requested'];
const REPORT_STATES = ['accepted', 'accepted', 'accepted', 'returned', 'submitted', 'draft'];

/** Writes `tasks` tasks (and about twice as many reports) across `programmes` programmes for the given units and supervisor. */
export async function generatePlanData(db: Kysely<DB>, input: { unitIds: string[]; supervisorId: string; authorId: string; programmes?: number; tasks?: number }): Promise<PlanData> {
  const at = '2024-03-01T00:00:00.000Z';
  const programmeIds: string[] = [];
  const taskRows: Array<Record<string, unknown>> = [];
  const unitRows: Array<Record<string, unknown>> = [];
  const coRows: Array<Record<string, unknown>> = [];
  const reportRows: Array<Record<string, unknown>> = [];
  const eventRows: Array<Record<string, unknown>> = [];
  const milestoneRows: Array<Record<string, unknown>> = [];
  const instructionRows: Array<Record<string, unknown>> = [];
  const units = input.unitIds;
  const perProgramme = Math.ceil((input.tasks ?? 3000) / (input.programmes ?? 4));
  let n = 0;
  for (let p = 0; p < (input.programmes ?? 4); p++) {
    const programmeId = newId();
    programmeIds.push(programmeId);
    await db.insertInto('programmes').values({ id: programmeId, title: `方案${p}`, description: null, status: 'active', health_thresholds_json: null, reminder_config_json: null, created_by: null, created_at: at, updated_at: at, version: 1 }).execute();
    if (p % 2 === 0) await db.insertInto('programme_supervisors').values({ programme_id: programmeId, user_id: input.supervisorId }).execute();
    let areaId = '';
    for (let i = 0; i < perProgramme; i++, n++) {
      const id = newId();
      const isArea = i % 50 === 0;
      if (isArea) areaId = id;
      // A skewed load: the first units lead far more tasks than the last.
      const lead = units[Math.floor(units.length * Math.pow((n * 7919) % 1000 / 1000, 2))]!;
      const state = isArea ? 'in_progress' : STATES[n % STATES.length]!;
      const due = `2024-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`;
      taskRows.push({
        id, programme_id: programmeId, parent_id: isArea ? null : areaId, area_id: areaId, depth: isArea ? 0 : 1, kind: isArea ? 'area' : 'task', ordinal: i,
        label: null, title: `任务${n}`, title_norm: `任务${n}`, description: null, source_document_id: null, source_start: null, source_end: null,
        state, lead_unit_id: lead, owner_user_id: null, start_date: '2024-01-01', due_date: due, cadence_json: n % 3 === 0 ? null : JSON.stringify({ kind: 'monthly' }),
        weight: 1, progress: n % 100, tags_json: '[]', targets_json: '[]', suspended_from: null, review_date: null,
        completion_requested_by: null, pending_extension_json: n % 97 === 0 ? JSON.stringify({ newDueDate: '2025-01-01', requestedBy: input.authorId, reason: '延期' }) : null,
        health: ['green', 'yellow', 'red', 'blue'][n % 4], health_json: null,
        health_changes_at: state === 'closed' || state === 'draft' ? null : new Date(Date.parse(at) + (n % 400) * 3_600_000).toISOString(),
        assigned_at: state === 'draft' ? null : at, signed_at: null, closed_at: null, created_at: at, updated_at: at, version: 1,
      });
      unitRows.push({ task_id: id, unit_id: lead, role: 'lead' });
      if (n % 5 === 0) {
        const co = units[(units.indexOf(lead) + 1) % units.length]!;
        coRows.push({ task_id: id, unit_id: co, part: null });
        unitRows.push({ task_id: id, unit_id: co, role: 'co' });
      }
      if (n % 4 === 0) milestoneRows.push({ id: newId(), task_id: id, ordinal: 0, title: '节点', due_date: due, status: 'pending', done_at: null, created_at: at, updated_at: at });
      if (n % 10 === 0) instructionRows.push({ id: newId(), task_id: id, report_id: null, author_id: input.authorId, text: '批示', created_at: new Date(Date.parse(at) + n * 60_000).toISOString() });
      for (let r = 0; r < 2; r++) {
        const reportId = newId();
        const rs = REPORT_STATES[(n + r) % REPORT_STATES.length]!;
        const t = new Date(Date.parse(at) + (n + r) * 60_000).toISOString();
        reportRows.push({
          id: reportId, task_id: id, unit_id: lead, period_key: `2024-${String(1 + r).padStart(2, '0')}`, state: rs, revision: 1, progress: 10, text: '进展',
          problems: null, coordination: null, next_steps: null, milestone_updates_json: null, author_id: input.authorId, writer_ids_json: JSON.stringify([input.authorId]),
          first_submitted_at: rs === 'draft' ? null : t, submitted_at: rs === 'draft' ? null : t, late: 0,
          reviewed_by: rs === 'accepted' || rs === 'returned' ? input.supervisorId : null, reviewed_at: rs === 'accepted' || rs === 'returned' ? t : null,
          return_reason: rs === 'returned' ? '请补充' : null, created_at: t, updated_at: t, version: 1, final: 0,
        });
        if (rs === 'accepted' || rs === 'returned') eventRows.push({ id: newId(), report_id: reportId, type: `report.${rs}`, actor_id: input.supervisorId, at: t, revision: 1, reason: null, snapshot_json: null });
      }
    }
  }
  await insertChunked(db, 'tasks', taskRows);
  await insertChunked(db, 'task_co_units', coRows);
  await insertChunked(db, 'task_units', unitRows);
  await insertChunked(db, 'milestones', milestoneRows);
  await insertChunked(db, 'reports', reportRows);
  await insertChunked(db, 'report_events', eventRows);
  await insertChunked(db, 'instructions', instructionRows);
  return { programmeIds, unitIds: units, taskIds: taskRows.map((r) => r.id as string) };
}
