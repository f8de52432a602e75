/** Read use cases: one task with everything its page shows, the ledger (台账) list, the timeline. */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { LedgerFilterQuery } from '../../../contract/ledger.ts';
import { analyseText } from '../../../core/intake/index.ts';
import type { HealthColour, TaskState } from '../../../core/tasks/index.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { DB } from '../../platform/db/schema.ts';
import { likePattern } from '../../platform/db/sql-helpers.ts';
import type { Kysely } from 'kysely';
import { abilitiesAfter, abilitiesFor, loadTask, type TaskAbilities } from './task-access.ts';
import { visibilityOf } from './tasks.policy.ts';
import { decisionNames, findTask, hydrate, listMilestones, ofUnitWhere, visibleWhere, type Milestone, type Task } from './tasks.repository.ts';

/** The actor's task scope as a WHERE clause on `tasks`, for other modules' counts and dashboards. */
export function visibleTasksWhere(actor: Actor) {
  const v = visibilityOf(actor);
  return (eb: ExpressionBuilder<DB, 'tasks'>) => visibleWhere(eb, v);
}

/** Which of these tasks the actor may open now, in one scoped query (for links in notices). */
export async function visibleTaskIds(db: Kysely<DB>, actor: Actor, ids: readonly string[]): Promise<Set<string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Set();
  const rows = await db.selectFrom('tasks').select('tasks.id').where('tasks.id', 'in', unique).where((eb) => visibleWhere(eb, visibilityOf(actor))).execute();
  return new Set(rows.map((r) => r.id));
}

export interface TaskDetail {
  task: Task;
  milestones: Milestone[];
  /** Titles from the work area down to the parent, for the breadcrumb. */
  path: Array<{ id: string; label: string | null; title: string }>;
  children: Task[];
  supervisorIds: string[];
  abilities: TaskAbilities;
  /** Display names of the people its decisions name. */
  names: Map<string, string>;
}

/** What a single-task write answers: the task as it now is, with the caller's abilities on it. */
export interface TaskAnswer {
  task: Task;
  abilities: TaskAbilities;
  names: Map<string, string>;
}

/** The answer for a task the caller just changed (they may no longer see it: then no abilities). */
export async function answerTask(db: Kysely<DB>, actor: Actor, task: Task): Promise<TaskAnswer> {
  return { task, abilities: await abilitiesAfter(db, actor, task), names: await decisionNames(db, [task]) };
}

/** One task as its page shows it; 404 when the actor may not see it. */
export async function getTaskDetail(ctx: AppContext, actor: Actor, id: string): Promise<TaskDetail> {
  requirePermission(actor, 'task.read');
  const access = await loadTask(ctx.db, actor, id);
  const path: TaskDetail['path'] = [];
  let cursor = access.task.parentId;
  for (let i = 0; cursor && i < 100; i++) {
    const parent = await findTask(ctx.db, cursor);
    if (!parent) break;
    path.unshift({ id: parent.id, label: parent.label, title: parent.title });
    cursor = parent.parentId;
  }
  const childRows = await ctx.db
    .selectFrom('tasks')
    .selectAll()
    .where('parent_id', '=', id)
    .where((eb) => visibleWhere(eb, visibilityOf(actor)))
    .orderBy('ordinal')
    .execute();
  return {
    task: access.task,
    milestones: await listMilestones(ctx.db, [id]),
    path,
    children: await hydrate(ctx.db, childRows),
    supervisorIds: access.supervisorIds,
    abilities: await abilitiesFor(ctx.db, actor, access),
    names: await decisionNames(ctx.db, [access.task]),
  };
}

export interface LedgerFilter {
  programmeId?: string;
  areaId?: string;
  parentId?: string;
  /** Lead unit or co-unit. */
  unitId?: string;
  health?: HealthColour[];
  state?: TaskState[];
  kind?: string[];
  tag?: string;
  dueFrom?: string;
  dueTo?: string;
  /** Searched on the normalised title, so either script finds both. */
  q?: string;
  /** A selection of task ids (the ledger's checked rows); combined with the other filters. */
  ids?: string[];
  sort?: 'ordinal' | 'due' | 'health' | 'updated' | 'title' | 'progress';
  order?: 'asc' | 'desc';
  limit: number;
  offset: number;
  /** Count the whole filtered list; by default only for the first page (offset 0), since the count is per filter. */
  withTotal?: boolean;
}

const SEVERITY = sql<number>`case tasks.health when 'red' then 5 when 'yellow' then 4 when 'blue' then 3 when 'green' then 2 when 'grey' then 1 else 0 end`;

const csv = (v: string | undefined) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined);

/** The ledger's filter from its query parameters (comma-separated lists split). */
export function ledgerCriteriaOf(q: LedgerFilterQuery): LedgerCriteria {
  return { ...q, health: csv(q.health) as HealthColour[] | undefined, state: csv(q.state) as TaskState[] | undefined, kind: csv(q.kind) };
}

/** The ledger's filter (without paging and sorting) as a WHERE clause on `tasks`; the caller's scope is separate. */
export type LedgerCriteria = Omit<LedgerFilter, 'sort' | 'order' | 'limit' | 'offset'>;

/** The ledger's filter as a WHERE clause on `tasks`, so dashboards count exactly what the ledger lists. */
export function ledgerFilterWhere(f: LedgerCriteria) {
  return (eb: ExpressionBuilder<DB, 'tasks'>): Expression<SqlBool> => {
    const all: Expression<SqlBool>[] = [];
    if (f.programmeId) all.push(eb('tasks.programme_id', '=', f.programmeId));
    if (f.areaId) all.push(eb('tasks.area_id', '=', f.areaId));
    if (f.parentId) all.push(eb('tasks.parent_id', '=', f.parentId));
    if (f.unitId) {
      const unit = f.unitId;
      // Through the membership table, so the unit's index serves lead and co-units alike.
      all.push(ofUnitWhere(eb, unit));
    }
    if (f.ids) all.push(f.ids.length ? eb('tasks.id', 'in', f.ids) : sql<SqlBool>`1 = 0`);
    if (f.health?.length) all.push(eb('tasks.health', 'in', f.health));
    if (f.state?.length) all.push(eb('tasks.state', 'in', f.state));
    if (f.kind?.length) all.push(eb('tasks.kind', 'in', f.kind));
    if (f.tag) all.push(sql<SqlBool>`tasks.tags_json like ${likePattern(JSON.stringify(f.tag))} escape '\\'`);
    if (f.dueFrom) all.push(eb('tasks.due_date', '>=', f.dueFrom));
    if (f.dueTo) all.push(eb('tasks.due_date', '<=', f.dueTo));
    if (f.q?.trim()) all.push(sql<SqlBool>`lower(tasks.title_norm) like ${likePattern(analyseText(f.q.trim()).norm)} escape '\\'`);
    return eb.and(all);
  };
}

/** The actor's scope and the ledger's filter together: what the ledger lists and the dashboards count. */
export function ledgerWhere(actor: Actor, f: LedgerCriteria) {
  const v = visibilityOf(actor);
  const filter = ledgerFilterWhere(f);
  return (eb: ExpressionBuilder<DB, 'tasks'>): Expression<SqlBool> => eb.and([visibleWhere(eb, v), filter(eb)]);
}

/**
 * The ledger: the actor's visible tasks, filtered and sorted in SQL. The total is counted once per filter (on the
 * first page, or when asked), not on every page; `hasMore` says whether a next page exists.
 */
export async function listTasks(ctx: AppContext, actor: Actor, f: LedgerFilter): Promise<{ items: Task[]; total: number | null; hasMore: boolean }> {
  requirePermission(actor, 'task.read');
  const q = ctx.db.selectFrom('tasks').where(ledgerWhere(actor, f));

  const total = (f.withTotal ?? f.offset === 0) ? Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n) : null;
  const dir = f.order ?? (f.sort === 'health' || f.sort === 'updated' || f.sort === 'progress' ? 'desc' : 'asc');
  let rows = q.selectAll('tasks');
  switch (f.sort ?? 'ordinal') {
    case 'due':
      // Tasks without a deadline go last whatever the direction.
      rows = rows.orderBy(sql`case when tasks.due_date is null then 1 else 0 end`).orderBy('tasks.due_date', dir);
      break;
    case 'health':
      rows = rows.orderBy(SEVERITY, dir).orderBy('tasks.due_date', 'asc');
      break;
    case 'updated':
      rows = rows.orderBy('tasks.updated_at', dir);
      break;
    case 'title':
      rows = rows.orderBy('tasks.title_norm', dir);
      break;
    case 'progress':
      rows = rows.orderBy('tasks.progress', dir);
      break;
    default:
      rows = rows.orderBy('tasks.area_id', dir).orderBy('tasks.depth').orderBy('tasks.ordinal');
  }
  // One row more than asked tells whether there is a next page without counting.
  const page = await rows.orderBy('tasks.id').limit(f.limit + 1).offset(f.offset).execute();
  const hasMore = page.length > f.limit;
  return { items: await hydrate(ctx.db, hasMore ? page.slice(0, f.limit) : page), total, hasMore };
}
