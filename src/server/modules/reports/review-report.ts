/** The supervisor's side of a report (审核): accept it, or return it with a reason (退回). */
import { foldReportEvents, reportTransition, type ReportAction } from '../../../core/reports/index.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { appendAudit } from '../../platform/audit/audit-log.ts';
import type { AppContext } from '../../platform/context.ts';
import { versionConflict } from '../../platform/errors.ts';
import { currentVersion } from '../../platform/db/sql-helpers.ts';
import { newId } from '../../platform/ids.ts';
import { notify, resolveNotices } from '../notices/index.ts';
import { loadTask, refreshTaskAndAncestors, type AcceptanceEffects } from '../tasks/index.ts';
import { loadReport, noticeAbout, refusal, reportContextFor, snapshotOf } from './report-access.ts';
import { viewOf, type ReportView } from './report-queries.ts';
import { reportActorOf } from './reports.policy.ts';
import { insertEvent, listEvidence, updateReportRow, type StoredReportEvent } from './reports.repository.ts';
import { bumpReportCounters } from './report-counters.repository.ts';
import { applyAcceptance } from './task-effects.ts';

async function review(ctx: AppContext, actor: Actor, id: string, action: Extract<ReportAction, 'accept' | 'return'>, input: { version?: number; reason?: string }): Promise<ReportView> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const a = await loadReport(trx, actor, id);
    const { report, access } = a;
    const context = await reportContextFor(trx, access.task, report.periodKey, a.periodLocked);
    const result = reportTransition({ action, report: snapshotOf(report, a.history), actor: reportActorOf(actor, access.capacities), context, now, reason: input.reason });
    if (!result.ok) throw refusal(result);
    const history = foldReportEvents([...a.events.map((e) => e.event), result.event]);
    const updated = await updateReportRow(trx, id, input.version ?? report.version, { history, reviewedBy: actor.kind === 'user' ? actor.id : null, reviewedAt: now, now });
    if (!updated) throw versionConflict('report', await currentVersion(trx, 'reports', id));
    const reviewed: StoredReportEvent = { id: newId(now.getTime()), event: result.event, snapshot: null };
    await insertEvent(trx, { id: reviewed.id, reportId: id, event: reviewed.event });
    const reason = result.event.type === 'report.returned' ? result.event.reason : undefined;
    await appendAudit(
      trx,
      actor,
      {
        action: result.event.type,
        objectType: 'report',
        objectId: id,
        before: { state: a.history.state, revision: a.history.revision },
        after: { state: result.to, revision: a.history.revision },
        context: { taskId: report.taskId, unitId: report.unitId, periodKey: report.periodKey, ...(reason ? { reason } : {}) },
      },
      now,
    );
    // The review request has been acted on.
    await resolveNotices(trx, actor, { taskId: report.taskId, kinds: ['report_submitted'], reportId: id, cause: result.event.type }, now);
    // The reporting unit hears of the decision (its liaisons and the author, who may have moved on since).
    const to = [{ kind: 'unit_liaisons' as const, unitId: report.unitId }, { kind: 'user' as const, userId: report.authorId }];
    const about = { periodKey: report.periodKey, reportId: id, ...(report.final ? { final: true } : {}) };
    let effects: AcceptanceEffects | null = null;
    if (result.to === 'accepted') {
      await bumpReportCounters(trx, report.taskId, report.unitId, { accepted: 1, acceptedFirst: a.history.revision === 1 ? 1 : 0 });
      effects = await applyAcceptance(trx, actor, access.task, updated, now);
      await notify(trx, ctx, {
        actor,
        kind: 'report_accepted',
        taskId: report.taskId,
        about: noticeAbout(access),
        to,
        params: about,
        dedupeKey: ['report_accepted', id, String(a.history.revision)].map(encodeURIComponent).join('|'),
      }, now);
    } else {
      // A return counts towards "returned in a row", which lights the task yellow or red.
      await refreshTaskAndAncestors(trx, report.taskId, now, access.task);
      await notify(trx, ctx, {
        actor,
        kind: 'report_returned',
        taskId: report.taskId,
        about: noticeAbout(access),
        to,
        params: { reason, ...about },
        dedupeKey: ['report_returned', id, String(a.history.revision)].map(encodeURIComponent).join('|'),
      }, now);
    }
    const evidence = (await listEvidence(trx, [id])).get(id) ?? [];
    // An acceptance that started a signed task changed its state: the answer's abilities read the task as it is now.
    const current = effects?.started ? await loadTask(trx, actor, report.taskId) : access;
    return viewOf(actor, current, { report: updated, events: [...a.events, reviewed], evidence, locked: context.periodLocked }, now);
  });
}

/**
 * Accepts a submitted report (a supervisor of the programme who did not write it). On the task: the lead unit's
 * figure becomes its progress, milestones reported done are marked done, and a signed task starts.
 */
export async function acceptReport(ctx: AppContext, actor: Actor, id: string, input: { version?: number }): Promise<ReportView> {
  return review(ctx, actor, id, 'accept', input);
}

/** Returns a submitted report to its unit with a reason; the reason stays in the report's history. */
export async function returnReport(ctx: AppContext, actor: Actor, id: string, input: { version?: number; reason: string }): Promise<ReportView> {
  return review(ctx, actor, id, 'return', input);
}
