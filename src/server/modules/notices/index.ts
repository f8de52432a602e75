/** The notices module's public surface: other modules import only from here. */
import type { AppContext } from '../../platform/context.ts';
import { closeNoticeTransports, deliverOutbox } from './deliver.ts';
import { sweepNotices } from './sweep.ts';

export { noticeRoutes } from './notices.routes.ts';
export { sweepNotices, resolveReminderConfig, type SweepOptions, type SweepResult } from './sweep.ts';
export { deliverOutbox, closeNoticeTransports, type DeliverOptions, type DeliverResult } from './deliver.ts';
export { registerTaskNotices } from './task-notices.ts';
export { resolveNotices, type ResolveNoticesInput } from './resolve-notices.ts';
export { taskNoticeHistory, type TaskNoticeEntry } from './task-notice-history.ts';
export { hasNotifications, mayRemindOn, maySendReminders } from './notices.policy.ts';
export { notify, type NotifyInput, type NotifyKind, type NotifyRecipient } from './notify.ts';
export type { TaskFacts } from './read-model.ts';
export { notifyPeriodLock, type PeriodLockNotice } from './period-notices.ts';
export type { RecordedNotice } from './record-notice.ts';
export { recordManualReminder, remindTask, MANUAL_REMINDER_SPACING_MS, type ManualReminderResult } from './manual-reminder.ts';
export type { MessageParams, NoticeKind } from './notices.repository.ts';
export { unreadMissingReportReminders } from './notices.repository.ts';
export { buildWebhookRequest, dingtalkSign, feishuSign, verifyGenericSignature, type WebhookRequest } from './webhook-signing.ts';
export { outboxQueueDepth } from './outbox.repository.ts';
export { startImmediateDelivery, signalOutbox, OUTBOX_CHANNEL, type ImmediateDelivery, type ImmediateOptions } from './immediate.ts';
export { pruneDeliveryRecords, RETENTION_JOB, type RetentionResult } from './retention.ts';

/** A unit of background work the scheduler runs; `close` releases what `run` opened (connections, transports). */
export interface NoticeJob {
  name: string;
  run(ctx: AppContext, now: Date, signal: AbortSignal): Promise<unknown>;
  close?(ctx: AppContext): Promise<void> | void;
}

/** The notice jobs in the order they must run: record what is due, then deliver it. */
export const NOTICE_JOBS: readonly NoticeJob[] = [
  { name: 'notices.sweep', run: (ctx, now, signal) => sweepNotices(ctx, now, { signal }) },
  { name: 'notices.deliver', run: (ctx, now, signal) => deliverOutbox(ctx, now, { signal }), close: (ctx) => closeNoticeTransports(ctx) },
];
export { existingDedupeKeys as existingNoticeKeys } from './notices.repository.ts';
export { remindedSinceDue } from './notice-subqueries.repository.ts';
export { provideReportStates, type ReportStates } from './report-port.ts';
