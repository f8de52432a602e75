/**
 * The 工作台 read model: what waits for one person, read across tasks, reports and instructions. Every query is
 * scoped in SQL to the caller's unit or to the programmes they supervise, never filtered after loading.
 */
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { ReportState } from '../../../core/reports/index.ts';
import type { HealthColour, TaskState } from '../../../core/tasks/index.ts';
import type { DB } from '../../platform/db/schema.ts';
import { fromJson } from '../../platform/db/json.ts';
import { instructionSummaries, instructionWhere, type InstructionWhere } from '../instructions/index.ts';
import { lockedPeriodsOf, reportLists, reportSummaries, type ReportList } from '../reports/index.ts';
import { taskSummaries, taskWhere, type TaskWhere } from '../tasks/index.ts';

export type { TaskWhere };

export interface TaskItem {
  id: string;
  programmeId: string;
  title: string;
  state: TaskState;
  leadUnitId: string | null;
  dueDate: string | null;
  progress: number;
  health: HealthColour;
  pendingExtension: { newDueDate: string; requestedBy: string; reason: string } | null;
  completionRequestedBy: string | null;
}

export interface ReportItem {
  id: string;
  taskId: string;
  taskTitle: string;
  unitId: string;
  periodKey: string;
  state: ReportState;
  revision: number;
  late: boolean;
  submittedAt: string | null;
  reviewedAt: string | null;
  returnReason: string | null;
}

export interface InstructionItem {
  id: string;
  taskId: string;
  taskTitle: string;
  reportId: string | null;
  authorId: string;
  text: string;
  createdAt: string;
}

export interface Page<T> {
  /** The list's length, counted up to `INBOX_COUNT_CAP`. */
  total: number;
  /** More than `INBOX_COUNT_CAP` items: `total` is then the cap, shown as "1,000+". */
  totalCapped: boolean;
  items: T[];
  /** The cursor of the next page (keyset: the sort key of the last item), or null when this was the last. */
  next: string | null;
}

/** One page of a list without its count (the counts come from `inboxCounts`, one query for all lists). */
export interface Slice<T> {
  items: T[];
  next: string | null;
}

/** Where a page starts: the sort key of the last item of the page before, decoded from its cursor. */
export type After = readonly string[] | null;

/** The opaque cursor of a page's last item. */
export function encodeCursor(values: readonly string[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

/** The sort key a cursor carries, or null when it is not one this list made (wrong shape, wrong length). */
export function decodeCursor(cursor: string, length: number): string[] | null {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(v) && v.length === length && v.every((x) => typeof x === 'string' && x.length <= 200) ? (v as string[]) : null;
  } catch {
    return null;
  }
}

interface SortKey {
  ref: Expression<unknown>;
  dir: 'asc' | 'desc';
}

/** Rows after the cursor in the given order: (k1 > v1) or (k1 = v1 and k2 > v2) or … (`<` for a `desc` key). */
function afterKey(keys: readonly SortKey[], values: readonly string[]): Expression<SqlBool> {
  const ors = keys.map((k, i) => {
    const parts = keys.slice(0, i).map((kj, j) => sql`${kj.ref} = ${values[j]}`);
    parts.push(k.dir === 'asc' ? sql`${k.ref} > ${values[i]}` : sql`${k.ref} < ${values[i]}`);
    return sql`(${sql.join(parts, sql` and `)})`;
  });
  return sql<SqlBool>`(${sql.join(ors, sql` or `)})`;
}

function slice<R, T>(rows: R[], limit: number, map: (r: R) => T, key: (r: R) => string[]): Slice<T> {
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  return { items: page.map(map), next: more && page.length ? encodeCursor(key(page[page.length - 1]!)) : null };
}

// The owners' subqueries select from their tables; the lists read them as derived tables (t, r, i), which both
// dialects fold into the outer statement: one statement per list, on the owners' indexes.
const owned = (eb: unknown) => eb as ExpressionBuilder<DB, keyof DB>;
const taskRows = (w: TaskWhere) => (eb: ExpressionBuilder<DB, never>) => taskSummaries(owned(eb), w).as('t');
const reportRows = (w: ReportList) => (eb: ExpressionBuilder<DB, never>) => reportSummaries(owned(eb), w).as('r');
const instructionRows = (w: InstructionWhere) => (eb: ExpressionBuilder<DB, never>) => instructionSummaries(owned(eb), w).as('i');

const TASK_COLUMNS = [
  't.id',
  't.programme_id',
  't.title',
  't.state',
  't.lead_unit_id',
  't.due_date',
  't.progress',
  't.health',
  't.pending_extension_json',
  't.completion_requested_by',
] as const;

interface TaskRowPart {
  id: string;
  programme_id: string;
  title: string;
  state: string;
  lead_unit_id: string | null;
  due_date: string | null;
  progress: number;
  health: string;
  pending_extension_json: string | null;
  completion_requested_by: string | null;
}

function toTaskItem(r: TaskRowPart): TaskItem {
  return {
    id: r.id,
    programmeId: r.programme_id,
    title: r.title,
    // The columns hold only the core's states and colours (the state machine and the health rules write them).
    state: r.state as TaskState,
    leadUnitId: r.lead_unit_id,
    dueDate: r.due_date,
    progress: Number(r.progress),
    health: r.health as HealthColour,
    pendingExtension: fromJson<TaskItem['pendingExtension']>(r.pending_extension_json),
    completionRequestedBy: r.completion_requested_by,
  };
}

// Oldest deadline first, tasks without one last (a date no deadline reaches stands in for "none"), then the id.
const NO_DUE = '9999-12-31';
const TASK_ORDER: readonly SortKey[] = [
  { ref: sql`coalesce(t.due_date, ${NO_DUE})`, dir: 'asc' },
  { ref: sql.ref('t.updated_at'), dir: 'asc' },
  { ref: sql.ref('t.id'), dir: 'asc' },
];
const OVERDUE_ORDER: readonly SortKey[] = [
  { ref: sql.ref('t.due_date'), dir: 'asc' },
  { ref: sql.ref('t.id'), dir: 'asc' },
];

/** The sort key of each list, for cursors (`decodeCursor` checks a cursor has as many values). */
export const KEY_LENGTH = { task: TASK_ORDER.length, overdue: OVERDUE_ORDER.length, report: 2, instruction: 2 } as const;

// The lists, each as a WHERE clause of the owning module; pages and counts are built from the same clause so they
// cannot disagree.
export const where = {
  toSign: (unitId: string): TaskWhere => taskWhere.awaitingSignature(unitId),
  completionRequests: (supervisorId: string): TaskWhere => taskWhere.completionRequestedTo(supervisorId),
  extensionRequests: (supervisorId: string): TaskWhere => taskWhere.extensionRequestedTo(supervisorId),
  reassignRequests: (supervisorId: string): TaskWhere => taskWhere.reassignRequestedTo(supervisorId),
  overdue: (visible: TaskWhere, states: readonly string[], dueTo: string): TaskWhere => {
    const due = taskWhere.dueBy(states, dueTo);
    return (eb) => eb.and([visible(eb), due(eb)]);
  },
  returned: (unitId: string, reportableStates: readonly string[]): ReportList => reportLists.returnedTo(unitId, reportableStates),
  toReview: (supervisorId: string): ReportList => reportLists.awaitingReviewBy(supervisorId),
  instructions: (scope: InstructionScope): InstructionWhere | null => {
    const { unitId, supervisorId, authorId } = scope;
    if (!unitId && !supervisorId && !authorId) return null;
    const tasks: TaskWhere[] = [...(unitId ? [taskWhere.handedTo(unitId)] : []), ...(supervisorId ? [taskWhere.supervisedBy(supervisorId)] : [])];
    const ors: InstructionWhere[] = [
      ...(tasks.length ? [instructionWhere.onTasks((eb) => eb.or(tasks.map((w) => w(eb))))] : []),
      ...(authorId ? [instructionWhere.by(authorId)] : []),
    ];
    const since = instructionWhere.since(scope.since.toISOString());
    return (eb) => eb.and([since(eb), eb.or(ors.map((w) => w(eb)))]);
  },
};

/** One page of a task list, in deadline order, after the cursor. */
export async function taskSlice(db: Kysely<DB>, w: TaskWhere, limit: number, after: After, order: 'deadline' | 'overdue' = 'deadline'): Promise<Slice<TaskItem>> {
  const keys = order === 'overdue' ? OVERDUE_ORDER : TASK_ORDER;
  let q = db.selectFrom(taskRows(w)).select([...TASK_COLUMNS, 't.updated_at']);
  if (after) q = q.where(afterKey(keys, after));
  for (const k of keys) q = q.orderBy(k.ref as never, k.dir);
  const rows = await q.limit(limit + 1).execute();
  return slice(rows, limit, toTaskItem, (r) => (order === 'overdue' ? [r.due_date ?? NO_DUE, r.id] : [r.due_date ?? NO_DUE, r.updated_at, r.id]));
}

/** The unit's open tasks that report on a cadence, with what the unit has filed so far; periods are the core's job. */
export async function reportingTasksOfUnit(db: Kysely<DB>, unitId: string, states: readonly string[]) {
  const reporting = taskWhere.reportingOf(unitId, states);
  const tasks = await db.selectFrom(taskRows(reporting)).select([...TASK_COLUMNS, 't.cadence_json', 't.signed_at', 't.start_date']).execute();
  // One statement whatever the number of tasks: the same filter, joined, not a list of thousands of ids.
  const reports = tasks.length
    ? await db.selectFrom(reportRows(reportLists.ofUnitOn(unitId, reporting))).select(['r.id', 'r.task_id', 'r.period_key', 'r.state']).execute()
    : [];
  return {
    tasks: tasks.map((t) => ({ item: toTaskItem(t), cadenceJson: t.cadence_json, signedAt: t.signed_at, startDate: t.start_date })),
    // Keyed by task and period: the caller looks each expected period up instead of searching the list.
    reports: new Map(reports.map((r) => [`${r.task_id}|${r.period_key}`, { id: r.id, state: r.state }])),
    locks: await lockedPeriodsOf(db, tasks.map((t) => t.programme_id)),
  };
}

/** One page of a report list: oldest submission first (to review) or most recently returned first, after the cursor. */
export async function reportSlice(db: Kysely<DB>, w: ReportList, order: 'oldest' | 'newest', limit: number, after: After): Promise<Slice<ReportItem>> {
  const keys: SortKey[] =
    order === 'oldest'
      ? [{ ref: sql.ref('r.submitted_at'), dir: 'asc' }, { ref: sql.ref('r.id'), dir: 'asc' }]
      : [{ ref: sql.ref('r.reviewed_at'), dir: 'desc' }, { ref: sql.ref('r.id'), dir: 'asc' }];
  let q = db
    .selectFrom(reportRows(w))
    .select(['r.id', 'r.task_id', 'r.task_title', 'r.unit_id', 'r.period_key', 'r.state', 'r.revision', 'r.late', 'r.submitted_at', 'r.reviewed_at', 'r.return_reason']);
  if (after) q = q.where(afterKey(keys, after));
  for (const k of keys) q = q.orderBy(k.ref as never, k.dir);
  const rows = await q.limit(limit + 1).execute();
  return slice(
    rows,
    limit,
    (r) => ({
      id: r.id,
      taskId: r.task_id,
      taskTitle: r.task_title,
      unitId: r.unit_id,
      periodKey: r.period_key,
      state: r.state as ReportState,
      revision: Number(r.revision),
      late: Number(r.late) === 1,
      submittedAt: r.submitted_at,
      reviewedAt: r.reviewed_at,
      returnReason: r.return_reason,
    }),
    (r) => [(order === 'oldest' ? r.submitted_at : r.reviewed_at) ?? '', r.id],
  );
}

export interface InstructionScope {
  unitId: string | null;
  supervisorId: string | null;
  authorId: string | null;
  since: Date;
}

/**
 * One page of recent 批示 on the caller's tasks (their unit's, their programmes'), and a leader's own; newest first.
 * The task conditions probe each instruction's task (`instructionWhere.onTasks`), so the walk starts from the few
 * recent instructions (`instructions_created_idx`) instead of walking every task of the caller's programmes and probing
 * for instructions (71 ms for none at 100,000 tasks).
 */
export async function instructionSlice(db: Kysely<DB>, scope: InstructionScope, limit: number, after: After): Promise<Slice<InstructionItem>> {
  const w = where.instructions(scope);
  if (!w) return { items: [], next: null };
  const keys: SortKey[] = [{ ref: sql.ref('i.created_at'), dir: 'desc' }, { ref: sql.ref('i.id'), dir: 'desc' }];
  let q = db.selectFrom(instructionRows(w)).select(['i.id', 'i.task_id', 'i.task_title', 'i.report_id', 'i.author_id', 'i.text', 'i.created_at']);
  if (after) q = q.where(afterKey(keys, after));
  const rows = await q.orderBy('i.created_at', 'desc').orderBy('i.id', 'desc').limit(limit + 1).execute();
  return slice(
    rows,
    limit,
    (r) => ({ id: r.id, taskId: r.task_id, taskTitle: r.task_title!, reportId: r.report_id, authorId: r.author_id, text: r.text, createdAt: r.created_at }),
    (r) => [r.created_at, r.id],
  );
}

/** What `inboxCounts` counts: each list the caller has, by name, with its clause. */
export interface CountedLists {
  tasks: Partial<Record<'toSign' | 'overdue' | 'completionRequests' | 'extensionRequests' | 'reassignRequests', TaskWhere>>;
  reports: Partial<Record<'returned' | 'reports', ReportList>>;
  instructions: InstructionWhere | null;
}

/** Every list's full count in one statement (a UNION ALL of indexed counts), instead of one live COUNT per list. */
/**
 * Counts stop at this many: an inbox says "1,000+" rather than counting a supervisor's 120,000 reports awaiting review
 * one by one (1.2 s at 100,000 tasks, against 3–50 ms for the pages themselves).
 */
export const INBOX_COUNT_CAP = 1000;

/**
 * Every list's length in one statement, each counted up to `cap` + 1 rows (a count past the cap is only "more than
 * the cap"); the caller reads a value above `cap` as capped.
 */
export async function inboxCounts(db: Kysely<DB>, lists: CountedLists, cap: number = INBOX_COUNT_CAP): Promise<Record<string, number>> {
  const capped = (name: string, rows: SelectQueryBuilder<DB, never, object>) =>
    db.selectFrom(rows.select(sql.lit(1).as('one')).limit(cap + 1).as('capped')).select((eb) => [sql.lit(name).as('list'), eb.fn.countAll<number>().as('n')]);
  const parts = [
    ...Object.entries(lists.tasks).map(([name, w]) => capped(name, db.selectFrom(taskRows(w)) as unknown as SelectQueryBuilder<DB, never, object>)),
    ...Object.entries(lists.reports).map(([name, w]) => capped(name, db.selectFrom(reportRows(w)) as unknown as SelectQueryBuilder<DB, never, object>)),
    ...(lists.instructions ? [capped('instructions', db.selectFrom(instructionRows(lists.instructions)) as unknown as SelectQueryBuilder<DB, never, object>)] : []),
  ];
  if (parts.length === 0) return {};
  const rows = await parts.slice(1).reduce((u, p) => u.unionAll(p), parts[0]!).execute();
  return Object.fromEntries(rows.map((r) => [String(r.list), Number(r.n)]));
}
