/**
 * The task state machine of the closed loop: 交办 → 签收 → 承办 → 申请办结 → 销号, with reassignment, 挂账 and 延期.
 * Pure: the server loads the facts, calls `transition`, then writes the effects and the audit event in one
 * transaction. See docs/lifecycle.md for the diagram and the role table.
 */
import { DEFAULT_TZ, isIsoDate, toLocalDate, type IsoDate } from '../time.ts';

export const TASK_STATES = [
  'draft',
  'assigned',
  'signed',
  'reassign_requested',
  'in_progress',
  'completion_requested',
  'suspended',
  'closed',
] as const;
export type TaskState = (typeof TASK_STATES)[number];

/** The levels of a programme's tree: work areas (方面), tasks, sub-tasks. */
export const TASK_KINDS = ['area', 'task', 'subtask'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export const TASK_ACTIONS = [
  'assign',
  'sign',
  'requestReassign',
  'reassign',
  'start',
  'requestCompletion',
  'returnCompletion',
  'close',
  'suspend',
  'resume',
  'reopen',
  'requestExtension',
  'approveExtension',
  'refuseExtension',
] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

export const CAPACITIES = ['supervisor', 'leadLiaison', 'coLiaison', 'leader', 'admin'] as const;
/** What the actor is *with respect to this task*: supervisor of its programme, liaison of its lead or a co-unit, … */
export type Capacity = (typeof CAPACITIES)[number];

/** States a task can be suspended from, and so resumed to. */
export type SuspendableState = Exclude<TaskState, 'draft' | 'suspended' | 'closed'>;

/** An extension (延期) request waiting for a decision; the task keeps working meanwhile. */
export interface PendingExtension {
  newDueDate: IsoDate;
  requestedBy: string;
  reason: string;
}

/** A decision on an extension request, kept on the task so its answer says who decided, when and why. */
export interface ExtensionDecision {
  decision: 'approved' | 'refused';
  decidedBy: string;
  /** ISO-8601 instant of the decision. */
  at: string;
  /** Optional for an approval, required for a refusal. */
  reason: string | null;
  requestedBy: string;
  requestedDueDate: IsoDate;
  /** The deadline before the decision. */
  previousDueDate: IsoDate | null;
  /** The deadline granted (approvals only; may be later than the one asked for). */
  newDueDate: IsoDate | null;
}

/** How a task was closed (销号): what the supervisor saw, and their reason when the evidence fell short. */
export interface Closure {
  closedBy: string;
  at: string;
  reason: string | null;
  /** The task's progress when closed, 0–100. */
  progress: number;
  finalReportAccepted: boolean;
}

/**
 * How strict a programme is about finishing work. `strict` (the default): 申请办结 needs a final report, and 销号
 * below 100 % or without an accepted final report needs a stated reason. `lenient`: an accepted report is enough
 * to ask, and the reason is optional.
 */
export type CompletionPolicy = 'strict' | 'lenient';
export const COMPLETION_POLICIES: readonly CompletionPolicy[] = ['strict', 'lenient'];

/** Where the task's final report (`final: true`) stands: none, waiting for review, or accepted. */
export type FinalReportStanding = 'none' | 'submitted' | 'accepted';

/** The units a task is handed to. */
export interface UnitAssignment {
  leadUnitId: string;
  coUnitIds: readonly string[];
}

/** Facts about the task and the actor that the rules look at, loaded by the server in the same transaction. */
export interface TaskGuards {
  actorId: string;
  /** Open (not closed) descendants; a parent cannot be closed or declared done over open children. */
  openChildren: number;
  hasAcceptedReport: boolean;
  /** An accepted report that carries at least one evidence file (佐证材料). */
  hasAcceptedEvidence: boolean;
  completionRequestedBy: string | null;
  suspendedFrom: SuspendableState | null;
  pendingExtension: PendingExtension | null;
  dueDate: IsoDate | null;
  hasLeadUnit: boolean;
  /** The lead unit's final report; absent means none. */
  finalReport?: FinalReportStanding;
  /** The task's rolled-up progress, 0–100; absent means 0. */
  progress?: number;
  /** The programme's completion policy; absent means strict. */
  completionPolicy?: CompletionPolicy;
}

/** Everything `transition` needs; action parameters are optional and checked per action. */
export interface TransitionInput {
  action: TaskAction;
  from: TaskState;
  capacities: ReadonlySet<Capacity>;
  guards: TaskGuards;
  /** Only used to check that a suspension's review date lies in the future. */
  now: Date;
  tz?: string;
  reason?: string;
  reviewDate?: string;
  /** requestExtension: the date asked for; approveExtension: optionally a different (still later) date granted. */
  newDueDate?: string;
  /** reassign (required) and assign (optional when the draft already has a lead unit). */
  units?: UnitAssignment;
  /**
   * assign / reassign: the deadline set in the same request (null clears it, which 交办 refuses); absent keeps
   * the task's own.
   */
  dueDate?: string | null;
}

/** Audit event names, `resource.past_tense`. */
export type TaskEventType =
  | 'task.assigned'
  | 'task.signed'
  | 'task.reassign_requested'
  | 'task.reassigned'
  | 'task.started'
  | 'task.completion_requested'
  | 'task.completion_returned'
  | 'task.closed'
  | 'task.suspended'
  | 'task.resumed'
  | 'task.reopened'
  | 'task.extension_requested'
  | 'task.extension_approved'
  | 'task.extension_refused';

/** Changes to write besides the state. A present key means "set to this value" (null clears); absent means keep. */
export interface TaskEffects {
  completionRequestedBy?: string | null;
  suspendedFrom?: SuspendableState | null;
  reviewDate?: IsoDate | null;
  dueDate?: IsoDate;
  pendingExtension?: PendingExtension | null;
  units?: UnitAssignment;
  lastExtensionDecision?: ExtensionDecision;
  closure?: Closure | null;
}

export const TRANSITION_ERROR_CODES = [
  'forbidden',
  'self_review',
  'invalid_transition',
  'lead_unit_required',
  'children_open',
  'evidence_required',
  'report_required',
  'final_report_required',
  'extension_pending',
  'no_extension_pending',
  'no_due_date',
  'resume_state_unknown',
  'reason_required',
  'review_date_required',
  'review_date_invalid',
  'due_date_required',
  'due_date_invalid',
  'due_date_not_later',
  'due_date_in_past',
  'close_reason_required',
  'units_required',
  'units_invalid',
] as const;
export type TransitionErrorCode = (typeof TRANSITION_ERROR_CODES)[number];

/** How the server should answer each code: forbidden → 403, conflict (task data) → 409, invalid (input) → 400. */
export const transitionErrorKind: Readonly<Record<TransitionErrorCode, 'forbidden' | 'conflict' | 'invalid'>> = {
  forbidden: 'forbidden',
  self_review: 'forbidden',
  invalid_transition: 'conflict',
  // A missing lead unit is a missing field of the 交办 request (the dialog names one), not a fact of the task.
  lead_unit_required: 'invalid',
  children_open: 'conflict',
  evidence_required: 'conflict',
  report_required: 'conflict',
  final_report_required: 'conflict',
  extension_pending: 'conflict',
  no_extension_pending: 'conflict',
  no_due_date: 'conflict',
  resume_state_unknown: 'conflict',
  reason_required: 'invalid',
  review_date_required: 'invalid',
  review_date_invalid: 'invalid',
  due_date_required: 'invalid',
  due_date_invalid: 'invalid',
  due_date_not_later: 'invalid',
  due_date_in_past: 'invalid',
  close_reason_required: 'invalid',
  units_required: 'invalid',
  units_invalid: 'invalid',
};

/** A refusal; `field` names the request field at fault when there is one (`leadUnitId`, `dueDate`, `reason` …). */
export type TransitionFailure = { ok: false; code: TransitionErrorCode; message: string; field?: string };
export type TransitionResult =
  | { ok: true; to: TaskState; event: TaskEventType; effects: TaskEffects; reason: string | null }
  | TransitionFailure;

interface Rule {
  from: readonly TaskState[];
  by: readonly Capacity[];
  event: TaskEventType;
}

// `admin` administers accounts and units (see src/core/permissions.ts) and takes no part in the loop: whoever
// can create users must not also be able to close the work those users report on.
const SUPERVISE: readonly Capacity[] = ['supervisor'];
// Decisions a leader's 批示 may also take: granting more time, or reopening work declared done.
const DECIDE: readonly Capacity[] = ['supervisor', 'leader'];
const UNIT: readonly Capacity[] = ['leadLiaison'];
const BEFORE_CLOSE: readonly TaskState[] = [
  'assigned',
  'signed',
  'reassign_requested',
  'in_progress',
  'completion_requested',
  'suspended',
];

const RULES: Readonly<Record<TaskAction, Rule>> = {
  assign: { from: ['draft'], by: SUPERVISE, event: 'task.assigned' },
  sign: { from: ['assigned'], by: UNIT, event: 'task.signed' },
  requestReassign: { from: ['assigned'], by: UNIT, event: 'task.reassign_requested' },
  reassign: { from: BEFORE_CLOSE, by: SUPERVISE, event: 'task.reassigned' },
  start: { from: ['signed'], by: UNIT, event: 'task.started' },
  requestCompletion: { from: ['in_progress'], by: UNIT, event: 'task.completion_requested' },
  returnCompletion: { from: ['completion_requested'], by: SUPERVISE, event: 'task.completion_returned' },
  close: { from: ['completion_requested'], by: SUPERVISE, event: 'task.closed' },
  suspend: {
    from: ['assigned', 'signed', 'reassign_requested', 'in_progress', 'completion_requested'],
    by: SUPERVISE,
    event: 'task.suspended',
  },
  resume: { from: ['suspended'], by: SUPERVISE, event: 'task.resumed' },
  reopen: { from: ['closed'], by: DECIDE, event: 'task.reopened' },
  requestExtension: { from: ['signed', 'in_progress'], by: UNIT, event: 'task.extension_requested' },
  approveExtension: {
    from: ['signed', 'in_progress', 'completion_requested', 'suspended'],
    by: DECIDE,
    event: 'task.extension_approved',
  },
  refuseExtension: {
    from: ['signed', 'in_progress', 'completion_requested', 'suspended'],
    by: DECIDE,
    event: 'task.extension_refused',
  },
};

const REASON_REQUIRED: ReadonlySet<TaskAction> = new Set<TaskAction>([
  'requestReassign',
  'returnCompletion',
  'suspend',
  'reopen',
  'requestExtension',
  'refuseExtension',
]);

/** Source states and capacities of an action, for docs and tests. */
export function actionRule(action: TaskAction): { from: readonly TaskState[]; by: readonly Capacity[] } {
  const rule = RULES[action];
  return { from: rule.from, by: rule.by };
}

function fail(code: TransitionErrorCode, message: string, field?: string): TransitionFailure {
  return field ? { ok: false, code, message, field } : { ok: false, code, message };
}

function hasAny(capacities: ReadonlySet<Capacity>, allowed: readonly Capacity[]): boolean {
  return allowed.some((c) => capacities.has(c));
}

// String.prototype.trim strips U+3000 (全角空格) too, so a reason of only ideographic spaces counts as empty.
function cleanReason(reason: string | undefined): string | null {
  const r = reason?.trim() ?? '';
  return r === '' ? null : r;
}

/** Checks that do not depend on the action's parameters: who, from where, and the task's facts. */
function checkStanding(
  action: TaskAction,
  from: TaskState,
  capacities: ReadonlySet<Capacity>,
  g: TaskGuards,
): TransitionFailure | null {
  const rule = RULES[action];
  // Authorization first, as in the request flow: "you may never do this" is a different answer from "not now".
  if (!hasAny(capacities, rule.by)) return fail('forbidden', `${action} requires one of: ${rule.by.join(', ')}`);
  if (!rule.from.includes(from)) return fail('invalid_transition', `cannot ${action} a task that is ${from}`);
  switch (action) {
    case 'requestCompletion':
      if ((g.completionPolicy ?? 'strict') === 'strict') {
        // The final report (总结 with evidence) is what the supervisor verifies; it may still be waiting for review.
        if ((g.finalReport ?? 'none') === 'none') return fail('final_report_required', 'completion needs a submitted final report with a summary and evidence');
      } else if (!g.hasAcceptedReport) {
        return fail('report_required', 'completion needs at least one accepted report');
      }
      // Asking for 办结 over open sub-tasks only produces a request the supervisor cannot grant.
      if (g.openChildren > 0) return fail('children_open', `${g.openChildren} sub-task(s) are still open`);
      return null;
    case 'close':
      if (g.openChildren > 0) return fail('children_open', `${g.openChildren} sub-task(s) are still open`);
      if (!g.hasAcceptedEvidence) return fail('evidence_required', 'closing needs an accepted report with evidence');
      // 销号 is a second pair of eyes: whoever asked for completion cannot also grant it.
      if (g.completionRequestedBy !== null && g.completionRequestedBy === g.actorId) {
        return fail('self_review', 'the person who requested completion cannot close the task');
      }
      return null;
    case 'resume':
      if (g.suspendedFrom === null) return fail('resume_state_unknown', 'the state before suspension was not recorded; reassign instead');
      return null;
    case 'requestExtension':
      if (g.pendingExtension !== null) return fail('extension_pending', 'an extension request is already waiting');
      if (g.dueDate === null) return fail('no_due_date', 'the task has no deadline to extend');
      return null;
    case 'approveExtension':
    case 'refuseExtension':
      if (g.pendingExtension === null) return fail('no_extension_pending', 'there is no extension request to decide');
      if (g.pendingExtension.requestedBy === g.actorId) {
        return fail('self_review', 'the person who requested the extension cannot decide it');
      }
      return null;
    default:
      return null;
  }
}

function checkUnits(units: UnitAssignment | undefined): TransitionFailure | null {
  if (!units) return fail('units_required', 'the new lead unit is required', 'leadUnitId');
  if (units.leadUnitId.trim() === '') return fail('units_required', 'the new lead unit is required', 'leadUnitId');
  if (new Set(units.coUnitIds).size !== units.coUnitIds.length) return fail('units_invalid', 'co-units are listed twice', 'coUnits');
  if (units.coUnitIds.includes(units.leadUnitId)) return fail('units_invalid', 'the lead unit cannot also be a co-unit', 'coUnits');
  return null;
}

/** Applies one action to a task; never throws for a refused action, returns a stable error code instead. */
export function transition(input: TransitionInput): TransitionResult {
  const { action, from, capacities, guards: g } = input;
  const standing = checkStanding(action, from, capacities, g);
  if (standing) return standing;

  const reason = cleanReason(input.reason);
  if (REASON_REQUIRED.has(action) && reason === null) return fail('reason_required', `${action} requires a reason`, 'reason');

  const rule = RULES[action];
  const ok = (to: TaskState, effects: TaskEffects = {}): TransitionResult => ({
    ok: true,
    to,
    event: rule.event,
    effects,
    reason,
  });

  switch (action) {
    case 'assign': {
      if (input.units) {
        const bad = checkUnits(input.units) ?? checkDeadline(input, g);
        if (bad) return bad;
        return ok('assigned', { units: input.units });
      }
      if (!g.hasLeadUnit) return fail('lead_unit_required', 'a task is assigned to a lead unit', 'leadUnitId');
      const late = checkDeadline(input, g);
      if (late) return late;
      return ok('assigned');
    }
    case 'reassign': {
      const bad = checkUnits(input.units) ?? checkDeadline(input, g);
      if (bad) return bad;
      // A fresh assignment starts a fresh loop: the old unit's pending requests and parking no longer apply.
      return ok('assigned', {
        units: input.units,
        completionRequestedBy: null,
        suspendedFrom: null,
        reviewDate: null,
        pendingExtension: null,
      });
    }
    case 'requestCompletion':
      return ok('completion_requested', { completionRequestedBy: g.actorId });
    case 'returnCompletion':
      return ok('in_progress', { completionRequestedBy: null });
    case 'close': {
      const needs = closeNeedsReason(g);
      if (needs.required && reason === null) {
        return fail('close_reason_required', `closing needs a reason: ${needs.because.join(', ')}`, 'reason');
      }
      const closure: Closure = {
        closedBy: g.actorId,
        at: input.now.toISOString(),
        reason,
        progress: clampProgress(g.progress),
        finalReportAccepted: g.finalReport === 'accepted',
      };
      return ok('closed', { pendingExtension: null, closure });
    }
    case 'suspend': {
      const rd = input.reviewDate;
      if (rd === undefined || rd.trim() === '') return fail('review_date_required', 'a suspension needs a review date', 'reviewDate');
      if (!isIsoDate(rd)) return fail('review_date_invalid', 'the review date must be YYYY-MM-DD', 'reviewDate');
      const today = toLocalDate(input.now, input.tz ?? DEFAULT_TZ);
      if (rd <= today) return fail('review_date_invalid', 'the review date must be after today', 'reviewDate');
      return ok('suspended', { suspendedFrom: from as SuspendableState, reviewDate: rd });
    }
    case 'resume':
      // checkStanding guarantees suspendedFrom is set.
      return ok(g.suspendedFrom ?? 'in_progress', { suspendedFrom: null, reviewDate: null });
    case 'reopen':
      return ok('in_progress', { completionRequestedBy: null, closure: null });
    case 'requestExtension': {
      const nd = input.newDueDate;
      const bad = checkLaterDate(nd, g.dueDate);
      if (bad) return bad;
      return ok(from, { pendingExtension: { newDueDate: nd as IsoDate, requestedBy: g.actorId, reason: reason ?? '' } });
    }
    case 'approveExtension': {
      const granted = input.newDueDate ?? g.pendingExtension?.newDueDate;
      const bad = checkLaterDate(granted, g.dueDate);
      if (bad) return bad;
      return ok(from, { dueDate: granted as IsoDate, pendingExtension: null, lastExtensionDecision: decision('approved', input, reason, granted as IsoDate) });
    }
    case 'refuseExtension':
      return ok(from, { pendingExtension: null, lastExtensionDecision: decision('refused', input, reason, null) });
    case 'sign':
      return ok('signed');
    case 'requestReassign':
      return ok('reassign_requested');
    case 'start':
      return ok('in_progress');
  }
}

function checkLaterDate(date: string | undefined, current: IsoDate | null): TransitionFailure | null {
  if (date === undefined || date.trim() === '') return fail('due_date_required', 'the new due date is required', 'newDueDate');
  if (!isIsoDate(date)) return fail('due_date_invalid', 'the new due date must be YYYY-MM-DD', 'newDueDate');
  if (current !== null && date <= current) return fail('due_date_not_later', `the new due date must be after ${current}`, 'newDueDate');
  return null;
}

/** 交办 hands over a commitment with a deadline: one must be set, and it may be today but not in the past. */
function checkDeadline(input: TransitionInput, g: TaskGuards): TransitionFailure | null {
  const due = input.dueDate !== undefined ? input.dueDate : g.dueDate;
  if (due === null || due.trim() === '') return fail('due_date_required', `${input.action} needs a due date`, 'dueDate');
  if (!isIsoDate(due)) return fail('due_date_invalid', 'the due date must be YYYY-MM-DD', 'dueDate');
  const today = toLocalDate(input.now, input.tz ?? DEFAULT_TZ);
  if (due < today) return fail('due_date_in_past', `the due date ${due} is in the past (today is ${today})`, 'dueDate');
  return null;
}

function decision(kind: ExtensionDecision['decision'], input: TransitionInput, reason: string | null, granted: IsoDate | null): ExtensionDecision {
  const g = input.guards;
  const pending = g.pendingExtension;
  return {
    decision: kind,
    decidedBy: g.actorId,
    at: input.now.toISOString(),
    reason,
    requestedBy: pending?.requestedBy ?? '',
    requestedDueDate: pending?.newDueDate ?? '',
    previousDueDate: g.dueDate,
    newDueDate: granted,
  };
}

function clampProgress(p: number | undefined): number {
  return Math.min(100, Math.max(0, Math.round((p ?? 0) * 10) / 10));
}

/** Why 销号 would need a stated reason: the work is below 100 %, or no final report was accepted (strict policy only). */
export type CloseReasonCause = 'progress_below_100' | 'final_report_not_accepted';

/** Whether closing this task needs a reason, and why; the UI asks for one exactly when this says so. */
export function closeNeedsReason(g: Pick<TaskGuards, 'finalReport' | 'progress' | 'completionPolicy'>): { required: boolean; because: CloseReasonCause[] } {
  if ((g.completionPolicy ?? 'strict') !== 'strict') return { required: false, because: [] };
  const because: CloseReasonCause[] = [];
  if (clampProgress(g.progress) < 100) because.push('progress_below_100');
  if (g.finalReport !== 'accepted') because.push('final_report_not_accepted');
  return { required: because.length > 0, because };
}

/** Whether each action is open to this actor now, and if not, why; parameters (reasons, dates) are not judged. */
export function actionAbilities(
  state: TaskState,
  capacities: ReadonlySet<Capacity>,
  guards: TaskGuards,
): Record<TaskAction, { allowed: true } | { allowed: false; code: TransitionErrorCode }> {
  const out = {} as Record<TaskAction, { allowed: true } | { allowed: false; code: TransitionErrorCode }>;
  for (const action of TASK_ACTIONS) {
    const bad = checkStanding(action, state, capacities, guards);
    out[action] = bad ? { allowed: false, code: bad.code } : { allowed: true };
  }
  return out;
}

/** The actions this actor may take now, for the API's `abilities`. */
export function availableActions(state: TaskState, capacities: ReadonlySet<Capacity>, guards: TaskGuards): TaskAction[] {
  return TASK_ACTIONS.filter((a) => checkStanding(a, state, capacities, guards) === null);
}

/** The implicit 开始承办 when a report is accepted on a signed task: returns the new state, or null for no change. */
export function impliedStartOnAcceptedReport(state: TaskState): { to: 'in_progress'; event: 'task.started' } | null {
  return state === 'signed' ? { to: 'in_progress', event: 'task.started' } : null;
}

/** States in which the task's units may write and submit progress reports. */
export const REPORTABLE_STATES: readonly TaskState[] = ['signed', 'in_progress', 'completion_requested'];

/** Whether the task currently takes progress reports. */
export function acceptsReports(state: TaskState): boolean {
  return REPORTABLE_STATES.includes(state);
}

/** Whether a task still counts as open work (everything but closed). */
export function isOpen(state: TaskState): boolean {
  return state !== 'closed';
}
