/** The task core: state machine, health lights and progress roll-up. Other modules import from here only. */
export {
  CAPACITIES,
  COMPLETION_POLICIES,
  REPORTABLE_STATES,
  TASK_ACTIONS,
  TASK_KINDS,
  TASK_STATES,
  TRANSITION_ERROR_CODES,
  acceptsReports,
  actionAbilities,
  actionRule,
  availableActions,
  closeNeedsReason,
  impliedStartOnAcceptedReport,
  isOpen,
  transition,
  transitionErrorKind,
} from './lifecycle.ts';
export type {
  Capacity,
  Closure,
  CloseReasonCause,
  CompletionPolicy,
  ExtensionDecision,
  FinalReportStanding,
  PendingExtension,
  SuspendableState,
  TaskAction,
  TaskEffects,
  TaskEventType,
  TaskGuards,
  TaskKind,
  TaskState,
  TransitionErrorCode,
  TransitionFailure,
  TransitionInput,
  TransitionResult,
  UnitAssignment,
} from './lifecycle.ts';

export { HEALTH_COLOURS, computeHealth, defaultHealthThresholds, evaluateHealth, graceEnd, resolveHealthThresholds, worstColour } from './health.ts';
export { nextHealthChange } from './health-schedule.ts';
export type {
  HealthColour,
  HealthInput,
  HealthReason,
  HealthReasonCode,
  HealthResult,
  HealthThresholds,
  LocalisedText,
} from './health.ts';

export { canClose, openTaskIds, rollUpProgress, rollUpProgressById } from './progress.ts';
export type { ProgressNode, ProgressRow } from './progress.ts';
