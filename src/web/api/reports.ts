/**
 * Progress reports (反馈): a task's reports and reporting periods, writing (draft, edit, submit), evidence (佐证材料)
 * upload and removal, and review (accept / return with a reason).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type {
  CreateReportBody, EditReportBody, EvidenceResponse, EvidenceUploadResponse, PeriodResponse, PeriodsResponse as ReportsPeriodsResponse,
  PeriodStandingResponse, ReportContentResponse, ReportEventResponse, ReportResponse,
} from '../../contract/reports.ts';
import { call } from './client.ts';
import { fieldsOf } from './fields.ts';
import { keys } from './keys.ts';
import { invalidateLoop, type SectionQueryOptions } from './tasks.ts';

export type {
  EvidenceResponse as Evidence,
  PeriodResponse as Period,
  PeriodStandingResponse as PeriodStanding,
  PeriodsResponse as Periods,
  ReportContentResponse as ReportContent,
  ReportEventResponse as ReportEvent,
  ReportResponse as Report,
} from '../../contract/reports.ts';

export type ReportState = ReportResponse['state'];
export type MilestoneUpdate = ReportResponse['milestoneUpdates'][number];
export type PeriodUnitState = PeriodStandingResponse['units'][number]['state'];

/** What the form sends: the report's content (the period and the unit are chosen apart). */
export type ReportFields = Omit<CreateReportBody, 'periodKey' | 'unitId'>;

export function useTaskReports(taskId: string, options: SectionQueryOptions = {}) {
  return useQuery({
    queryKey: keys.taskReports(taskId),
    queryFn: ({ signal }) => call('GET /api/v1/tasks/:id/reports', { params: { id: taskId }, signal }),
    // Reviews and revisions come from other people: ask again when the page opens or regains focus.
    staleTime: 0,
    refetchOnMount: options.refetchOnMount ?? true,
    refetchOnWindowFocus: true,
  });
}

export function useTaskPeriods(taskId: string, options: SectionQueryOptions = {}) {
  return useQuery({
    queryKey: keys.taskPeriods(taskId),
    queryFn: ({ signal }) => call('GET /api/v1/tasks/:id/periods', { params: { id: taskId }, signal }),
    staleTime: 0,
    refetchOnMount: options.refetchOnMount ?? true,
    refetchOnWindowFocus: true,
  });
}

export function useReport(id: string, enabled = true) {
  return useQuery({
    queryKey: keys.report(id),
    queryFn: ({ signal }) => call('GET /api/v1/reports/:id', { params: { id }, signal }),
    enabled,
    staleTime: 0,
  });
}

/** Reads one report afresh (after a 409, or after removing a file changed its version). */
export function useFetchReport(): (id: string) => Promise<ReportResponse> {
  const qc = useQueryClient();
  return useCallback(
    (id: string) =>
      qc.fetchQuery({
        queryKey: keys.report(id),
        queryFn: ({ signal }) => call('GET /api/v1/reports/:id', { params: { id }, signal }),
        staleTime: 0,
      }),
    [qc],
  );
}

function useReportMutation<I, O>(fn: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => invalidateLoop(qc) });
}

/** Starts a draft for a period (for the caller's unit). */
export const useCreateReport = () =>
  useReportMutation(({ taskId, ...body }: CreateReportBody & { taskId: string }) => call('POST /api/v1/tasks/:id/reports', { params: { id: taskId }, body }));

/** Edits a draft or returned report (`version` required). */
export const useEditReport = () =>
  useReportMutation(({ id, ...body }: EditReportBody & { id: string }) => call('PATCH /api/v1/reports/:id', { params: { id }, body }));

export const useSubmitReport = () =>
  useReportMutation(({ id, version }: { id: string; version?: number }) => call('POST /api/v1/reports/:id/submit', { params: { id }, body: version === undefined ? {} : { version } }));

export const useAcceptReport = () =>
  useReportMutation(({ id, version }: { id: string; version?: number }) => call('POST /api/v1/reports/:id/accept', { params: { id }, body: version === undefined ? {} : { version } }));

export const useReturnReport = () =>
  useReportMutation(({ id, reason, version }: { id: string; reason: string; version?: number }) =>
    call('POST /api/v1/reports/:id/return', { params: { id }, body: version === undefined ? { reason } : { reason, version } }));

/** Attaches files in one batch (a batch with one refused file stores none); answers the report's new version. */
export const useUploadEvidence = () =>
  useReportMutation(({ reportId, files }: { reportId: string; files: readonly File[] }) => {
    const form = new FormData();
    for (const f of files) form.append('file', f, f.name);
    return call('POST /api/v1/reports/:id/evidence', { params: { id: reportId }, body: form });
  });

export const useDeleteEvidence = () =>
  useReportMutation((id: string) => call('DELETE /api/v1/evidence/:id', { params: { id } }));

// What the UI reads of the answers fetched here (see fields.ts): a field the contract adds fails the build until listed.
export const reportFields = fieldsOf<ReportResponse>()({
  progress: 'shown', text: 'shown', problems: 'shown', coordination: 'shown', nextSteps: 'shown', milestoneUpdates: 'shown', final: 'shown',
  summary: 'shown', id: 'shown', taskId: 'ignored', unitId: 'shown', periodKey: 'shown', period: 'shown', locked: 'shown', state: 'shown',
  revision: 'shown', authorId: 'shown', writerIds: 'ignored', late: 'shown', firstSubmittedAt: 'ignored', submittedAt: 'shown', reviewedBy: 'shown',
  reviewedAt: 'shown', returnReason: 'shown', returns: 'shown', events: 'ignored', evidence: 'shown', abilities: 'shown', createdAt: 'shown',
  updatedAt: 'shown', version: 'shown',
});
export const periodFields = fieldsOf<PeriodResponse>()({ key: 'shown', start: 'shown', end: 'shown', dueDate: 'shown', dueAt: 'ignored' });
export const reportContentFields = fieldsOf<ReportContentResponse>()({
  progress: 'shown', text: 'shown', problems: 'shown', coordination: 'shown', nextSteps: 'shown', milestoneUpdates: 'shown', final: 'shown',
  summary: 'shown',
});
export const reportEventFields = fieldsOf<ReportEventResponse>()({
  id: 'shown', type: 'shown', actorId: 'shown', at: 'shown', revision: 'shown', reason: 'shown', late: 'ignored', content: 'ignored',
  evidence: 'ignored',
});
export const evidenceFields = fieldsOf<EvidenceResponse>()({
  id: 'shown', reportId: 'shown', filename: 'shown', mediaType: 'ignored', byteSize: 'shown', sha256: 'ignored', uploadedBy: 'ignored',
  createdAt: 'shown', downloadUrl: 'shown',
});
export const reportsPeriodsFields = fieldsOf<ReportsPeriodsResponse>()({ cadence: 'ignored', since: 'ignored', periods: 'shown' });
export const periodStandingFields = fieldsOf<PeriodStandingResponse>()({
  key: 'shown', start: 'shown', end: 'shown', dueDate: 'shown', dueAt: 'ignored', locked: 'shown', units: 'shown',
});
export const evidenceUploadFields = fieldsOf<EvidenceUploadResponse>()({ items: 'shown', report: 'shown' });
