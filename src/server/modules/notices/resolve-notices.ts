/**
 * Acting on an item settles its notice: the assignment notice once the unit signs, the review request once the
 * report is reviewed, the extension request once it is decided — and a grouped notice once every task it lists is.
 * Every recipient's copy is marked read in the transaction of the act, with one audit event per notice settled.
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/auth/actor.ts';
import { appendAudit } from '../../platform/audit/audit-log.ts';
import type { DB } from '../../platform/db/schema.ts';
import { markMatchingNoticesRead, markNoticeRead, settleGroupedTask, type NoticeKind } from './notices.repository.ts';

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
  const { taskId, kinds, reportId, rule, period } = input;
  // Straight to the update: an act usually settles no notice, and then this costs one statement.
  const settled = await markMatchingNoticesRead(trx, { taskId, kinds, reportId, rule, period }, now);
  // A grouped notice (a bulk assignment) is settled once every task it lists is; report notices are never grouped.
  const grouped = reportId === undefined && rule === undefined ? await settleGroupedTask(trx, taskId, kinds, now) : [];
  for (const id of grouped) {
    const copies = await markNoticeRead(trx, id, now);
    if (copies > 0) settled.push({ noticeId: id, copies });
  }
  let total = 0;
  for (const { noticeId, copies } of settled) {
    total += copies;
    await appendAudit(
      trx,
      actor,
      { action: 'notice.resolved', objectType: 'notice', objectId: noticeId, after: { readAt: now.toISOString(), copies, cause: input.cause }, context: { taskId } },
      now,
    );
  }
  return total;
}
