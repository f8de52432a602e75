/**
 * The reports module's half of an acceptance: which progress figure the task takes. The task-side writes are the
 * tasks module's (`applyAcceptedReport`).
 */
import type { Kysely } from 'kysely';
import { periodByKey } from '../../../core/reports/index.ts';
import { periodKeyBounds } from '../../../core/time.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { DB } from '../../platform/db/schema.ts';
import { applyAcceptedReport, type AcceptanceEffects, type Task } from '../tasks/index.ts';
import { REPORT_TZ } from './report-access.ts';
import { acceptedReportsOfUnit, type Report } from './reports.repository.ts';

// The last day a period covers, to order a unit's reports in time whatever the cadence was when each was written.
function periodEnd(task: Task, key: string): string {
  const p = task.cadence ? periodByKey(task.cadence, key, REPORT_TZ) : null;
  return p?.end ?? periodKeyBounds(key)?.end ?? key;
}

/**
 * The task's own progress figure after an acceptance: the lead unit's accepted report for the latest period. A
 * co-unit reports on its part only, so its figure never stands for the whole task; and accepting a late report
 * for an earlier period does not roll the figure back. An accepted final report (总结) speaks for the whole task,
 * so it wins over the ordinary ones.
 */
export async function leadProgressAfterAcceptance(db: Kysely<DB>, task: Task, report: Report): Promise<number | null> {
  if (report.unitId !== task.leadUnitId) return null;
  const all = await acceptedReportsOfUnit(db, task.id, report.unitId);
  const finals = all.filter((r) => r.final);
  const accepted = finals.length ? finals : all;
  let latest: Report | null = null;
  for (const r of accepted) {
    if (
      latest === null ||
      periodEnd(task, r.periodKey) > periodEnd(task, latest.periodKey) ||
      (periodEnd(task, r.periodKey) === periodEnd(task, latest.periodKey) && (r.reviewedAt?.getTime() ?? 0) > (latest.reviewedAt?.getTime() ?? 0))
    ) {
      latest = r;
    }
  }
  return latest?.progress ?? null;
}

/** Applies an accepted report to its task: the lead unit's latest figure, the milestones it reports done. */
export async function applyAcceptance(trx: Kysely<DB>, actor: Actor, task: Task, report: Report, now: Date): Promise<AcceptanceEffects> {
  return applyAcceptedReport(trx, actor, task, {
    reportId: report.id,
    progress: await leadProgressAfterAcceptance(trx, task, report),
    milestoneIdsDone: report.milestoneUpdates.filter((u) => u.done).map((u) => u.milestoneId),
  }, now);
}
