/** Notices, notifications, webhooks and outbox rows → API shapes (never a webhook secret). */
import { Type, type Static } from 'typebox';
import type { NoticeLocale } from '../../../core/notices/index.ts';
import { Nullable } from '../../platform/http/schemas.ts';
import { renderNotice } from './notice-text.ts';
import type { NotificationRecord } from './notices.repository.ts';
import type { OutboxListItem, OutboxRecord } from './outbox.repository.ts';
import type { Webhook } from './webhooks.repository.ts';
import type { ManualReminderResult } from './manual-reminder.ts';

export const NotificationResponse = Type.Object({
  id: Type.String(),
  noticeId: Type.String(),
  kind: Type.String(),
  rule: Type.String(),
  title: Type.String(),
  body: Type.String(),
  taskId: Nullable(Type.String()),
  taskTitle: Nullable(Type.String()),
  createdAt: Type.String(),
  readAt: Nullable(Type.String()),
});
export type NotificationResponse = Static<typeof NotificationResponse>;

export function presentNotification(n: NotificationRecord, locale: NoticeLocale): NotificationResponse {
  const { title, text } = renderNotice(n.notice, locale);
  return {
    id: n.id,
    noticeId: n.notice.id,
    kind: n.notice.kind,
    rule: n.notice.rule,
    title,
    body: text,
    taskId: n.notice.taskId,
    taskTitle: n.currentTaskTitle ?? n.notice.taskTitle,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
  };
}

export const ManualReminderResponse = Type.Object({
  noticeId: Type.String(),
  taskId: Type.String(),
  createdAt: Type.String(),
  recipients: Type.Integer(),
  deliveries: Type.Object({ email: Type.Integer(), webhook: Type.Integer() }),
});

export function presentManualReminder(r: ManualReminderResult): Static<typeof ManualReminderResponse> {
  return { noticeId: r.noticeId, taskId: r.taskId, createdAt: r.createdAt.toISOString(), recipients: r.recipients, deliveries: r.deliveries };
}

export const WebhookResponse = Type.Object({
  id: Type.String(),
  name: Type.String(),
  url: Type.String(),
  format: Type.String(),
  hasSecret: Type.Boolean(),
  programmeId: Nullable(Type.String()),
  active: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  version: Type.Integer(),
});
export type WebhookResponse = Static<typeof WebhookResponse>;

export function presentWebhook(w: Webhook): WebhookResponse {
  return {
    id: w.id,
    name: w.name,
    url: w.url,
    format: w.format,
    hasSecret: w.secret !== null,
    programmeId: w.programmeId,
    active: w.active,
    createdAt: w.createdAt.toISOString(),
    updatedAt: w.updatedAt.toISOString(),
    version: w.version,
  };
}

export const OutboxRowResponse = Type.Object({
  id: Type.String(),
  noticeId: Type.String(),
  channel: Type.String(),
  target: Type.String(),
  webhookName: Nullable(Type.String()),
  status: Type.String(),
  attempts: Type.Integer(),
  nextAttemptAt: Type.String(),
  lastError: Nullable(Type.String()),
  sentAt: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  notice: Nullable(
    Type.Object({ kind: Type.String(), rule: Type.String(), taskId: Nullable(Type.String()), title: Type.String(), createdAt: Type.String() }),
  ),
});
export type OutboxRowResponse = Static<typeof OutboxRowResponse>;

export function presentOutboxRow(r: OutboxRecord | OutboxListItem): OutboxRowResponse {
  const item = 'notice' in r ? r : null;
  return {
    id: r.id,
    noticeId: r.noticeId,
    channel: r.channel,
    target: r.target,
    webhookName: item?.webhookName ?? null,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.nextAttemptAt.toISOString(),
    lastError: r.lastError,
    sentAt: r.sentAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    notice: item
      ? { kind: item.notice.kind, rule: item.notice.rule, taskId: item.notice.taskId, title: renderNotice(item.notice, 'zh-Hans').title, createdAt: item.notice.createdAt.toISOString() }
      : null,
  };
}
