/** Read use cases: one task with everything its page shows, the ledger (台账) list, the timeline. */
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { LedgerFilterQuery } from '../../../contract/ledger.ts';
import type { HealthColour, TaskState } from '../../../core/tasks/index.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { DB } from '../../platform/db/schema.ts';
import { displayNamesOf } from '../users/index.ts';
import { abilitiesAfter, abilitiesFor, loadTask, type TaskAbilities } from './task-access.ts';
import { visibilityOf } from './tasks.policy.ts';
import { ledgerFilterWhere, ledgerPage, listVisibleChildRows, visibleLedgerWhere, visibleTaskIdsIn, type LedgerCriteria, type LedgerFilter } from './task-queries.repository.ts';
import { findTask, hydrate, listMilestones, visibleWhere, type Milestone, type Task } from './tasks.repository.ts';

export { ledgerFilterWhere, type LedgerCriteria, type LedgerFilter };

/** Display names of the people the tasks' decisions name (who decided an extension, who closed), in one query. */
async function decisionNames(db: Kysely<DB>, tasks: readonly Task[]): Promise<Map<string, string>> {
  return displayNamesOf(db, tasks.flatMap((t) => [t.lastExtensionDecision?.decidedBy, t.closure?.closedBy]).filter((id): id is string => typeof id === 'string'));
}

/** The actor's task scope as a WHERE clause on `tasks`, for other modules' counts and dashboards. */
export function visibleTasksWhere(actor: Actor) {
  const v = visibilityOf(actor);
  return (eb: ExpressionBuilder<DB, 'tasks'>) => visibleWhere(eb, v);
}

/** Which of these tasks the actor may open now, in one scoped query (for links in notices). */
export async function visibleTaskIds(db: Kysely<DB>, actor: Actor, ids: readonly string[]): Promise<Set<string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Set();
  return visibleTaskIdsIn(db, visibilityOf(actor), unique);
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
  const childRows = await listVisibleChildRows(ctx.db, visibilityOf(actor), id);
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

const csv = (v: string | undefined) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined);

/** The ledger's filter from its query parameters (comma-separated lists split). */
export function ledgerCriteriaOf(q: LedgerFilterQuery): LedgerCriteria {
  return { ...q, health: csv(q.health) as HealthColour[] | undefined, state: csv(q.state) as TaskState[] | undefined, kind: csv(q.kind) };
}

/** The actor's scope and the ledger's filter together: what the ledger lists and the dashboards count. */
export function ledgerWhere(actor: Actor, f: LedgerCriteria) {
  return visibleLedgerWhere(visibilityOf(actor), f);
}

/** The ledger: the actor's visible tasks, filtered, sorted and paged (see ledgerPage). */
export async function listTasks(ctx: AppContext, actor: Actor, f: LedgerFilter): Promise<{ items: Task[]; total: number | null; hasMore: boolean }> {
  requirePermission(actor, 'task.read');
  const page = await ledgerPage(ctx.db, visibilityOf(actor), f);
  return { items: await hydrate(ctx.db, page.rows), total: page.total, hasMore: page.hasMore };
}
