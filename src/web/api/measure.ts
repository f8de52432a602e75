/**
 * Indicators (对标对表) and evaluations (考核评价): queries and mutations. Shapes come from src/contract as types,
 * so the UI reads exactly what the server sends.
 */
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type {
  ActualResponse,
  AddPeerBody,
  CreateIndicatorBody,
  FromTargetsResponse,
  IndicatorDetailResponse,
  IndicatorEvidenceResponse,
  IndicatorListResponse,
  PeerResponse,
  ReportActualBody,
  UpdateIndicatorBody,
} from '../../contract/indicators.ts';
import type { EvaluationResponse, PeriodsResponse, RuleSetResponse, RuleSetsResponse } from '../../contract/evaluations.ts';
import { api } from './client.ts';
import { invalidateLoop } from './tasks.ts';

export type { ActualResponse, IndicatorDetailResponse, IndicatorListResponse, EvaluationResponse, RuleSetsResponse };
export type Indicator = IndicatorListResponse['items'][number];

const enc = encodeURIComponent;
export const measureKeys = {
  indicators: ['indicators'] as const,
  indicatorList: (filter: object) => ['indicators', 'list', filter] as const,
  indicator: (id: string) => ['indicators', 'detail', id] as const,
  evaluations: ['evaluations'] as const,
  periods: ['evaluations', 'periods'] as const,
  evaluation: (key: string) => ['evaluations', 'period', key] as const,
  rules: ['evaluations', 'rules'] as const,
};

/** An indicator write can change a task's light, so the task loop is refreshed as well. */
function invalidateIndicators(qc: QueryClient): Promise<unknown> {
  return Promise.all([qc.invalidateQueries({ queryKey: measureKeys.indicators }), invalidateLoop(qc)]);
}

export interface IndicatorFilter {
  programmeId?: string;
  taskId?: string;
  status?: string;
}

export function useIndicators(filter: IndicatorFilter = {}) {
  return useQuery({
    queryKey: measureKeys.indicatorList(filter),
    queryFn: ({ signal }) => api.get<IndicatorListResponse>('/api/v1/indicators', { ...filter }, signal),
  });
}

export function useIndicator(id: string) {
  return useQuery({ queryKey: measureKeys.indicator(id), queryFn: ({ signal }) => api.get<IndicatorDetailResponse>(`/api/v1/indicators/${enc(id)}`, undefined, signal) });
}

function useIndicatorMutation<I, O>(fn: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => invalidateIndicators(qc) });
}

export const useCreateIndicator = () => useIndicatorMutation((input: CreateIndicatorBody) => api.post<IndicatorDetailResponse>('/api/v1/indicators', input));
export const useIndicatorsFromTargets = () => useIndicatorMutation((a: { programmeId: string; period: 'month' | 'quarter' | 'year' }) => api.post<FromTargetsResponse>('/api/v1/indicators/from-targets', a));
export const useUpdateIndicator = (id: string) => useIndicatorMutation((input: UpdateIndicatorBody) => api.patch<IndicatorDetailResponse>(`/api/v1/indicators/${enc(id)}`, input));
export const useReportActual = (indicatorId: string) => useIndicatorMutation((input: ReportActualBody) => api.post<ActualResponse>(`/api/v1/indicators/${enc(indicatorId)}/actuals`, input));
export const useAcceptActual = () => useIndicatorMutation((a: { id: string; version: number }) => api.post<ActualResponse>(`/api/v1/indicator-actuals/${enc(a.id)}/accept`, { version: a.version }));
export const useReturnActual = () => useIndicatorMutation((a: { id: string; version: number; reason: string }) => api.post<ActualResponse>(`/api/v1/indicator-actuals/${enc(a.id)}/return`, { version: a.version, reason: a.reason }));
export const useAddPeer = (indicatorId: string) => useIndicatorMutation((input: AddPeerBody) => api.post<PeerResponse>(`/api/v1/indicators/${enc(indicatorId)}/peers`, input));
export const useDeletePeer = () => useIndicatorMutation((id: string) => api.delete(`/api/v1/indicator-peers/${enc(id)}`));
export const useUploadActualEvidence = () =>
  useIndicatorMutation((a: { actualId: string; files: File[] }) => {
    const form = new FormData();
    for (const f of a.files) form.append('file', f, f.name);
    return api.upload<{ items: IndicatorEvidenceResponse[] }>(`/api/v1/indicator-actuals/${enc(a.actualId)}/evidence`, form);
  });

// ── evaluations ──

export function useEvaluationPeriods() {
  return useQuery({ queryKey: measureKeys.periods, queryFn: ({ signal }) => api.get<PeriodsResponse>('/api/v1/evaluations/periods', undefined, signal) });
}

export function useEvaluation(periodKey: string | null) {
  return useQuery({
    queryKey: measureKeys.evaluation(periodKey ?? ''),
    queryFn: ({ signal }) => api.get<EvaluationResponse>(`/api/v1/evaluations/periods/${enc(periodKey!)}`, undefined, signal),
    enabled: periodKey !== null,
  });
}

export function useRuleSets() {
  return useQuery({ queryKey: measureKeys.rules, queryFn: ({ signal }) => api.get<RuleSetsResponse>('/api/v1/evaluations/rules', undefined, signal) });
}

function useEvaluationMutation<I, O>(fn: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => qc.invalidateQueries({ queryKey: measureKeys.evaluations }) });
}

export const useFreezePeriod = () => useEvaluationMutation((periodKey: string) => api.post<EvaluationResponse>(`/api/v1/evaluations/periods/${enc(periodKey)}/freeze`));
export const useRateUnit = () =>
  useEvaluationMutation((a: { periodKey: string; unitId: string; rating: number; comment: string | null }) => api.put(`/api/v1/evaluations/periods/${enc(a.periodKey)}/ratings/${enc(a.unitId)}`, { rating: a.rating, comment: a.comment }));
export const useCreateRuleSet = () =>
  useEvaluationMutation((a: { rules: Record<string, unknown>; effectiveFrom: string; note: string | null }) => api.post<RuleSetResponse>('/api/v1/evaluations/rules', a));
