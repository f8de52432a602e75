/** The report form's values: what a report (or a new one) fills it with, and the fields they send back. */
import type { MilestoneUpdate, PeriodStanding, Report, ReportFields } from '../../api/reports.ts';
import type { Milestone } from '../../api/tasks.ts';

export interface ReportFormValues {
  periodKey?: string;
  progress: number;
  text: string;
  problems?: string;
  coordination?: string;
  nextSteps?: string;
  milestones: Record<string, { done?: boolean; note?: string }>;
  final?: boolean;
  summary?: string;
}

const nullIfBlank = (v: string | undefined | null) => v?.trim() || null;

/** The report's values; a new report starts in the given (or first owed) period at the task's progress. */
export function initialValues(report: Report | null, periods: readonly PeriodStanding[], initialPeriod: string | undefined, progress: number): ReportFormValues {
  return {
    periodKey: report?.periodKey ?? initialPeriod ?? periods[0]?.key,
    progress: report?.progress ?? progress,
    text: report?.text ?? '',
    problems: report?.problems ?? undefined,
    coordination: report?.coordination ?? undefined,
    nextSteps: report?.nextSteps ?? undefined,
    milestones: Object.fromEntries((report?.milestoneUpdates ?? []).map((u) => [u.milestoneId, { done: u.done, note: u.note ?? undefined }])),
    final: report?.final ?? false,
    summary: report?.summary ?? undefined,
  };
}

/** The fields to save: blanks as null, milestones only where something was said, the final flag only from the lead unit. */
export function fieldsOf(v: ReportFormValues, openMilestones: readonly Milestone[], canWriteFinal: boolean): ReportFields {
  const updates: MilestoneUpdate[] = openMilestones
    .map((m) => ({ milestoneId: m.id, done: Boolean(v.milestones?.[m.id]?.done), note: nullIfBlank(v.milestones?.[m.id]?.note) }))
    .filter((u) => u.done || u.note);
  return {
    progress: v.progress,
    text: v.text.trim(),
    problems: nullIfBlank(v.problems),
    coordination: nullIfBlank(v.coordination),
    nextSteps: nullIfBlank(v.nextSteps),
    milestoneUpdates: updates,
    ...(canWriteFinal ? { final: Boolean(v.final), summary: v.final ? nullIfBlank(v.summary) : null } : {}),
  };
}
