/** Indicator, figure, evidence and peer → API shapes (the contract's `Static` types). */
import type { ActualResponse, IndicatorDetailResponse, IndicatorEvidenceResponse, IndicatorResponse, PeerResponse } from '../../../contract/indicators.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { actualAbilities, type IndicatorCapacities } from './indicators.policy.ts';
import type { Actual, IndicatorEvidence, Peer } from './indicators.repository.ts';
import type { IndicatorDetail, IndicatorView } from './indicators.service.ts';

export function presentIndicator(v: IndicatorView): IndicatorResponse {
  const i = v.indicator;
  return {
    id: i.id,
    programmeId: i.programmeId,
    taskId: i.taskId,
    taskTitle: v.taskTitle,
    name: i.name,
    unit: i.unit,
    baseline: i.baseline,
    target: i.target,
    direction: i.direction,
    period: i.period,
    tolerance: i.tolerance,
    responsibleUnitId: i.responsibleUnitId,
    responsibleUnitName: v.unitName,
    startDate: i.startDate,
    endDate: i.endDate,
    fromTarget: i.sourceKey !== null,
    status: v.judgement.status,
    latest: v.latest ? { periodKey: v.latest.periodKey, value: v.latest.value } : null,
    expected: v.judgement.expected,
    asOf: v.judgement.asOf,
    abilities: v.abilities,
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
    version: i.version,
  };
}

export function presentEvidence(e: IndicatorEvidence): IndicatorEvidenceResponse {
  return { id: e.id, actualId: e.actualId, filename: e.filename, mediaType: e.mediaType, byteSize: e.byteSize, sha256: e.sha256, uploadedBy: e.uploadedBy, createdAt: e.createdAt.toISOString(), downloadUrl: `/api/v1/indicator-evidence/${e.id}/download` };
}

export function presentActual(a: Actual, evidence: readonly IndicatorEvidence[], actor: Actor, caps: IndicatorCapacities): ActualResponse {
  return {
    id: a.id,
    indicatorId: a.indicatorId,
    periodKey: a.periodKey,
    value: a.value,
    note: a.note,
    state: a.state,
    revision: a.revision,
    reportedBy: a.reportedBy,
    submittedAt: a.submittedAt.toISOString(),
    reviewedBy: a.reviewedBy,
    reviewedAt: a.reviewedAt?.toISOString() ?? null,
    returnReason: a.returnReason,
    evidence: evidence.map(presentEvidence),
    abilities: actualAbilities(actor, caps, a),
    version: a.version,
  };
}

export function presentPeer(p: Peer): PeerResponse {
  return { id: p.id, indicatorId: p.indicatorId, name: p.name, value: p.value, periodKey: p.periodKey, source: p.source, createdAt: p.createdAt.toISOString() };
}

export function presentDetail(d: IndicatorDetail, evidence: ReadonlyMap<string, IndicatorEvidence[]>, actor: Actor): IndicatorDetailResponse {
  return {
    indicator: presentIndicator(d.view),
    series: d.series,
    actuals: d.actuals.map((a) => presentActual(a, evidence.get(a.id) ?? [], actor, d.caps)),
    peers: d.peers.map(presentPeer),
    openPeriods: d.openPeriods,
  };
}
