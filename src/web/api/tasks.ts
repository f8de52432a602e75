/**
 * Tasks: the ledger (台账, paged for virtual scrolling), one task with its abilities, the timeline, lifecycle actions,
 * planning, milestones and leaders' instructions (批示).
 */
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { HealthColour } from '../../core/tasks/health.ts';
import { TASK_ACTIONS, TASK_STATES, type TaskAction, type TaskState } from '../../core/tasks/lifecycle.ts';
import { api } from './client.ts';
import { keys } from './keys.ts';
import type { Items, Locale } from './types.ts';

export { TASK_ACTIONS, TASK_STATES };
export type { HealthColour, TaskAction, TaskState };

/** Most severe first, as the server sorts them. */
export const HEALTH_COLOURS: readonly HealthColour[] = ['red', 'yellow', 'blue', 'green', 'grey', 'none'];

export type Cadence =
  | { kind: 'weekly' | 'monthly' | 'quarterly'; graceDays?: number }
  | { kind: 'custom'; dates: string[]; graceDays?: number };

export interface CoUnit {
  unitId: string;
  part: string | null;
}

export interface HealthReason {
  code: string;
  colour: string;
  params: Record<string, string | number>;
}

/** Mirrors `TaskResponse` of src/server/modules/tasks/tasks.presenter.ts. */
export interface Task {
  id: string;
  programmeId: string;
  parentId: string | null;
  areaId: string;
  depth: number;
  kind: string;
  ordinal: number;
  label: string | null;
  title: string;
  description: string | null;
  source: { documentId: string; start: number; end: number } | null;
  /** Clauses of the source that elaborate the task, with their spans. */
  keyPoints: Array<{ text: string; span: [number, number] }>;
  state: TaskState;
  leadUnitId: string | null;
  coUnits: CoUnit[];
  ownerUserId: string | null;
  startDate: string | null;
  dueDate: string | null;
  cadence: Cadence | null;
  weight: number;
  progress: number;
  tags: string[];
  reviewDate: string | null;
  completionRequestedBy: string | null;
  pendingExtension: { newDueDate: string; requestedBy: string; reason: string } | null;
  /** The last decision on an extension request: who, when, why, and the dates. */
  lastExtensionDecision: ExtensionDecision | null;
  /** How the task was closed (销号); null while open. */
  closure: Closure | null;
  health: HealthColour;
  healthSummary: Record<Locale, string> | null;
  healthReasons: HealthReason[];
  assignedAt: string | null;
  signedAt: string | null;
  closedAt: string | null;
  updatedAt: string;
  version: number;
}

export interface ExtensionDecision {
  decision: 'approved' | 'refused';
  decidedBy: string;
  decidedByName: string | null;
  at: string;
  reason: string | null;
  requestedBy: string;
  requestedDueDate: string;
  previousDueDate: string | null;
  newDueDate: string | null;
}

export interface Closure {
  closedBy: string;
  closedByName: string | null;
  at: string;
  reason: string | null;
  progress: number;
  finalReportAccepted: boolean;
}

export interface ActionAbility {
  allowed: boolean;
  /** Why not, as the state machine says it (`children_open`, `evidence_required`, `forbidden`, …). */
  code?: string;
  /** On an allowed 销号 that needs a stated reason, and why (`progress_below_100`, `final_report_not_accepted`). */
  reasonRequired?: boolean;
  because?: string[];
}

export interface TaskAbilities {
  actions: Record<TaskAction, ActionAbility>;
  plan: boolean;
  report: boolean;
  review: boolean;
  instruct: boolean;
  remind: boolean;
  /** Tick a milestone done (the lead unit's liaison, or a supervisor; not on a closed task). */
  markMilestones: boolean;
}

export interface Milestone {
  id: string;
  taskId: string;
  ordinal: number;
  title: string;
  dueDate: string;
  done: boolean;
  doneAt: string | null;
  version: number;
}

export interface TaskDetail {
  task: Task;
  milestones: Milestone[];
  path: Array<{ id: string; label: string | null; title: string }>;
  children: Task[];
  supervisorIds: string[];
  abilities: TaskAbilities;
}

export interface TimelineItem {
  at: string;
  kind: 'transition' | 'report' | 'instruction' | 'notice' | string;
  action: string;
  actorId: string | null;
  /** The actor's display name, resolved by the server (null for the system, or a user since removed). */
  actorName: string | null;
  fromState: string | null;
  toState: string | null;
  reason: string | null;
  data: unknown;
}

export const LEDGER_SORTS = ['ordinal', 'due', 'health', 'updated', 'progress', 'title'] as const;
export type LedgerSort = (typeof LEDGER_SORTS)[number];

export interface LedgerFilter {
  programmeId?: string;
  areaId?: string;
  unitId?: string;
  health?: HealthColour[];
  state?: TaskState[];
  tag?: string;
  dueFrom?: string;
  dueTo?: string;
  q?: string;
  /** Levels of the programme tree: work areas, tasks, sub-tasks (all when absent). */
  kind?: TaskKind[];
  sort?: LedgerSort;
  order?: 'asc' | 'desc';
}

export const TASK_KINDS = ['area', 'task', 'subtask'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export const LEDGER_PAGE_SIZE = 100;

/**
 * For a task page's sections: the page itself asks for the task's data when it opens (its observers refetch on
 * mount); the sections, mounted a moment later on the same cache entries, need not ask again.
 */
export interface SectionQueryOptions {
  refetchOnMount?: boolean;
}

const csv = (values: readonly string[] | undefined) => (values?.length ? values.join(',') : undefined);

/** The ledger's filter as query parameters (also what the exports send, so they list the same rows). */
export function ledgerQuery(f: LedgerFilter) {
  return { ...f, health: csv(f.health), state: csv(f.state), kind: csv(f.kind) };
}

/** Refreshes everything a lifecycle action or a report change can move: tasks, the inbox, programme counts. */
export function invalidateLoop(qc: QueryClient): Promise<unknown> {
  return Promise.all([
    qc.invalidateQueries({ queryKey: keys.tasks }),
    qc.invalidateQueries({ queryKey: keys.inbox }),
    qc.invalidateQueries({ queryKey: keys.programmes }),
  ]);
}

/** The ledger, page by page (limit/offset) for a virtual list; `total` comes with the first page (once per filter). */
export function useLedger(filter: LedgerFilter) {
  return useInfiniteQuery({
    queryKey: keys.taskList(filter),
    queryFn: ({ pageParam, signal }) =>
      api.get<{ items: Task[]; total?: number; hasMore: boolean }>('/api/v1/tasks', { ...ledgerQuery(filter), limit: LEDGER_PAGE_SIZE, offset: pageParam }, signal),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => (last.items.length > 0 && last.hasMore ? pages.reduce((n, p) => n + p.items.length, 0) : undefined),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

/** The work areas (方面) of a programme, or of every visible programme, for the ledger's filter. */
export function useAreas(programmeId: string | undefined) {
  const filter = { programmeId, kind: 'area', sort: 'ordinal', limit: 500 };
  return useQuery({
    queryKey: keys.taskList(filter),
    queryFn: ({ signal }) => api.get<{ items: Task[]; total?: number; hasMore: boolean }>('/api/v1/tasks', filter, signal),
    staleTime: 60_000,
  });
}

export function useTask(id: string) {
  return useQuery({
    queryKey: keys.task(id),
    queryFn: ({ signal }) => api.get<TaskDetail>(`/api/v1/tasks/${encodeURIComponent(id)}`, undefined, signal),
    // Other people move a task along (sign, review, close): opening its page always asks again.
    staleTime: 0,
    refetchOnWindowFocus: true,
  });
}

/** Fetches one task's detail through the cache (for inline actions that need the current version). */
export function fetchTask(qc: QueryClient, id: string): Promise<TaskDetail> {
  return qc.fetchQuery({
    queryKey: keys.task(id),
    queryFn: ({ signal }) => api.get<TaskDetail>(`/api/v1/tasks/${encodeURIComponent(id)}`, undefined, signal),
    staleTime: 0,
  });
}

export function useTimeline(id: string, options: SectionQueryOptions = {}) {
  return useQuery({
    queryKey: keys.taskTimeline(id),
    queryFn: ({ signal }) => api.get<Items<TimelineItem>>(`/api/v1/tasks/${encodeURIComponent(id)}/timeline`, undefined, signal),
    staleTime: 0,
    refetchOnMount: options.refetchOnMount ?? true,
    refetchOnWindowFocus: true,
  });
}

export interface TransitionInput {
  action: TaskAction;
  version: number;
  reason?: string;
  reviewDate?: string;
  newDueDate?: string;
  leadUnitId?: string;
  coUnits?: CoUnit[];
  ownerUserId?: string | null;
  dueDate?: string | null;
  /** assign / reassign: the reporting cadence, set in the same request (null clears it). */
  cadence?: Cadence | null;
}

/** Mutations of the loop refresh the loop, also after a failure: a 409 means our copy is stale. */
function useLoopMutation<I, O>(fn: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => invalidateLoop(qc) });
}

/** A single-task write's answer: the task with the caller's abilities on it now. */
export type TaskWithAbilities = Task & { abilities: TaskAbilities };

/** `POST /api/v1/tasks/:id/transitions`: one lifecycle action. */
export const useTransition = () =>
  useLoopMutation(({ taskId, ...input }: TransitionInput & { taskId: string }) =>
    api.post<TaskWithAbilities>(`/api/v1/tasks/${encodeURIComponent(taskId)}/transitions`, input));

export interface TaskPlanPatch {
  version: number;
  title?: string;
  description?: string | null;
  leadUnitId?: string | null;
  coUnits?: CoUnit[];
  ownerUserId?: string | null;
  startDate?: string | null;
  dueDate?: string | null;
  cadence?: Cadence | null;
  weight?: number;
  tags?: string[];
}

export const usePatchTask = () =>
  useLoopMutation(({ taskId, ...patch }: TaskPlanPatch & { taskId: string }) =>
    api.patch<TaskWithAbilities>(`/api/v1/tasks/${encodeURIComponent(taskId)}`, patch));

export const useAddMilestone = () =>
  useLoopMutation(({ taskId, ...input }: { taskId: string; title: string; dueDate: string }) =>
    api.post<Milestone>(`/api/v1/tasks/${encodeURIComponent(taskId)}/milestones`, input));

export const useUpdateMilestone = () =>
  useLoopMutation(({ id, ...input }: { id: string; version: number; title?: string; dueDate?: string; done?: boolean }) =>
    api.patch<Milestone>(`/api/v1/milestones/${encodeURIComponent(id)}`, input));

export const useDeleteMilestone = () =>
  useLoopMutation(({ id, version }: { id: string; version: number }) => api.delete(`/api/v1/milestones/${encodeURIComponent(id)}?version=${version}`));

export interface Instruction {
  id: string;
  taskId: string;
  reportId: string | null;
  authorId: string;
  text: string;
  createdAt: string;
}

/** `POST /api/v1/tasks/:id/instructions`: a leader's 批示 on the task or on one of its reports. */
export const useCreateInstruction = () =>
  useLoopMutation(({ taskId, ...input }: { taskId: string; text: string; reportId?: string | null }) =>
    api.post<Instruction>(`/api/v1/tasks/${encodeURIComponent(taskId)}/instructions`, input));
