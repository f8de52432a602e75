/**
 * Acting on an item settles its notice: the assignment notice once the unit signs, the review request once the
 * report is reviewed, the extension request once it is decided — and a grouped notice once every task it lists is.
 * Every recipient's copy is marked read in the transaction of the act, with one audit event per notice settled.
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/auth/actor.ts';
import { appendAudit } from '../../platform/audit/audit-log.ts';
import type { DB } from '../../platform/db/schema.ts';
import { markNoticeRead, noticesOnTask, settleGroupedTask, type NoticeKind, type NoticeRecord } from './notices.repository.ts';

export interface ResolveNoticesInput {
  taskId: string;
  kinds: readonly NoticeKind[];
  /** Only notices about this report (report notices carry its id). */
  reportId?: string;
  /** Only reminder-rule notices of this rule and period (a missing report, once it is filed). */
  rule?: string;
  period?: string;
  /** What settled them, for the audit event (`task.signed`, `report.accepted` …). */
  cause: string;
}

/** Marks read every copy of the matching notices; returns how many copies changed. */
export async function resolveNotices(trx: Kysely<DB>, actor: Actor, input: ResolveNoticesInput, now: Date): Promise<number> {
  const aboutReport = (n: NoticeRecord) =>
    // Report notices keep the report's id in their params; older ones only in their dedupe key (`kind|report|revision`).
    n.params.reportId === input.reportId || n.dedupeKey.startsWith(`${encodeURIComponent(n.kind)}|${encodeURIComponent(input.reportId ?? '')}|`);
  const notices = (await noticesOnTask(trx, input.taskId, input.kinds)).filter(
    (n) => (input.reportId === undefined || aboutReport(n)) && (input.period === undefined || n.period === input.period) && (input.rule === undefined || n.rule === input.rule),
  );
  // A grouped notice (a bulk assignment) is settled once every task it lists is; report notices are never grouped.
  const grouped = input.reportId === undefined && input.rule === undefined ? await settleGroupedTask(trx, input.taskId, input.kinds, now) : [];
  let total = 0;
  for (const n of [...notices, ...grouped.map((id) => ({ id }))]) {
    const count = await markNoticeRead(trx, n.id, now);
    if (count === 0) continue;
    total += count;
    await appendAudit(
      trx,
      actor,
      { action: 'notice.resolved', objectType: 'notice', objectId: n.id, after: { readAt: now.toISOString(), copies: count, cause: input.cause }, context: { taskId: input.taskId } },
      now,
    );
  }
  return total;
}
