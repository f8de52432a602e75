/** The ledger's (台账) SQL: its filter as a WHERE clause, its sorted page, and the scoped lookups of the task page. */
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import { analyseText } from '../../../core/intake/index.ts';
import type { HealthColour, TaskState } from '../../../core/tasks/index.ts';
import type { DB, TasksTable } from '../../platform/db/schema.ts';
import { likePattern } from '../../platform/db/sql-helpers.ts';
import { ofUnitWhere, visibleWhere, type Visibility } from './tasks.repository.ts';

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

/** The ledger's filter (without paging and sorting) as a WHERE clause on `tasks`; the caller's scope is separate. */
export type LedgerCriteria = Omit<LedgerFilter, 'sort' | 'order' | 'limit' | 'offset' | 'withTotal'>;

/** Which of these tasks are within the visibility, in one query. */
export async function visibleTaskIdsIn(db: Kysely<DB>, v: Visibility, ids: readonly string[]): Promise<Set<string>> {
  const rows = await db.selectFrom('tasks').select('tasks.id').where('tasks.id', 'in', ids).where((eb) => visibleWhere(eb, v)).execute();
  return new Set(rows.map((r) => r.id));
}

/** The visible children of a task, in their order. */
export async function listVisibleChildRows(db: Kysely<DB>, v: Visibility, parentId: string): Promise<TasksTable[]> {
  return db.selectFrom('tasks').selectAll().where('parent_id', '=', parentId).where((eb) => visibleWhere(eb, v)).orderBy('ordinal').execute();
}

const SEVERITY = sql<number>`case tasks.health when 'red' then 5 when 'yellow' then 4 when 'blue' then 3 when 'green' then 2 when 'grey' then 1 else 0 end`;

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

/** A visibility and the ledger's filter together: what the ledger lists and the dashboards count. */
export function visibleLedgerWhere(v: Visibility, f: LedgerCriteria) {
  const filter = ledgerFilterWhere(f);
  return (eb: ExpressionBuilder<DB, 'tasks'>): Expression<SqlBool> => eb.and([visibleWhere(eb, v), filter(eb)]);
}

/**
 * One page of the ledger, filtered and sorted in SQL. The total is counted once per filter (on the first page, or when
 * asked), not on every page; `hasMore` says whether a next page exists.
 */
export async function ledgerPage(db: Kysely<DB>, v: Visibility, f: LedgerFilter): Promise<{ rows: TasksTable[]; total: number | null; hasMore: boolean }> {
  const q = db.selectFrom('tasks').where(visibleLedgerWhere(v, f));

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
  return { rows: hasMore ? page.slice(0, f.limit) : page, total, hasMore };
}

/**
 * The programmes holding a task past draft of which the unit is lead or co-unit, as a subquery for a scope:
 * `eb('programmes.id', 'in', programmesWithTasksOfUnit(eb, unitId))` (a liaison sees those programmes).
 */
export function programmesWithTasksOfUnit(eb: ExpressionBuilder<DB, keyof DB>, unitId: string) {
  return eb
    .selectFrom('tasks')
    .select('tasks.programme_id')
    .where('tasks.state', '!=', 'draft')
    // task_units holds lead and co-units alike, indexed by unit.
    .where('tasks.id', 'in', eb.selectFrom('task_units').select('task_units.task_id').where('task_units.unit_id', '=', unitId));
}

/** Counts of a programme's tasks the caller may see (`visible`, e.g. `visibleTasksWhere(actor)`), by state and by light. */
export async function programmeTaskCounts(db: Kysely<DB>, programmeId: string, visible: (eb: ExpressionBuilder<DB, 'tasks'>) => Expression<SqlBool>) {
  const byState = await db.selectFrom('tasks').select(['state', (eb) => eb.fn.countAll<number>().as('n')]).where('programme_id', '=', programmeId).where(visible).groupBy('state').execute();
  const byHealth = await db.selectFrom('tasks').select(['health', (eb) => eb.fn.countAll<number>().as('n')]).where('programme_id', '=', programmeId).where(visible).groupBy('health').execute();
  return {
    byState: Object.fromEntries(byState.map((r) => [r.state, Number(r.n)])),
    byHealth: Object.fromEntries(byHealth.map((r) => [r.health, Number(r.n)])),
  };
}
