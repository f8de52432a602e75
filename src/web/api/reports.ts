/**
 * Progress reports (反馈): a task's reports and reporting periods, writing (draft, edit, submit), evidence (佐证材料)
 * upload and removal, and review (accept / return with a reason).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from './client.ts';
import { keys } from './keys.ts';
import { invalidateLoop, type SectionQueryOptions } from './tasks.ts';
import type { Items } from './types.ts';

export type ReportState = 'draft' | 'submitted' | 'accepted' | 'returned';

export interface MilestoneUpdate {
  milestoneId: string;
  done: boolean;
  note: string | null;
}

export interface ReportContent {
  progress: number;
  text: string;
  problems: string | null;
  coordination: string | null;
  nextSteps: string | null;
  milestoneUpdates: MilestoneUpdate[];
  /** The final report (总结报告) that 申请办结 stands on; it needs a summary and evidence to be submitted. */
  final: boolean;
  summary: string | null;
}

export interface Evidence {
  id: string;
  reportId: string;
  filename: string;
  mediaType: string;
  byteSize: number;
  sha256: string;
  uploadedBy: string;
  createdAt: string;
  downloadUrl: string;
}

export interface Period {
  key: string;
  start: string | null;
  end: string;
  dueDate: string;
  dueAt: string;
}

export interface ReportEvent {
  id: string;
  type: string;
  actorId: string;
  at: string;
  revision: number;
  reason: string | null;
  late: boolean | null;
  content: ReportContent | null;
  evidence: Array<{ id: string; filename: string; sha256: string; byteSize: number }> | null;
}

/** Mirrors `ReportResponse` of src/server/modules/reports/reports.presenter.ts. */
export interface Report extends ReportContent {
  id: string;
  taskId: string;
  unitId: string;
  periodKey: string;
  period: Period | null;
  locked: boolean;
  state: ReportState;
  revision: number;
  authorId: string;
  writerIds: string[];
  late: boolean;
  firstSubmittedAt: string | null;
  submittedAt: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  returnReason: string | null;
  returns: Array<{ revision: number; reason: string; actorId: string; at: string }>;
  events: ReportEvent[];
  evidence: Evidence[];
  abilities: { edit: boolean; submit: boolean; accept: boolean; return: boolean };
  createdAt: string;
  updatedAt: string;
  version: number;
}

export type PeriodUnitState = ReportState | 'missing';

export interface PeriodStanding extends Period {
  locked: boolean;
  units: Array<{ unitId: string; role: 'lead' | 'co' | string; state: PeriodUnitState; reportId: string | null; late: boolean; overdue: boolean }>;
}

export interface Periods {
  cadence: Record<string, unknown> | null;
  since: string | null;
  periods: PeriodStanding[];
}

export function useTaskReports(taskId: string, options: SectionQueryOptions = {}) {
  return useQuery({
    queryKey: keys.taskReports(taskId),
    queryFn: ({ signal }) => api.get<Items<Report>>(`/api/v1/tasks/${encodeURIComponent(taskId)}/reports`, undefined, signal),
    // Reviews and revisions come from other people: ask again when the page opens or regains focus.
    staleTime: 0,
    refetchOnMount: options.refetchOnMount ?? true,
    refetchOnWindowFocus: true,
  });
}

export function useTaskPeriods(taskId: string, options: SectionQueryOptions = {}) {
  return useQuery({
    queryKey: keys.taskPeriods(taskId),
    queryFn: ({ signal }) => api.get<Periods>(`/api/v1/tasks/${encodeURIComponent(taskId)}/periods`, undefined, signal),
    staleTime: 0,
    refetchOnMount: options.refetchOnMount ?? true,
    refetchOnWindowFocus: true,
  });
}

export function useReport(id: string, enabled = true) {
  return useQuery({
    queryKey: keys.report(id),
    queryFn: ({ signal }) => api.get<Report>(`/api/v1/reports/${encodeURIComponent(id)}`, undefined, signal),
    enabled,
    staleTime: 0,
  });
}

/** Reads one report afresh (after a 409, or after removing a file changed its version). */
export function useFetchReport(): (id: string) => Promise<Report> {
  const qc = useQueryClient();
  return useCallback(
    (id: string) =>
      qc.fetchQuery({
        queryKey: keys.report(id),
        queryFn: ({ signal }) => api.get<Report>(`/api/v1/reports/${encodeURIComponent(id)}`, undefined, signal),
        staleTime: 0,
      }),
    [qc],
  );
}

export interface ReportFields {
  progress: number;
  text: string;
  problems: string | null;
  coordination: string | null;
  nextSteps: string | null;
  milestoneUpdates: MilestoneUpdate[];
  final?: boolean;
  summary?: string | null;
}

function useReportMutation<I, O>(fn: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => invalidateLoop(qc) });
}

/** Starts a draft for a period (for the caller's unit). */
export const useCreateReport = () =>
  useReportMutation(({ taskId, ...input }: ReportFields & { taskId: string; periodKey: string }) =>
    api.post<Report>(`/api/v1/tasks/${encodeURIComponent(taskId)}/reports`, input));

/** Edits a draft or returned report (`version` required). */
export const useEditReport = () =>
  useReportMutation(({ id, ...input }: Partial<ReportFields> & { id: string; version: number }) =>
    api.patch<Report>(`/api/v1/reports/${encodeURIComponent(id)}`, input));

export const useSubmitReport = () =>
  useReportMutation(({ id, version }: { id: string; version?: number }) =>
    api.post<Report>(`/api/v1/reports/${encodeURIComponent(id)}/submit`, version === undefined ? {} : { version }));

export const useAcceptReport = () =>
  useReportMutation(({ id, version }: { id: string; version?: number }) =>
    api.post<Report>(`/api/v1/reports/${encodeURIComponent(id)}/accept`, version === undefined ? {} : { version }));

export const useReturnReport = () =>
  useReportMutation(({ id, reason, version }: { id: string; reason: string; version?: number }) =>
    api.post<Report>(`/api/v1/reports/${encodeURIComponent(id)}/return`, version === undefined ? { reason } : { reason, version }));

/** Attaches files in one batch (a batch with one refused file stores none); answers the report's new version. */
export const useUploadEvidence = () =>
  useReportMutation(({ reportId, files }: { reportId: string; files: readonly File[] }) => {
    const form = new FormData();
    for (const f of files) form.append('file', f, f.name);
    return api.upload<{ items: Evidence[]; report: Report }>(`/api/v1/reports/${encodeURIComponent(reportId)}/evidence`, form);
  });

export const useDeleteEvidence = () =>
  useReportMutation((id: string) => api.delete(`/api/v1/evidence/${encodeURIComponent(id)}`));
