/**
 * A programme's tree past draft and the counts of its work, for the modules that show a programme whole, and the
 * subqueries other modules compose into their own statements: a task's title, the programme of a task past draft,
 * and when a programme's tasks last changed.
 */
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { HealthColour, HealthResult, TaskState } from '../../../core/tasks/index.ts';
import type { DB } from '../../platform/db/schema.ts';
import { fromJson } from '../../platform/db/json.ts';
import { unitNameOf } from '../units/index.ts';

const CHUNK = 500;

export interface TreeNode {
  id: string;
  areaId: string | null;
  parentId: string | null;
  depth: number;
  kind: string;
  ordinal: number;
  label: string | null;
  title: string;
  leadUnitName: string | null;
  dueDate: string | null;
  state: TaskState;
  health: HealthColour;
  healthSummary: HealthResult['summary'] | null;
  progress: number;
  closedAt: string | null;
  updatedAt: string;
}

/**
 * The programme's tree without drafts: areas whatever their state (they are headings) and every task past draft,
 * by depth, then ordinal. Only the columns named here, so a column added to tasks later is not handed on unasked.
 */
export async function listTreePastDraft(db: Kysely<DB>, programmeId: string): Promise<TreeNode[]> {
  const rows = await db
    .selectFrom('tasks')
    .select([
      'tasks.id', 'tasks.area_id', 'tasks.parent_id', 'tasks.depth', 'tasks.kind', 'tasks.ordinal', 'tasks.label', 'tasks.title',
      'tasks.due_date', 'tasks.state', 'tasks.health', 'tasks.health_json', 'tasks.progress', 'tasks.closed_at', 'tasks.updated_at',
    ])
    .select((eb) => unitNameOf(eb, eb.ref('tasks.lead_unit_id')).as('lead_unit'))
    .where('tasks.programme_id', '=', programmeId)
    .where((eb) => eb.or([eb('tasks.kind', '=', 'area'), eb('tasks.state', '!=', 'draft')]))
    .orderBy('tasks.depth')
    .orderBy('tasks.ordinal')
    .orderBy('tasks.created_at')
    .orderBy('tasks.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    areaId: r.area_id,
    parentId: r.parent_id,
    depth: r.depth,
    kind: r.kind,
    ordinal: r.ordinal,
    label: r.label,
    title: r.title,
    leadUnitName: r.lead_unit ?? null,
    dueDate: r.due_date,
    state: r.state as TaskState,
    health: r.health as HealthColour,
    healthSummary: fromJson<Partial<HealthResult>>(r.health_json)?.summary ?? null,
    progress: Number(r.progress),
    closedAt: r.closed_at,
    updatedAt: r.updated_at,
  }));
}

/** Per programme: its tasks past draft (areas are headings, not work) and how many of them are closed. */
export async function workCountsOf(db: Kysely<DB>, programmeIds: readonly string[]): Promise<Map<string, { tasks: number; closed: number }>> {
  const out = new Map<string, { tasks: number; closed: number }>();
  const ids = [...new Set(programmeIds)];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await db
      .selectFrom('tasks')
      .select((eb) => [
        'tasks.programme_id',
        eb.fn.countAll<number>().as('tasks'),
        eb.fn.sum<number>(eb.case().when('tasks.state', '=', 'closed').then(1).else(0).end()).as('closed'),
      ])
      .where('tasks.programme_id', 'in', ids.slice(i, i + CHUNK))
      .where('tasks.kind', '!=', 'area')
      .where('tasks.state', '!=', 'draft')
      .groupBy('tasks.programme_id')
      .execute();
    for (const r of rows) out.set(r.programme_id, { tasks: Number(r.tasks ?? 0), closed: Number(r.closed ?? 0) });
  }
  return out;
}

/** The programme of a task past draft, as a subquery: no row for a draft or an unknown task. */
export function programmeOfTaskPastDraft(eb: ExpressionBuilder<DB, keyof DB>, taskId: string) {
  return eb.selectFrom('tasks').select('tasks.programme_id').where('tasks.id', '=', taskId).where('tasks.state', '!=', 'draft');
}

/** When a task of the programme (of any programme, for null) last changed, as a one-value subquery. */
export function tasksChangedAt(eb: ExpressionBuilder<DB, keyof DB>, programmeId: string | null) {
  const q = eb.selectFrom('tasks').select((e) => e.fn.max('tasks.updated_at').as('v'));
  return programmeId === null ? q : q.where('tasks.programme_id', '=', programmeId);
}

/** How many tasks the programme (every programme, for null) has, as a one-value subquery: a deletion changes it. */
export function taskCountOf(eb: ExpressionBuilder<DB, keyof DB>, programmeId: string | null) {
  const q = eb.selectFrom('tasks').select((e) => e.fn.countAll<number>().as('v'));
  return programmeId === null ? q : q.where('tasks.programme_id', '=', programmeId);
}
