/**
 * Retention of delivery records: outbox rows that were sent or gave up, and in-app notifications already read, are
 * removed once older than `outboxRetentionDays`. Notices themselves stay: they are the tasks' history on the
 * timeline and the record that makes each reminder exactly-once (removing one could let a sweep send it again).
 */
import { systemActor } from '../../platform/auth/actor.ts';
import { appendAudit } from '../../platform/audit/audit-log.ts';
import type { AppContext } from '../../platform/context.ts';
import { deleteReadNotifications } from './notices.repository.ts';
import { deleteFinishedOutboxRows } from './outbox.repository.ts';

export interface RetentionResult {
  outbox: number;
  notifications: number;
}

/** Deletes delivery records past the retention period, with one audit event saying how many. */
export async function pruneDeliveryRecords(ctx: AppContext, now: Date): Promise<RetentionResult> {
  const days = ctx.config.outboxRetentionDays;
  if (days <= 0) return { outbox: 0, notifications: 0 };
  const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const result = { outbox: await deleteFinishedOutboxRows(trx, cutoff), notifications: await deleteReadNotifications(trx, cutoff) };
    if (result.outbox + result.notifications > 0) {
      await appendAudit(trx, systemActor('retention'), { action: 'deliveries.pruned', objectType: 'outbox', objectId: 'retention', after: result, context: { olderThan: cutoff, days } }, now);
    }
    return result;
  });
}

const DAY_MS = 86_400_000;
const lastRun = new WeakMap<AppContext, number>();

/** The scheduler job: prunes at most once a day per process (any instance may; the deletes are idempotent). */
export const RETENTION_JOB = {
  name: 'notices.retention',
  async run(ctx: AppContext, now: Date): Promise<RetentionResult | null> {
    const last = lastRun.get(ctx);
    if (last !== undefined && now.getTime() - last < DAY_MS) return null;
    lastRun.set(ctx, now.getTime());
    return pruneDeliveryRecords(ctx, now);
  },
};
