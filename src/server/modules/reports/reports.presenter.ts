/** Report, evidence, period and lock → API shapes. */
import { Type, type Static } from 'typebox';
import type { ReportingPeriod } from '../../../core/reports/index.ts';
import { Nullable } from '../../platform/http/schemas.ts';
import type { PeriodStanding, ReportView } from './report-queries.ts';
import type { Evidence, PeriodLock, ReportContent } from './reports.repository.ts';

const MilestoneUpdateResponse = Type.Object({ milestoneId: Type.String(), done: Type.Boolean(), note: Nullable(Type.String()) });

const ContentResponse = Type.Object({
  progress: Type.Number(),
  text: Type.String(),
  problems: Nullable(Type.String()),
  coordination: Nullable(Type.String()),
  nextSteps: Nullable(Type.String()),
  milestoneUpdates: Type.Array(MilestoneUpdateResponse),
  /** A final report (总结报告): it stands behind 申请办结. */
  final: Type.Boolean(),
  summary: Nullable(Type.String()),
});

export const EvidenceResponse = Type.Object({
  id: Type.String(),
  reportId: Type.String(),
  filename: Type.String(),
  mediaType: Type.String(),
  byteSize: Type.Integer(),
  sha256: Type.String(),
  uploadedBy: Type.String(),
  createdAt: Type.String(),
  downloadUrl: Type.String(),
});
export type EvidenceResponse = Static<typeof EvidenceResponse>;

export const PeriodResponse = Type.Object({
  key: Type.String(),
  start: Nullable(Type.String()),
  end: Type.String(),
  dueDate: Type.String(),
  dueAt: Type.String(),
});

const EventResponse = Type.Object({
  id: Type.String(),
  type: Type.String(),
  actorId: Type.String(),
  at: Type.String(),
  revision: Type.Integer(),
  reason: Nullable(Type.String()),
  late: Nullable(Type.Boolean()),
  /** On submissions: the content as submitted, so every revision stays readable. */
  content: Nullable(ContentResponse),
  evidence: Nullable(Type.Array(Type.Object({ id: Type.String(), filename: Type.String(), sha256: Type.String(), byteSize: Type.Integer() }))),
});

export const ReportResponse = Type.Object({
  id: Type.String(),
  taskId: Type.String(),
  unitId: Type.String(),
  periodKey: Type.String(),
  period: Nullable(PeriodResponse),
  locked: Type.Boolean(),
  state: Type.String(),
  revision: Type.Integer(),
  ...ContentResponse.properties,
  authorId: Type.String(),
  writerIds: Type.Array(Type.String()),
  late: Type.Boolean(),
  firstSubmittedAt: Nullable(Type.String()),
  submittedAt: Nullable(Type.String()),
  reviewedBy: Nullable(Type.String()),
  reviewedAt: Nullable(Type.String()),
  returnReason: Nullable(Type.String()),
  returns: Type.Array(Type.Object({ revision: Type.Integer(), reason: Type.String(), actorId: Type.String(), at: Type.String() })),
  events: Type.Array(EventResponse),
  evidence: Type.Array(EvidenceResponse),
  abilities: Type.Object({ edit: Type.Boolean(), submit: Type.Boolean(), accept: Type.Boolean(), return: Type.Boolean() }),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  version: Type.Integer(),
});
export type ReportResponse = Static<typeof ReportResponse>;

export const PeriodsResponse = Type.Object({
  cadence: Nullable(Type.Object({}, { additionalProperties: true })),
  since: Nullable(Type.String()),
  periods: Type.Array(
    Type.Object({
      ...PeriodResponse.properties,
      locked: Type.Boolean(),
      units: Type.Array(
        Type.Object({
          unitId: Type.String(),
          role: Type.String(),
          state: Type.String({ description: 'draft, submitted, accepted, returned or missing' }),
          reportId: Nullable(Type.String()),
          late: Type.Boolean(),
          overdue: Type.Boolean(),
        }),
      ),
    }),
  ),
});

export const PeriodLockResponse = Type.Object({ programmeId: Type.String(), periodKey: Type.String(), lockedBy: Nullable(Type.String()), lockedAt: Type.String() });

const iso = (d: Date | null) => d?.toISOString() ?? null;

function presentContent(c: ReportContent) {
  return {
    progress: c.progress, text: c.text, problems: c.problems, coordination: c.coordination, nextSteps: c.nextSteps, milestoneUpdates: c.milestoneUpdates,
    // Snapshots frozen before final reports existed carry neither field.
    final: c.final ?? false, summary: c.summary ?? null,
  };
}

export function presentPeriod(p: ReportingPeriod) {
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

export function presentPeriods(p: { cadence: unknown; since: string | null; periods: PeriodStanding[] }) {
  return {
    cadence: p.cadence as Record<string, unknown> | null,
    since: p.since,
    periods: p.periods.map((s) => ({ ...presentPeriod(s.period), locked: s.locked, units: s.units })),
  };
}

export function presentLock(l: PeriodLock) {
  return { programmeId: l.programmeId, periodKey: l.periodKey, lockedBy: l.lockedBy, lockedAt: l.lockedAt.toISOString() };
}
