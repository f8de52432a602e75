/**
 * The 工作台 inbox: what waits for the caller in each of their roles. Each list is one indexed query limited to a
 * page and continued by a keyset cursor; every list's full count comes from one statement (`inboxCounts`).
 */
import type { InboxListName } from '../../../contract/inbox.ts';
import { expectedPeriods, type Cadence, type ReportingPeriod } from '../../../core/reports/index.ts';
import { REPORTABLE_STATES, type TaskState } from '../../../core/tasks/index.ts';
import { addDays, DEFAULT_TZ, toLocalDate } from '../../../core/time.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { fromJson } from '../../platform/db/json.ts';
import { badRequest } from '../../platform/errors.ts';
import { visibleTasksWhere } from '../tasks/index.ts';
import * as repo from './inbox.repository.ts';
import type { After, CountedLists, InstructionItem, Page, ReportItem, Slice, TaskItem } from './inbox.repository.ts';

export const INBOX_LIMIT = 50;
/** How far back the instructions list looks. */
export const INSTRUCTION_DAYS = 30;
// Report periods are read in the programmes' default zone, as the reports module does.
const TZ = DEFAULT_TZ;

export interface ReportDue {
  task: TaskItem;
  unitId: string;
  /** Periods up to today with nothing submitted or accepted from the unit, oldest first; locked periods left out. */
  periods: Array<{ key: string; start: string | null; end: string; dueDate: string; overdue: boolean; reportId: string | null; state: 'missing' | 'draft' | 'returned' }>;
}

export interface Inbox {
  toSign: Page<TaskItem>;
  toReport: Page<ReportDue>;
  returned: Page<ReportItem>;
  overdue: Page<TaskItem>;
  toReview: {
    /** The sum of the four lists' (possibly capped) totals. */
    total: number;
    reports: Page<ReportItem>;
    completionRequests: Page<TaskItem>;
    extensionRequests: Page<TaskItem>;
    reassignRequests: Page<TaskItem>;
  };
  instructions: Page<InstructionItem>;
}

// Reports are chased on signed and in-progress tasks only: once completion is requested the next move is the
// supervisor's (the reminder rules are quiet then too).
const REPORTING: readonly TaskState[] = ['signed', 'in_progress'];
const OPEN_WORK: TaskState[] = ['assigned', 'signed', 'reassign_requested', 'in_progress', 'completion_requested'];

/** Who the caller is for the inbox: their unit (as a liaison), the programmes they supervise, what they may see. */
interface InboxScope {
  now: Date;
  liaisonUnit: string | null;
  supervisorId: string | null;
  instructions: repo.InstructionScope;
  visible: repo.TaskWhere;
  yesterday: string;
}

function scopeOf(ctx: AppContext, actor: Actor): InboxScope {
  const now = ctx.clock.now();
  const roles = new Set(actor.kind === 'user' ? actor.roles : []);
  const userId = actor.kind === 'user' ? actor.id : null;
  const liaisonUnit = actor.kind === 'user' && roles.has('liaison') ? actor.unitId : null;
  const supervisorId = roles.has('supervisor') ? userId : null;
  return {
    now,
    liaisonUnit,
    supervisorId,
    instructions: { unitId: liaisonUnit, supervisorId, authorId: roles.has('leader') ? userId : null, since: new Date(now.getTime() - INSTRUCTION_DAYS * 86_400_000) },
    // Overdue is about every task the caller can see, so the tasks module's own visibility scope answers it.
    visible: visibleTasksWhere(actor),
    yesterday: addDays(toLocalDate(now, TZ), -1),
  };
}

/** The clauses of the lists this caller has (a list they do not have is simply empty). */
function listsOf(s: InboxScope): CountedLists {
  return {
    tasks: {
      ...(s.liaisonUnit ? { toSign: repo.where.toSign(s.liaisonUnit) } : {}),
      overdue: repo.where.overdue(s.visible, OPEN_WORK, s.yesterday),
      ...(s.supervisorId
        ? {
            completionRequests: repo.where.completionRequests(s.supervisorId),
            extensionRequests: repo.where.extensionRequests(s.supervisorId),
            reassignRequests: repo.where.reassignRequests(s.supervisorId),
          }
        : {}),
    },
    reports: {
      ...(s.liaisonUnit ? { returned: repo.where.returned(s.liaisonUnit, REPORTABLE_STATES) } : {}),
      ...(s.supervisorId ? { reports: repo.where.toReview(s.supervisorId) } : {}),
    },
    instructions: repo.where.instructions(s.instructions),
  };
}

type OwedPeriod = ReportDue['periods'][number];

/** A reporting task of the unit, with what it takes to work out the periods it owes. */
interface DueCandidate {
  task: TaskItem;
  /** The earliest deadline among the periods still owed: the list's order. */
  firstDue: string;
  owed: () => OwedPeriod[];
}

/**
 * The reports the unit owes: every expected period up to today without a submitted or accepted report. The periods
 * come from each task's cadence (the core's rules), so the order is computed over the unit's reporting tasks rather
 * than read from an index; but only each task's earliest owed period is needed for that, and the full list of owed
 * periods is built for the tasks on the page alone. Reports are looked up by key, never searched.
 */
async function reportsDue(ctx: AppContext, unitId: string, now: Date): Promise<DueCandidate[]> {
  const { tasks, reports, locks } = await repo.reportingTasksOfUnit(ctx.db, unitId, REPORTING);
  const due: DueCandidate[] = [];
  for (const t of tasks) {
    const cadence = fromJson<Cadence>(t.cadenceJson);
    // The same start as the reminder rules: the signing date, else the planned start.
    const since = t.signedAt ? toLocalDate(new Date(t.signedAt), TZ) : t.startDate;
    if (!cadence || !since) continue;
    const periods = expectedPeriods(cadence, since, now, TZ, t.item.dueDate);
    const isOwed = (p: ReportingPeriod): boolean => {
      if (locks.has(`${t.item.programmeId}|${p.key}`)) return false;
      const r = reports.get(`${t.item.id}|${p.key}`);
      return !(r && (r.state === 'submitted' || r.state === 'accepted'));
    };
    const first = periods.find(isOwed);
    if (!first) continue;
    due.push({
      task: t.item,
      firstDue: first.dueDate,
      owed: () =>
        periods.filter(isOwed).map((p) => {
          const r = reports.get(`${t.item.id}|${p.key}`);
          return {
            key: p.key,
            start: p.start,
            end: p.end,
            dueDate: p.dueDate,
            overdue: now.getTime() >= p.dueAt.getTime(),
            reportId: r?.id ?? null,
            state: r ? (r.state as 'draft' | 'returned') : 'missing',
          };
        }),
    });
  }
  // Most pressing first: the earliest deadline among the periods still open.
  due.sort((a, b) => (a.firstDue < b.firstDue ? -1 : a.firstDue > b.firstDue ? 1 : a.task.id < b.task.id ? -1 : 1));
  return due;
}

/** The page after the cursor, its owed periods built now. */
function sliceDue(all: DueCandidate[], unitId: string, limit: number, after: After): Slice<ReportDue> {
  const start = after ? all.findIndex((d) => d.firstDue > after[0]! || (d.firstDue === after[0] && d.task.id > after[1]!)) : 0;
  const rest = start < 0 ? [] : all.slice(start);
  const page = rest.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((d) => ({ task: d.task, unitId, periods: d.owed() })),
    next: rest.length > limit && last ? repo.encodeCursor([last.firstDue, last.task.id]) : null,
  };
}

const KEY_LENGTHS: Record<InboxListName, number> = {
  toSign: repo.KEY_LENGTH.task,
  completionRequests: repo.KEY_LENGTH.task,
  extensionRequests: repo.KEY_LENGTH.task,
  reassignRequests: repo.KEY_LENGTH.task,
  overdue: repo.KEY_LENGTH.overdue,
  returned: repo.KEY_LENGTH.report,
  reports: repo.KEY_LENGTH.report,
  instructions: repo.KEY_LENGTH.instruction,
  toReport: 2,
};

type AnyItem = TaskItem | ReportItem | InstructionItem | ReportDue;

/** One page of one list for this caller; a list the caller does not have is empty. */
async function slicePage(ctx: AppContext, s: InboxScope, lists: CountedLists, name: InboxListName, limit: number, after: After): Promise<Slice<AnyItem>> {
  const empty = { items: [], next: null };
  switch (name) {
    case 'toReport':
      return s.liaisonUnit ? sliceDue(await reportsDue(ctx, s.liaisonUnit, s.now), s.liaisonUnit, limit, after) : empty;
    case 'overdue':
      return repo.taskSlice(ctx.db, lists.tasks.overdue!, limit, after, 'overdue');
    case 'toSign':
    case 'completionRequests':
    case 'extensionRequests':
    case 'reassignRequests': {
      const w = lists.tasks[name];
      return w ? repo.taskSlice(ctx.db, w, limit, after) : empty;
    }
    case 'returned':
    case 'reports': {
      const w = lists.reports[name];
      return w ? repo.reportSlice(ctx.db, w, name === 'reports' ? 'oldest' : 'newest', limit, after) : empty;
    }
    case 'instructions':
      return repo.instructionSlice(ctx.db, s.instructions, limit, after);
  }
}

/** Everything waiting for the caller: to sign, to report, returned, overdue, to review, recent instructions. */
/** `countCap`: where counting stops (the default everywhere but in tests, which cap low to see it happen). */
export async function getInbox(ctx: AppContext, actor: Actor, options: { countCap?: number } = {}): Promise<Inbox> {
  const cap = options.countCap ?? repo.INBOX_COUNT_CAP;
  requirePermission(actor, 'task.read');
  const s = scopeOf(ctx, actor);
  const lists = listsOf(s);
  const counts = await repo.inboxCounts(ctx.db, lists, cap);
  const page = async <T extends AnyItem>(name: Exclude<InboxListName, 'toReport'>): Promise<Page<T>> => {
    const first = (await slicePage(ctx, s, lists, name, INBOX_LIMIT, null)) as Slice<T>;
    const n = counts[name] ?? 0;
    return { total: Math.min(n, cap), totalCapped: n > cap, ...first };
  };
  const due = s.liaisonUnit ? await reportsDue(ctx, s.liaisonUnit, s.now) : [];
  const toReview = {
    reports: await page<ReportItem>('reports'),
    completionRequests: await page<TaskItem>('completionRequests'),
    extensionRequests: await page<TaskItem>('extensionRequests'),
    reassignRequests: await page<TaskItem>('reassignRequests'),
  };
  return {
    toSign: await page<TaskItem>('toSign'),
    toReport: { total: due.length, totalCapped: false, ...(s.liaisonUnit ? sliceDue(due, s.liaisonUnit, INBOX_LIMIT, null) : { items: [], next: null }) },
    returned: await page<ReportItem>('returned'),
    overdue: await page<TaskItem>('overdue'),
    toReview: {
      total: toReview.reports.total + toReview.completionRequests.total + toReview.extensionRequests.total + toReview.reassignRequests.total,
      ...toReview,
    },
    instructions: await page<InstructionItem>('instructions'),
  };
}

/** The page of one list after a cursor (from a page's `next`); 400 for a cursor this list did not make. */
export async function getInboxList(ctx: AppContext, actor: Actor, name: InboxListName, input: { after?: string; limit?: number }): Promise<{ list: InboxListName; items: AnyItem[]; next: string | null }> {
  requirePermission(actor, 'task.read');
  let after: After = null;
  if (input.after !== undefined) {
    after = repo.decodeCursor(input.after, KEY_LENGTHS[name]);
    if (!after) throw badRequest('invalid_cursor', 'query.after is not a cursor of this list');
  }
  const s = scopeOf(ctx, actor);
  const page = await slicePage(ctx, s, listsOf(s), name, input.limit ?? INBOX_LIMIT, after);
  return { list: name, ...page };
}
