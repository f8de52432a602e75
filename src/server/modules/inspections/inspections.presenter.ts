/** Inspections → API shapes (the contract's types), with abilities from the same policy the services enforce. */
import type { FindingResponse, InspectionEvidenceResponse, InspectionResponse, InspectionSummaryResponse, TaskFindingResponse, VisitResponse } from '../../../contract/inspections.ts';
import { moveInspection } from '../../../core/inspections/index.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { canManageInspection, canRecord, type InspectionFacts } from './inspections.policy.ts';
import type { Finding, FindingCounts, Inspection, InspectionEvidence, Visit } from './inspections.repository.ts';
import { standingOf, type InspectionDetail } from './inspections.service.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function presentInspectionSummary(i: Inspection & FindingCounts): InspectionSummaryResponse {
  return {
    id: i.id, programmeId: i.programmeId, programmeTitle: i.programmeTitle, topic: i.topic, kind: i.kind, state: i.state, startDate: i.startDate, endDate: i.endDate,
    findings: i.findings, openFindings: i.open, closedAt: iso(i.closedAt), createdAt: i.createdAt.toISOString(), version: i.version,
  };
}

export function presentFinding(actor: Actor, f: Finding, facts: Pick<InspectionFacts, 'supervisorIds' | 'state'>): FindingResponse {
  const settleable = canManageInspection(actor, facts) && facts.state !== 'closed' && f.taskId === null && f.naAt === null;
  return {
    id: f.id, inspectionId: f.inspectionId, visitId: f.visitId, unitId: f.unitId, unitName: f.unitName, source: f.source, title: f.title, description: f.description,
    severity: f.severity, standing: standingOf(f), taskId: f.taskId, taskState: f.taskState, taskDueDate: f.taskDueDate, naReason: f.naReason, naBy: f.naBy,
    naAt: iso(f.naAt), createdAt: f.createdAt.toISOString(), version: f.version, abilities: { rectify: settleable, notApplicable: settleable },
  };
}

export function presentTaskFinding(actor: Actor, f: Finding & { inspection: Pick<Inspection, 'topic' | 'kind' | 'state'> }): TaskFindingResponse {
  // The task page shows where the task came from; settling findings happens on the inspection's page.
  return { ...presentFinding(actor, f, { supervisorIds: [], state: 'closed' }), inspectionTopic: f.inspection.topic, inspectionKind: f.inspection.kind, inspectionState: f.inspection.state };
}

export function presentVisit(v: Visit): VisitResponse {
  return { id: v.id, unitId: v.unitId, unitName: v.unitName, visitedOn: v.visitedOn, notes: v.notes, createdBy: v.createdBy, createdAt: v.createdAt.toISOString() };
}

export function presentInspectionEvidence(e: InspectionEvidence): InspectionEvidenceResponse {
  return { id: e.id, visitId: e.visitId, findingId: e.findingId, kind: e.kind, filename: e.filename, mediaType: e.mediaType, byteSize: e.byteSize, sha256: e.sha256, uploadedBy: e.uploadedBy, createdAt: e.createdAt.toISOString() };
}

export function presentInspection(actor: Actor, d: InspectionDetail): InspectionResponse {
  const manage = canManageInspection(actor, d.facts);
  const standings = d.findings.map(standingOf);
  const can = (action: 'start' | 'report' | 'close' | 'reopen') => manage && moveInspection(d.inspection.state, action, standings).ok;
  return {
    ...presentInspectionSummary({ ...d.inspection, ...d.counts }),
    description: d.inspection.description,
    members: d.members,
    targetUnits: d.targetUnits,
    targetTasks: d.targetTasks,
    visits: d.visits.map(presentVisit),
    findingList: d.findings.map((f) => presentFinding(actor, f, d.facts)),
    evidence: d.evidence.map(presentInspectionEvidence),
    abilities: { manage, record: canRecord(actor, d.facts), actions: { start: can('start'), report: can('report'), close: can('close'), reopen: can('reopen') } },
  };
}
