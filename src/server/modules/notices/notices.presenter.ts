/** Notices, notifications, webhooks and outbox rows → API shapes (never a webhook secret). */
import type { NoticeLocale } from '../../../core/notices/index.ts';
import type { ManualReminderResponse, NotificationResponse, OutboxRowResponse, WebhookResponse } from '../../../contract/notices.ts';
import { renderNotice, UNLINKED_KINDS } from './notice-text.ts';
import type { NotificationRecord } from './notices.repository.ts';
import type { OutboxListItem, OutboxRecord } from './outbox.repository.ts';
import type { Webhook } from './webhooks.repository.ts';
import type { ManualReminderResult } from './manual-reminder.ts';

/** A notification in the reader's language; `visible` holds the tasks the reader may still open. */
export function presentNotification(n: NotificationRecord, locale: NoticeLocale, visible: ReadonlySet<string>): NotificationResponse {
  const { title, text } = renderNotice(n.notice, locale);
  const taskId = n.notice.taskId;
  // Never a link to a task that would answer 404: the notice stays, worded as sent, without the link.
  const open = taskId !== null && visible.has(taskId) && !UNLINKED_KINDS.has(n.notice.kind);
  const items = n.notice.params.items;
  return {
    id: n.id,
    noticeId: n.notice.id,
    kind: n.notice.kind,
    rule: n.notice.rule,
    title,
    body: text,
    taskId: open ? taskId : null,
    taskTitle: n.currentTaskTitle ?? n.notice.taskTitle,
    noLongerYours: taskId !== null && !open,
    items: items ? items.map((it) => ({ taskId: visible.has(it.taskId) ? it.taskId : null, title: it.title, dueDate: it.dueDate })) : null,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
  };
}

export function presentManualReminder(r: ManualReminderResult): ManualReminderResponse {
  return { noticeId: r.noticeId, taskId: r.taskId, createdAt: r.createdAt.toISOString(), recipients: r.recipients, deliveries: r.deliveries };
}

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
