/** The tasks module's public surface. */
export { taskRoutes } from './tasks.routes.ts';
export { loadTask, abilitiesAfter, abilitiesFor, guardsFor, type ActionAbility, type TaskAccess, type TaskAbilities } from './task-access.ts';
export { applyTaskUpdate, createTask, insertPlannedTask, normaliseTitle, updateTask } from './task-editing.ts';
export { HEALTH_BATCH, refreshAllHealth, refreshDueHealth, refreshTaskAndAncestors, scheduleProgrammeHealth, type HealthJobOptions, type HealthJobResult } from './task-health.ts';
export { answerTask, getTaskDetail, ledgerCriteriaOf, ledgerFilterWhere, ledgerWhere, listTasks, type LedgerCriteria, type LedgerFilter, type TaskAnswer } from './task-queries.ts';
export { applyTransition, transitionTask, type TransitionTaskInput } from './task-transitions.ts';
export { presentTask, presentTaskWithAbilities } from './tasks.presenter.ts';
export type { HealthInputs, Task, TaskType } from './tasks.repository.ts';
export { applyAcceptedReport, milestonesOf, type AcceptanceEffects, type AcceptedReportInput, type TaskMilestone } from './task-report-effects.ts';
export { onTaskBatchFinished, onTaskTransitioned, runTaskBatch, type TaskBatchListener, type TaskTransitioned, type TaskTransitionListener } from './task-events.ts';
export { visibleTaskIds, visibleTasksWhere } from './task-queries.ts';
export { findTaskVersions, listAssignedTitles } from './tasks.repository.ts';
export { canInstruct, mayRemind, takesReminders, visibilityOf } from './tasks.policy.ts';
export { setTaskIndicatorFacts } from './task-indicators.ts';
export { listProgrammeTargets } from './task-planning.repository.ts';
export { requireProgrammeSupervisor } from './task-editing.ts';
export { listTaskEvents, type TaskEventRecord } from './task-history.repository.ts';
export { listTreePastDraft, programmeOfTaskPastDraft, taskCountOf, tasksChangedAt, taskTitleOf, workCountsOf, type TreeNode } from './task-tree.repository.ts';
