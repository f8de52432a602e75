/**
 * Indicators (对标对表) and evaluations (考核评价): queries and mutations. Shapes come from src/contract as types,
 * so the UI reads exactly what the server sends.
 */
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { ActualResponse, AddPeerBody, CreateIndicatorBody, FromTargetsBody, FromTargetsResponse, IndicatorDetailResponse, IndicatorEvidenceResponse, IndicatorListQuery, IndicatorListResponse, IndicatorResponse, PeerResponse, ReportActualBody, SeriesPoint, UpdateIndicatorBody } from '../../contract/indicators.ts';
import type { CaseResponse, ComponentResponse, EvaluationResponse, NewRuleSetBody, PeriodsResponse as EvaluationsPeriodsResponse, RatingResponse, RuleSetResponse, RuleSetsResponse, UnitScoreResponse } from '../../contract/evaluations.ts';
import { call } from './client.ts';
import { fieldsOf } from './fields.ts';
import { invalidateLoop } from './tasks.ts';

export type { ActualResponse, IndicatorDetailResponse, IndicatorListResponse, IndicatorResponse as Indicator } from '../../contract/indicators.ts';
export type { EvaluationResponse, RuleSetsResponse } from '../../contract/evaluations.ts';

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

export type IndicatorFilter = Omit<IndicatorListQuery, 'unitId'>;

export function useIndicators(filter: IndicatorFilter = {}) {
  return useQuery({
    queryKey: measureKeys.indicatorList(filter),
    queryFn: ({ signal }) => call('GET /api/v1/indicators', { query: { ...filter }, signal }),
  });
}

export function useIndicator(id: string) {
  return useQuery({ queryKey: measureKeys.indicator(id), queryFn: ({ signal }) => call('GET /api/v1/indicators/:id', { params: { id }, signal }) });
}

function useIndicatorMutation<I, O>(fn: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => invalidateIndicators(qc) });
}

export const useCreateIndicator = () => useIndicatorMutation((input: CreateIndicatorBody) => call('POST /api/v1/indicators', { body: input }));
export const useIndicatorsFromTargets = () =>
  useIndicatorMutation((a: Required<FromTargetsBody>) => call('POST /api/v1/indicators/from-targets', { body: a }));
export const useUpdateIndicator = (id: string) => useIndicatorMutation((input: UpdateIndicatorBody) => call('PATCH /api/v1/indicators/:id', { params: { id }, body: input }));
export const useReportActual = (indicatorId: string) =>
  useIndicatorMutation((input: ReportActualBody) => call('POST /api/v1/indicators/:id/actuals', { params: { id: indicatorId }, body: input }));
export const useAcceptActual = () =>
  useIndicatorMutation((a: { id: string; version: number }) => call('POST /api/v1/indicator-actuals/:id/accept', { params: { id: a.id }, body: { version: a.version } }));
export const useReturnActual = () =>
  useIndicatorMutation((a: { id: string; version: number; reason: string }) =>
    call('POST /api/v1/indicator-actuals/:id/return', { params: { id: a.id }, body: { version: a.version, reason: a.reason } }));
export const useAddPeer = (indicatorId: string) => useIndicatorMutation((input: AddPeerBody) => call('POST /api/v1/indicators/:id/peers', { params: { id: indicatorId }, body: input }));
export const useDeletePeer = () => useIndicatorMutation((id: string) => call('DELETE /api/v1/indicator-peers/:id', { params: { id } }));
export const useUploadActualEvidence = () =>
  useIndicatorMutation((a: { actualId: string; files: File[] }) => {
    const form = new FormData();
    for (const f of a.files) form.append('file', f, f.name);
    return call('POST /api/v1/indicator-actuals/:id/evidence', { params: { id: a.actualId }, body: form });
  });

// ── evaluations ──

export function useEvaluationPeriods() {
  return useQuery({ queryKey: measureKeys.periods, queryFn: ({ signal }) => call('GET /api/v1/evaluations/periods', { signal }) });
}

export function useEvaluation(periodKey: string | null) {
  return useQuery({
    queryKey: measureKeys.evaluation(periodKey ?? ''),
    queryFn: ({ signal }) => call('GET /api/v1/evaluations/periods/:periodKey', { params: { periodKey: periodKey! }, signal }),
    enabled: periodKey !== null,
  });
}

export function useRuleSets() {
  return useQuery({ queryKey: measureKeys.rules, queryFn: ({ signal }) => call('GET /api/v1/evaluations/rules', { signal }) });
}

function useEvaluationMutation<I, O>(fn: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => qc.invalidateQueries({ queryKey: measureKeys.evaluations }) });
}

export const useFreezePeriod = () => useEvaluationMutation((periodKey: string) => call('POST /api/v1/evaluations/periods/:periodKey/freeze', { params: { periodKey } }));
export const useRateUnit = () =>
  useEvaluationMutation((a: { periodKey: string; unitId: string; rating: number; comment: string | null }) =>
    call('PUT /api/v1/evaluations/periods/:periodKey/ratings/:unitId', { params: { periodKey: a.periodKey, unitId: a.unitId }, body: { rating: a.rating, comment: a.comment } }));
export const useCreateRuleSet = () =>
  useEvaluationMutation((a: Required<NewRuleSetBody>) => call('POST /api/v1/evaluations/rules', { body: a }));

// What the UI reads of the answers fetched here (see fields.ts): a field the contract adds fails the build until listed.
export const indicatorListFields = fieldsOf<IndicatorListResponse>()({ items: 'shown', canCreate: 'shown' });
export const indicatorFields = fieldsOf<IndicatorResponse>()({
  id: 'shown', programmeId: 'shown', taskId: 'shown', taskTitle: 'shown', name: 'shown', unit: 'shown', baseline: 'shown', target: 'shown',
  direction: 'shown', period: 'shown', tolerance: 'shown', responsibleUnitId: 'shown', responsibleUnitName: 'shown', startDate: 'shown',
  endDate: 'shown', fromTarget: 'ignored', status: 'shown', latest: 'shown', expected: 'shown', asOf: 'shown', abilities: 'shown',
  createdAt: 'shown', updatedAt: 'shown', version: 'shown',
});
export const indicatorDetailFields = fieldsOf<IndicatorDetailResponse>()({
  indicator: 'shown', series: 'shown', actuals: 'shown', peers: 'shown', openPeriods: 'shown',
});
export const seriesPointFields = fieldsOf<SeriesPoint>()({
  periodKey: 'shown', periodEnd: 'shown', target: 'shown', expected: 'shown', actual: 'shown', actualState: 'shown',
});
export const actualFields = fieldsOf<ActualResponse>()({
  id: 'shown', indicatorId: 'ignored', periodKey: 'shown', value: 'shown', note: 'shown', state: 'shown', revision: 'shown', reportedBy: 'ignored',
  submittedAt: 'shown', reviewedBy: 'ignored', reviewedAt: 'ignored', returnReason: 'shown', evidence: 'shown', abilities: 'shown', version: 'shown',
});
export const indicatorEvidenceFields = fieldsOf<IndicatorEvidenceResponse>()({
  id: 'shown', actualId: 'shown', filename: 'shown', mediaType: 'ignored', byteSize: 'ignored', sha256: 'ignored', uploadedBy: 'ignored',
  createdAt: 'shown', downloadUrl: 'shown',
});
export const peerFields = fieldsOf<PeerResponse>()({
  id: 'shown', indicatorId: 'ignored', name: 'shown', value: 'shown', periodKey: 'shown', source: 'shown', createdAt: 'shown',
});
export const fromTargetsFields = fieldsOf<FromTargetsResponse>()({ created: 'shown', skipped: 'shown' });
export const evaluationsPeriodsFields = fieldsOf<EvaluationsPeriodsResponse>()({ items: 'shown' });
export const evaluationFields = fieldsOf<EvaluationResponse>()({
  periodKey: 'shown', start: 'shown', end: 'shown', ended: 'shown', frozen: 'shown', frozenAt: 'shown', frozenBy: 'ignored', ruleSet: 'shown',
  units: 'shown', ratings: 'ignored', abilities: 'shown',
});
export const unitScoreFields = fieldsOf<UnitScoreResponse>()({
  unitId: 'shown', unitName: 'shown', score: 'shown', rank: 'shown', components: 'shown',
});
export const componentFields = fieldsOf<ComponentResponse>()({
  key: 'shown', score: 'shown', weight: 'shown', penalty: 'shown', numerator: 'shown', denominator: 'shown', cases: 'shown', hiddenCases: 'shown',
});
export const caseFields = fieldsOf<CaseResponse>()({ taskId: 'shown', title: 'shown', ok: 'shown', note: 'shown' });
export const ruleSetsFields = fieldsOf<RuleSetsResponse>()({ items: 'shown', canEdit: 'shown', componentKeys: 'shown' });
export const ruleSetFields = fieldsOf<RuleSetResponse>()({
  id: 'shown', version: 'shown', effectiveFrom: 'shown', rules: 'shown', note: 'shown', createdBy: 'ignored', createdAt: 'shown',
});
export const ratingFields = fieldsOf<RatingResponse>()({ unitId: 'shown', periodKey: 'shown', rating: 'shown', comment: 'shown' });
