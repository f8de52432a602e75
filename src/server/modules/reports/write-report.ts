/** The unit's side of a report: start a draft, edit it (or a returned one), submit it. */
import type { Kysely } from 'kysely';
import { REPORT_NOTE_MAX, REPORT_TEXT_MAX } from '../../../contract/reports.ts';
import { foldReportEvents, periodByKey, reportTransition, startReport, type ReportEvent } from '../../../core/reports/index.ts';
import { isIsoDate, periodKeyBounds, toLocalDate } from '../../../core/time.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { appendAudit, type AuditEntry } from '../../platform/audit/audit-log.ts';
import { notify, resolveNotices } from '../notices/index.ts';
import type { AppContext } from '../../platform/context.ts';
import type { DB } from '../../platform/db/schema.ts';
import { badRequest, conflict, versionConflict } from '../../platform/errors.ts';
import { currentVersion } from '../../platform/db/sql-helpers.ts';
import { newId } from '../../platform/ids.ts';
import { loadTask, refreshTaskAndAncestors, type Task } from '../tasks/index.ts';
import { loadReport, noticeAbout, refusal, REPORT_TZ, reportContextFor, snapshotOf } from './report-access.ts';
import { viewOf, type ReportView } from './report-queries.ts';
import { liaisonUnitOf, reportActorOf } from './reports.policy.ts';
import { findReportId, insertEvent, insertReport, listEvidence, updateReportRow, type Report, type ReportContent, type StoredReportEvent } from './reports.repository.ts';
import { milestonesOf } from '../tasks/index.ts';
import { indexWrittenReport } from '../search-index/index.ts';
import { bumpReportCounters } from './report-counters.repository.ts';

// The limits the contract's schemas check, so the service's own check and the 400 of the schema agree.
export const TEXT_MAX = REPORT_TEXT_MAX;
export const NOTE_MAX = REPORT_NOTE_MAX;

export interface ReportContentInput {
  progress?: number;
  text?: string;
  problems?: string | null;
  coordination?: string | null;
  nextSteps?: string | null;
  milestoneUpdates?: Array<{ milestoneId: string; done: boolean; note?: string | null }>;
  /** Marks the report as the final one (总结报告) that 申请办结 stands on. */
  final?: boolean;
  /** The final report's summary of the whole task. */
  summary?: string | null;
}

export interface CreateReportInput extends ReportContentInput {
  periodKey: string;
  /** Defaults to the caller's own unit. */
  unitId?: string;
  progress: number;
  text: string;
}

// NFC so that the same characters typed on different systems compare equal; CRLF kept as the unit wrote it.
function cleanNote(field: string, value: string | null | undefined, max: number): string | null {
  const v = value?.normalize('NFC').trim() ?? '';
  if (v.length > max) throw badRequest(`${field}_too_long`, `${field} must have at most ${max} characters`);
  return v === '' ? null : v;
}

/** Merges an edit into the current content and checks it: text required, progress 0–100, the task's own milestones. */
async function cleanContent(db: Kysely<DB>, task: Task, base: ReportContent, input: ReportContentInput): Promise<ReportContent> {
  const text = input.text === undefined ? base.text : (cleanNote('text', input.text, TEXT_MAX) ?? '');
  if (text === '') throw badRequest('text_required', 'The report needs a text saying what was done');
  const progress = input.progress ?? base.progress;
  if (!Number.isFinite(progress) || progress < 0 || progress > 100) throw badRequest('progress_invalid', 'Progress is a percentage from 0 to 100');
  let milestoneUpdates = base.milestoneUpdates;
  if (input.milestoneUpdates !== undefined) {
    const known = new Set((await milestonesOf(db, task.id)).map((m) => m.id));
    const seen = new Set<string>();
    milestoneUpdates = input.milestoneUpdates.map((u) => {
      if (!known.has(u.milestoneId)) throw badRequest('milestone_not_on_task', `Milestone ${u.milestoneId} is not a milestone of this task`);
      if (seen.has(u.milestoneId)) throw badRequest('milestone_repeated', `Milestone ${u.milestoneId} is listed twice`);
      seen.add(u.milestoneId);
      return { milestoneId: u.milestoneId, done: u.done, note: cleanNote('note', u.note, 2000) };
    });
  }
  return {
    progress: Math.round(progress * 10) / 10,
    text,
    problems: input.problems === undefined ? base.problems : cleanNote('problems', input.problems, NOTE_MAX),
    coordination: input.coordination === undefined ? base.coordination : cleanNote('coordination', input.coordination, NOTE_MAX),
    nextSteps: input.nextSteps === undefined ? base.nextSteps : cleanNote('nextSteps', input.nextSteps, NOTE_MAX),
    milestoneUpdates,
    final: input.final ?? base.final,
    summary: input.summary === undefined ? base.summary : cleanNote('summary', input.summary, NOTE_MAX),
  };
}

function contentOf(r: Report): ReportContent {
  return {
    progress: r.progress, text: r.text, problems: r.problems, coordination: r.coordination, nextSteps: r.nextSteps, milestoneUpdates: r.milestoneUpdates,
    final: r.final, summary: r.summary,
  };
}

const EMPTY: ReportContent = { progress: 0, text: '', problems: null, coordination: null, nextSteps: null, milestoneUpdates: [], final: false, summary: null };

// With a cadence the core has already checked that the key is one of its periods; without one, any well-formed key
// is taken. Either way the period must overlap the task's life so far: a draft for next year, or for a year before
// the task existed, is noise in every list.
function checkPeriodKey(task: Task, key: string, now: Date): void {
  let bounds: { start: string | null; end: string } | null;
  if (task.cadence) {
    bounds = periodByKey(task.cadence, key, REPORT_TZ, task.dueDate);
  } else {
    bounds = periodKeyBounds(key) ?? (isIsoDate(key) ? { start: null, end: key } : null);
    if (!bounds) throw badRequest('period_invalid', `${key} is not a period key (2024-W05, 2024-03, 2024-Q1 or a date)`);
  }
  if (!bounds) return;
  if (bounds.start !== null && bounds.start > toLocalDate(now, REPORT_TZ)) throw badRequest('period_invalid', `Period ${key} has not begun yet`);
  const began = [task.startDate, task.assignedAt && toLocalDate(task.assignedAt, REPORT_TZ), task.signedAt && toLocalDate(task.signedAt, REPORT_TZ)]
    .filter((d): d is string => typeof d === 'string')
    .sort()[0];
  if (began !== undefined && bounds.end < began) throw badRequest('period_invalid', `Period ${key} ended before the task began (${began})`);
}

// The final report speaks for the whole task, which is the lead unit's to declare done; a co-unit reports its part.
function checkFinal(task: Task, unitId: string, content: ReportContent): void {
  if (content.final && unitId !== task.leadUnitId) throw badRequest('final_report_lead_only', 'Only the lead unit writes the final report', { field: 'body.final' });
}

/** Starts a draft report for a unit (the caller's by default) and a period; one per unit and period. */
export async function createReport(ctx: AppContext, actor: Actor, taskId: string, input: CreateReportInput): Promise<ReportView> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const access = await loadTask(trx, actor, taskId);
    const { task, capacities } = access;
    const unitId = input.unitId ?? liaisonUnitOf(actor) ?? '';
    const context = await reportContextFor(trx, task, input.periodKey);
    const started = startReport({ actor: reportActorOf(actor, capacities), unitId, periodKey: input.periodKey, context, now });
    if (!started.ok) throw refusal(started);
    checkPeriodKey(task, input.periodKey, now);
    const existing = await findReportId(trx, { taskId, unitId, periodKey: input.periodKey });
    if (existing) throw conflict('report_exists', `This unit already has a report for ${input.periodKey}`, { reportId: existing });
    const content = await cleanContent(trx, task, EMPTY, input);
    checkFinal(task, unitId, content);
    const id = newId(now.getTime());
    const authorId = started.event.actorId;
    const report = await insertReport(trx, { id, taskId, unitId, periodKey: input.periodKey, content, authorId, now });
    if (!report) {
      const winner = await findReportId(trx, { taskId, unitId, periodKey: input.periodKey });
      throw conflict('report_exists', `This unit already has a report for ${input.periodKey}`, { reportId: winner });
    }
    const created: StoredReportEvent = { id: newId(now.getTime()), event: started.event, snapshot: null };
    await insertEvent(trx, { id: created.id, reportId: id, event: created.event });
    await indexWrittenReport(trx, searchSourceOf(report, task.title));
    await appendAudit(trx, actor, { action: 'report.created', objectType: 'report', objectId: id, after: { state: 'draft', ...content }, context: { taskId, unitId, periodKey: input.periodKey } }, now);
    // A new report has no evidence yet; the caller passed the access checks above, so it may see what it wrote.
    return viewOf(actor, access, { report, events: [created], evidence: [], locked: context.periodLocked }, now);
  });
}

// What the search index keeps of a report, from the report as it was just written.
function searchSourceOf(r: Report, taskTitle: string) {
  return { id: r.id, taskId: r.taskId, taskTitle, text: r.text, problems: r.problems, coordination: r.coordination, nextSteps: r.nextSteps, updatedAt: r.updatedAt.toISOString() };
}

async function writeTransition(
  trx: Kysely<DB>,
  actor: Actor,
  args: { report: Report; version: number; event: ReportEvent; events: ReportEvent[]; content?: ReportContent; submittedAt?: Date; now: Date; taskTitle: string },
): Promise<Report> {
  const history = foldReportEvents([...args.events, args.event]);
  const updated = await updateReportRow(trx, args.report.id, args.version, { history, content: args.content, submittedAt: args.submittedAt, now: args.now });
  if (!updated) throw versionConflict('report', await currentVersion(trx, 'reports', args.report.id));
  if (args.content) await indexWrittenReport(trx, searchSourceOf(updated, args.taskTitle));
  return updated;
}

/** Changes a draft or returned report (its unit's liaison), with optimistic concurrency on `version`. */
export async function editReport(ctx: AppContext, actor: Actor, id: string, input: ReportContentInput & { version: number }): Promise<ReportView> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const a = await loadReport(trx, actor, id);
    const { report, access } = a;
    const context = await reportContextFor(trx, access.task, report.periodKey, a.periodLocked);
    const result = reportTransition({ action: 'edit', report: snapshotOf(report, a.history), actor: reportActorOf(actor, access.capacities), context, now });
    if (!result.ok) throw refusal(result);
    if (report.version !== input.version) throw versionConflict('report', report.version);
    const before = contentOf(report);
    const content = await cleanContent(trx, access.task, before, input);
    checkFinal(access.task, report.unitId, content);
    const updated = await writeTransition(trx, actor, { report, version: report.version, event: result.event, events: a.events.map((e) => e.event), content, now, taskTitle: access.task.title });
    const edited: StoredReportEvent = { id: newId(now.getTime()), event: result.event, snapshot: null };
    await insertEvent(trx, { id: edited.id, reportId: id, event: edited.event });
    await appendAudit(trx, actor, { action: 'report.edited', objectType: 'report', objectId: id, before, after: content, context: { taskId: report.taskId, unitId: report.unitId, periodKey: report.periodKey } }, now);
    const evidence = (await listEvidence(trx, [id])).get(id) ?? [];
    return viewOf(actor, access, { report: updated, events: [...a.events, edited], evidence, locked: context.periodLocked }, now);
  });
}

/**
 * Submits a draft or returned report for review. The late flag comes from the core (`isLate` on the first
 * submission); the content and the evidence list are frozen into the event so this revision stays readable.
 */
export async function submitReport(ctx: AppContext, actor: Actor, id: string, input: { version?: number }): Promise<ReportView> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const a = await loadReport(trx, actor, id, { evidence: true, reminders: true, healthInputs: true });
    const { report, access } = a;
    const context = await reportContextFor(trx, access.task, report.periodKey, a.periodLocked);
    const evidence = a.evidence ?? [];
    const snapshot = { ...snapshotOf(report, a.history), final: report.final ? { summary: report.summary, evidenceCount: evidence.length } : null };
    const result = reportTransition({ action: 'submit', report: snapshot, actor: reportActorOf(actor, access.capacities), context, now });
    if (!result.ok) throw refusal(result);
    if (result.event.type !== 'report.submitted') throw new Error(`submit produced ${result.event.type}`);
    const version = input.version ?? report.version;
    const updated = await writeTransition(trx, actor, { report, version, event: result.event, events: a.events.map((e) => e.event), submittedAt: now, now, taskTitle: access.task.title });
    // A first submission counts once, on time or late; resubmissions after a return do not count again.
    if (a.history.firstSubmittedAt === null) await bumpReportCounters(trx, report.taskId, report.unitId, { submitted: 1, onTime: result.event.late ? 0 : 1 });
    const submitted: StoredReportEvent = {
      id: newId(now.getTime()),
      event: result.event,
      snapshot: { late: result.event.late, content: contentOf(report), evidence: evidence.map((e) => ({ id: e.id, filename: e.filename, sha256: e.sha256, byteSize: e.byteSize })) },
    };
    await insertEvent(trx, { ...submitted, reportId: id, snapshot: submitted.snapshot! });
    const audit: AuditEntry = {
      action: 'report.submitted',
      objectType: 'report',
      objectId: id,
      before: { state: a.history.state, revision: a.history.revision },
      after: { state: 'submitted', revision: result.event.revision, late: result.event.late, evidence: evidence.length, final: report.final },
      context: { taskId: report.taskId, unitId: report.unitId, periodKey: report.periodKey },
    };
    // The submission's audit event goes in one append with the notice's, which follows it in the chain.
    await notify(trx, ctx, {
      actor,
      auditFirst: [audit],
      kind: 'report_submitted',
      taskId: report.taskId,
      about: noticeAbout(access),
      to: [{ kind: 'supervisors' }],
      params: { periodKey: report.periodKey, reportId: id, ...(report.final ? { final: true } : {}) },
      dedupeKey: ['report_submitted', id, String(result.event.revision)].map(encodeURIComponent).join('|'),
    }, now);
    // The unit acted on the return, and on the reminder that the report was missing: those notices are done with.
    if (a.history.state === 'returned') await resolveNotices(trx, actor, { taskId: report.taskId, kinds: ['report_returned'], reportId: id, cause: 'report.submitted' }, now);
    // Read with the report: with no unread copy (the usual case) there is nothing to settle. Nothing this transaction
    // wrote since is such a reminder.
    if (a.unreadReminders !== false) {
      await resolveNotices(trx, actor, { taskId: report.taskId, kinds: ['remind', 'escalate'], rule: 'report_missing', period: report.periodKey, cause: 'report.submitted' }, now);
    }
    // A report waiting for review changes what the light says ("反馈待审核", not "尚无反馈"). The health inputs were read
    // with the task, before this write; submitting a draft or returned report changes only the latest pending
    // submission among them (no review, no decision, no milestone or child), so they are brought up to date here.
    const inputs = access.healthInputs && {
      ...access.healthInputs,
      pendingSince: access.healthInputs.pendingSince && access.healthInputs.pendingSince > now ? access.healthInputs.pendingSince : now,
    };
    await refreshTaskAndAncestors(trx, report.taskId, now, access.task, inputs);
    // Submitting changes neither the task nor its units, so the access loaded above still holds for the answer.
    return viewOf(actor, access, { report: updated, events: [...a.events, submitted], evidence, locked: context.periodLocked }, now);
  });
}
