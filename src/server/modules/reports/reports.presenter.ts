/** Report, evidence, period and lock → API shapes. */
import type { EvidenceResponse, PeriodLockResponse, PeriodResponse, PeriodsResponse, ReportContentResponse, ReportResponse } from '../../../contract/reports.ts';
import type { ReportingPeriod } from '../../../core/reports/index.ts';
import type { PeriodStanding, ReportView } from './report-queries.ts';
import type { Evidence, PeriodLock, ReportContent } from './reports.repository.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;

function presentContent(c: ReportContent): ReportContentResponse {
  return {
    progress: c.progress, text: c.text, problems: c.problems, coordination: c.coordination, nextSteps: c.nextSteps, milestoneUpdates: c.milestoneUpdates,
    // Snapshots frozen before final reports existed carry neither field.
    final: c.final ?? false, summary: c.summary ?? null,
  };
}

export function presentPeriod(p: ReportingPeriod): PeriodResponse {
  return { key: p.key, start: p.start, end: p.end, dueDate: p.dueDate, dueAt: p.dueAt.toISOString() };
}

export function presentEvidence(e: Evidence): EvidenceResponse {
  return {
    id: e.id,
    reportId: e.reportId,
    filename: e.filename,
    mediaType: e.mediaType,
    byteSize: e.byteSize,
    sha256: e.sha256,
    uploadedBy: e.uploadedBy,
    createdAt: e.createdAt.toISOString(),
    downloadUrl: `/api/v1/evidence/${e.id}/download`,
  };
}

export function presentReport(v: ReportView): ReportResponse {
  const r = v.report;
  return {
    id: r.id,
    taskId: r.taskId,
    unitId: r.unitId,
    periodKey: r.periodKey,
    period: v.period ? presentPeriod(v.period) : null,
    locked: v.locked,
    state: r.state,
    revision: r.revision,
    ...presentContent(r),
    authorId: r.authorId,
    writerIds: v.history.writerIds,
    late: r.late,
    firstSubmittedAt: iso(r.firstSubmittedAt),
    submittedAt: iso(r.submittedAt),
    reviewedBy: r.reviewedBy,
    reviewedAt: iso(r.reviewedAt),
    returnReason: r.returnReason,
    returns: v.history.returns,
    events: v.events.map((e) => ({
      id: e.id,
      type: e.event.type,
      actorId: e.event.actorId,
      at: e.event.at,
      revision: e.event.type === 'report.created' ? 0 : e.event.revision,
      reason: e.event.type === 'report.returned' ? e.event.reason : null,
      late: e.event.type === 'report.submitted' ? e.event.late : null,
      content: e.snapshot ? presentContent(e.snapshot.content) : null,
      evidence: e.snapshot ? e.snapshot.evidence : null,
    })),
    evidence: v.evidence.map(presentEvidence),
    abilities: v.abilities,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    version: r.version,
  };
}

export function presentPeriods(p: { cadence: unknown; since: string | null; periods: PeriodStanding[] }): PeriodsResponse {
  return {
    cadence: p.cadence as Record<string, unknown> | null,
    since: p.since,
    periods: p.periods.map((s) => ({ ...presentPeriod(s.period), locked: s.locked, units: s.units })),
  };
}

export function presentLock(l: PeriodLock): PeriodLockResponse {
  return { programmeId: l.programmeId, periodKey: l.periodKey, lockedBy: l.lockedBy, lockedAt: l.lockedAt.toISOString() };
}
