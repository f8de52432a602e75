/** The notice core: which reminders and escalations are due, and how they go out by webhook. Import from here only. */
export { defaultReminderConfig, dueNotices, noticeDedupeKey, reminderConfigProblems } from './reminder-rules.ts';
export type {
  Audience,
  Notice,
  NoticeKind,
  NoticeParams,
  NoticeRule,
  ReminderConfig,
  ReminderTaskSnapshot,
} from './reminder-rules.ts';

export {
  NOTICE_LOCALES,
  WEBHOOK_FORMATS,
  WEBHOOK_TEXT_LIMIT_BYTES,
  buildWebhookPayload,
  defaultRetryPolicy,
  noticeText,
  retryDelayMs,
  truncateUtf8,
} from './webhook-formats.ts';
export type {
  DingTalkPayload,
  FeishuPayload,
  GenericPayload,
  NoticeLocale,
  PayloadOptions,
  RetryPolicy,
  WeComPayload,
  WebhookFormat,
  WebhookPayload,
} from './webhook-formats.ts';

export { NOTICE_KINDS, OUTBOX_CHANNELS, OUTBOX_STATUSES } from './delivery.ts';
export type { OutboxChannel, OutboxStatus, StoredNoticeKind } from './delivery.ts';
