/**
 * Tasks: the ledger (台账, paged for virtual scrolling), one task with its abilities, the timeline, lifecycle actions,
 * planning, milestones and leaders' instructions (批示).
 */
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { HEALTH_COLOURS, type HealthColour } from '../../core/tasks/health.ts';
import { TASK_ACTIONS, TASK_KINDS, TASK_STATES, type TaskAction, type TaskKind, type TaskState } from '../../core/tasks/lifecycle.ts';
import type {
  AbilitiesResponse, ActionAbilityResponse, CadenceResponse, ClosureResponse, CoUnitResponse, ExtensionDecisionResponse, HealthReasonResponse,
  LedgerResponse, LedgerSort, MilestoneResponse, TaskDetailResponse, TaskResponse, TaskWithAbilitiesResponse, TransitionBody, UpdateTaskBody,
} from '../../contract/tasks.ts';
import type { CreateInstructionBody, InstructionResponse } from '../../contract/instructions.ts';
import type { TimelineItemResponse } from '../../contract/timeline.ts';
import { call } from './client.ts';
import { fieldsOf } from './fields.ts';
import { keys } from './keys.ts';

export { HEALTH_COLOURS, TASK_ACTIONS, TASK_KINDS, TASK_STATES };
export type { HealthColour, LedgerSort, TaskAction, TaskKind, TaskState };

export type {
  AbilitiesResponse as TaskAbilities,
  ActionAbilityResponse as ActionAbility,
  CadenceResponse as Cadence,
  ClosureResponse as Closure,
  CoUnitResponse as CoUnit,
  ExtensionDecisionResponse as ExtensionDecision,
  HealthReasonResponse as HealthReason,
  MilestoneResponse as Milestone,
  TaskDetailResponse as TaskDetail,
  TaskResponse as Task,
} from '../../contract/tasks.ts';
export type { TimelineItemResponse as TimelineItem } from '../../contract/timeline.ts';
export type { InstructionResponse as Instruction } from '../../contract/instructions.ts';

/** The ledger's sort keys, in the order the UI offers them. */
export const LEDGER_SORTS = ['ordinal', 'due', 'health', 'updated', 'progress', 'title'] as const satisfies readonly LedgerSort[];

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
    queryFn: ({ pageParam, signal }) => call('GET /api/v1/tasks', { query: { ...ledgerQuery(filter), limit: LEDGER_PAGE_SIZE, offset: pageParam }, signal }),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => (last.items.length > 0 && last.hasMore ? pages.reduce((n, p) => n + p.items.length, 0) : undefined),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

/** The work areas (方面) of a programme, or of every visible programme, for the ledger's filter. */
export function useAreas(programmeId: string | undefined) {
  const filter = { programmeId, kind: 'area', sort: 'ordinal' as const, limit: 500 };
  return useQuery({
    queryKey: keys.taskList(filter),
    queryFn: ({ signal }) => call('GET /api/v1/tasks', { query: filter, signal }),
    staleTime: 60_000,
  });
}

export function useTask(id: string) {
  return useQuery({
    queryKey: keys.task(id),
    queryFn: ({ signal }) => call('GET /api/v1/tasks/:id', { params: { id }, signal }),
    // Other people move a task along (sign, review, close): opening its page always asks again.
    staleTime: 0,
    refetchOnWindowFocus: true,
  });
}

/** Fetches one task's detail through the cache (for inline actions that need the current version). */
export function fetchTask(qc: QueryClient, id: string) {
  return qc.fetchQuery({
    queryKey: keys.task(id),
    queryFn: ({ signal }) => call('GET /api/v1/tasks/:id', { params: { id }, signal }),
    staleTime: 0,
  });
}

export function useTimeline(id: string, options: SectionQueryOptions = {}) {
  return useQuery({
    queryKey: keys.taskTimeline(id),
    queryFn: ({ signal }) => call('GET /api/v1/tasks/:id/timeline', { params: { id }, signal }),
    staleTime: 0,
    refetchOnMount: options.refetchOnMount ?? true,
    refetchOnWindowFocus: true,
  });
}

export type TransitionInput = TransitionBody;

/** Mutations of the loop refresh the loop, also after a failure: a 409 means our copy is stale. */
function useLoopMutation<I, O>(fn: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => invalidateLoop(qc) });
}

/** A single-task write's answer: the task with the caller's abilities on it now. */
export type TaskWithAbilities = TaskWithAbilitiesResponse;

/** `POST /api/v1/tasks/:id/transitions`: one lifecycle action. */
export const useTransition = () =>
  useLoopMutation(({ taskId, ...input }: TransitionInput & { taskId: string }) =>
    call('POST /api/v1/tasks/:id/transitions', { params: { id: taskId }, body: input }));

export type TaskPlanPatch = UpdateTaskBody;

export const usePatchTask = () =>
  useLoopMutation(({ taskId, ...patch }: TaskPlanPatch & { taskId: string }) =>
    call('PATCH /api/v1/tasks/:id', { params: { id: taskId }, body: patch }));

export const useAddMilestone = () =>
  useLoopMutation(({ taskId, ...input }: { taskId: string; title: string; dueDate: string }) =>
    call('POST /api/v1/tasks/:id/milestones', { params: { id: taskId }, body: input }));

export const useUpdateMilestone = () =>
  useLoopMutation(({ id, ...input }: { id: string; version: number; title?: string; dueDate?: string; done?: boolean }) =>
    call('PATCH /api/v1/milestones/:id', { params: { id }, body: input }));

export const useDeleteMilestone = () =>
  useLoopMutation(({ id, version }: { id: string; version: number }) => call('DELETE /api/v1/milestones/:id', { params: { id }, query: { version } }));

/** `POST /api/v1/tasks/:id/instructions`: a leader's 批示 on the task or on one of its reports. */
export const useCreateInstruction = () =>
  useLoopMutation(({ taskId, ...input }: CreateInstructionBody & { taskId: string }) =>
    call('POST /api/v1/tasks/:id/instructions', { params: { id: taskId }, body: input }));

// What the UI reads of the answers fetched here (see fields.ts): a field the contract adds fails the build until listed.
export const ledgerFields = fieldsOf<LedgerResponse>()({ items: 'shown', total: 'shown', hasMore: 'shown' });
export const taskFields = fieldsOf<TaskResponse>()({
  id: 'shown', programmeId: 'shown', parentId: 'shown', areaId: 'shown', depth: 'shown', kind: 'shown', ordinal: 'shown', label: 'shown',
  title: 'shown', description: 'shown', source: 'shown', state: 'shown', leadUnitId: 'shown', coUnits: 'shown', ownerUserId: 'shown',
  startDate: 'shown', dueDate: 'shown', cadence: 'shown', weight: 'shown', progress: 'shown', tags: 'shown', targets: 'shown', keyPoints: 'shown',
  reviewDate: 'shown', completionRequestedBy: 'shown', pendingExtension: 'shown', lastExtensionDecision: 'shown', closure: 'shown',
  taskType: 'ignored', findingId: 'ignored', health: 'shown', healthSummary: 'shown', healthReasons: 'shown', assignedAt: 'shown', signedAt: 'shown',
  closedAt: 'shown', updatedAt: 'shown', version: 'shown',
});
export const coUnitFields = fieldsOf<CoUnitResponse>()({ unitId: 'shown', part: 'shown' });
export const cadenceFields = fieldsOf<CadenceResponse>()({ kind: 'shown', graceDays: 'shown', dates: 'shown' });
export const extensionDecisionFields = fieldsOf<ExtensionDecisionResponse>()({
  decision: 'shown', decidedBy: 'shown', decidedByName: 'shown', at: 'shown', reason: 'shown', requestedBy: 'ignored', requestedDueDate: 'shown',
  previousDueDate: 'shown', newDueDate: 'shown',
});
export const closureFields = fieldsOf<ClosureResponse>()({
  closedBy: 'shown', closedByName: 'shown', at: 'shown', reason: 'shown', progress: 'shown', finalReportAccepted: 'shown',
});
export const healthReasonFields = fieldsOf<HealthReasonResponse>()({ code: 'shown', colour: 'shown', params: 'shown' });
export const taskDetailFields = fieldsOf<TaskDetailResponse>()({
  task: 'shown', milestones: 'shown', path: 'shown', children: 'shown', supervisorIds: 'shown', abilities: 'shown',
});
export const milestoneFields = fieldsOf<MilestoneResponse>()({
  id: 'shown', taskId: 'ignored', ordinal: 'shown', title: 'shown', dueDate: 'shown', done: 'shown', doneAt: 'shown', version: 'shown',
});
export const abilitiesFields = fieldsOf<AbilitiesResponse>()({
  actions: 'shown', plan: 'shown', report: 'shown', review: 'shown', instruct: 'shown', remind: 'shown', markMilestones: 'shown',
});
export const actionAbilityFields = fieldsOf<ActionAbilityResponse>()({ allowed: 'shown', code: 'shown', reasonRequired: 'shown', because: 'shown' });
export const timelineItemFields = fieldsOf<TimelineItemResponse>()({
  at: 'shown', kind: 'shown', action: 'shown', actorId: 'shown', actorName: 'shown', fromState: 'shown', toState: 'shown', reason: 'shown',
  data: 'shown',
});
export const taskWithAbilitiesFields = fieldsOf<TaskWithAbilitiesResponse>()({
  id: 'shown', programmeId: 'shown', parentId: 'shown', areaId: 'shown', depth: 'shown', kind: 'shown', ordinal: 'shown', label: 'shown',
  title: 'shown', description: 'shown', source: 'shown', state: 'shown', leadUnitId: 'shown', coUnits: 'shown', ownerUserId: 'shown',
  startDate: 'shown', dueDate: 'shown', cadence: 'shown', weight: 'shown', progress: 'shown', tags: 'shown', targets: 'shown', keyPoints: 'shown',
  reviewDate: 'shown', completionRequestedBy: 'shown', pendingExtension: 'shown', lastExtensionDecision: 'shown', closure: 'shown',
  taskType: 'ignored', findingId: 'ignored', health: 'shown', healthSummary: 'shown', healthReasons: 'shown', assignedAt: 'shown', signedAt: 'shown',
  closedAt: 'shown', updatedAt: 'shown', version: 'shown', abilities: 'shown',
});
export const instructionFields = fieldsOf<InstructionResponse>()({
  id: 'shown', taskId: 'ignored', reportId: 'shown', authorId: 'ignored', text: 'shown', createdAt: 'shown',
});
