/**
 * Notices: the caller's in-app notifications, manual reminders (催办), webhooks (generic signed JSON, DingTalk /
 * WeCom / Feishu group robots) and the delivery outbox. Never a webhook secret in a response.
 */
import { Type, type Static } from 'typebox';
import {
  NOTICE_KINDS,
  NOTICE_LOCALES,
  OUTBOX_CHANNELS,
  OUTBOX_STATUSES,
  WEBHOOK_FORMATS } from '../core/notices/index.ts';
import { IdParams, NoContent, Nullable } from './common.ts';
import { endpoint } from './endpoint.ts';
import { Literals } from './literals.ts';

// Built from the core's arrays; the casts keep the unions' types (a mapped array loses its literals).
export const NoticeKindSchema = Literals(NOTICE_KINDS);
export const NoticeLocaleSchema = Literals(NOTICE_LOCALES);
export const WebhookFormatSchema = Literals(WEBHOOK_FORMATS);
export const OutboxStatusSchema = Literals(OUTBOX_STATUSES);
export const OutboxChannelSchema = Literals(OUTBOX_CHANNELS);

const Cursor = Type.String({ minLength: 1, maxLength: 64 });

export const NotificationResponse = Type.Object({
  id: Type.String(),
  noticeId: Type.String(),
  kind: NoticeKindSchema,
  rule: Type.String(),
  title: Type.String(),
  body: Type.String(),
  /** The task to open, or null: no task, or one the reader may no longer open (then `noLongerYours`). */
  taskId: Nullable(Type.String()),
  taskTitle: Nullable(Type.String()),
  /** The notice is about a task that is no longer the reader's (reassigned away, unit removed): shown without a link. */
  noLongerYours: Type.Boolean(),
  /** A grouped notice (a bulk action): its tasks, each with a link when the reader may still open it. */
  items: Nullable(Type.Array(Type.Object({ taskId: Nullable(Type.String()), title: Type.String(), dueDate: Nullable(Type.String()) }))),
  createdAt: Type.String(),
  readAt: Nullable(Type.String()) });
export type NotificationResponse = Static<typeof NotificationResponse>;

export const NotificationListQuery = Type.Object({
  unread: Type.Optional(Type.Boolean()),
  before: Type.Optional(Cursor),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  locale: Type.Optional(NoticeLocaleSchema) }, { additionalProperties: false });
export type NotificationListQuery = Static<typeof NotificationListQuery>;

export const LocaleQuery = Type.Object({ locale: Type.Optional(NoticeLocaleSchema) }, { additionalProperties: false });

export const CountResponse = Type.Object({ count: Type.Integer() });
export type CountResponse = Static<typeof CountResponse>;

export const ManualReminderBody = Type.Object({
  message: Type.Optional(Nullable(Type.String({ maxLength: 500 }))) }, { additionalProperties: false });
export type ManualReminderBody = Static<typeof ManualReminderBody>;

export const ManualReminderResponse = Type.Object({
  noticeId: Type.String(),
  taskId: Type.String(),
  createdAt: Type.String(),
  recipients: Type.Integer(),
  deliveries: Type.Object({ email: Type.Integer(), webhook: Type.Integer() }) });
export type ManualReminderResponse = Static<typeof ManualReminderResponse>;

export const WebhookResponse = Type.Object({
  id: Type.String(),
  name: Type.String(),
  url: Type.String(),
  format: WebhookFormatSchema,
  hasSecret: Type.Boolean(),
  /** null: every programme. */
  programmeId: Nullable(Type.String()),
  active: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  version: Type.Integer() });
export type WebhookResponse = Static<typeof WebhookResponse>;

const WebhookName = Type.String({ minLength: 1, maxLength: 100 });
const WebhookUrl = Type.String({ minLength: 1, maxLength: 2000 });
const Secret = Type.String({ maxLength: 500 });

export const CreateWebhookBody = Type.Object({
  name: WebhookName,
  url: WebhookUrl,
  format: WebhookFormatSchema,
  secret: Type.Optional(Nullable(Secret)),
  programmeId: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
  active: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
export type CreateWebhookBody = Static<typeof CreateWebhookBody>;

/** A change: only the fields sent are changed. `secret`: a string replaces it, null removes it, absent keeps it. */
export const UpdateWebhookBody = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  name: Type.Optional(WebhookName),
  url: Type.Optional(WebhookUrl),
  format: Type.Optional(WebhookFormatSchema),
  secret: Type.Optional(Nullable(Secret)),
  programmeId: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
  active: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
export type UpdateWebhookBody = Static<typeof UpdateWebhookBody>;

/** What the receiver of a test message answered (status null when it could not be reached). */
export const WebhookTestResponse = Type.Object({ ok: Type.Boolean(), status: Nullable(Type.Integer()), error: Nullable(Type.String()) });
export type WebhookTestResponse = Static<typeof WebhookTestResponse>;

export const OutboxListQuery = Type.Object({
  status: Type.Optional(OutboxStatusSchema),
  before: Type.Optional(Cursor),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) }, { additionalProperties: false });
export type OutboxListQuery = Static<typeof OutboxListQuery>;

/** One delivery: an e-mail to an address, or a POST to a webhook. */
export const OutboxRowResponse = Type.Object({
  id: Type.String(),
  noticeId: Type.String(),
  channel: OutboxChannelSchema,
  /** The e-mail address, or the webhook's id. */
  target: Type.String(),
  /** The webhook's current name; null for e-mail and for a deleted webhook. */
  webhookName: Nullable(Type.String()),
  status: OutboxStatusSchema,
  attempts: Type.Integer(),
  nextAttemptAt: Type.String(),
  lastError: Nullable(Type.String()),
  sentAt: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  /** `title` is worded in Simplified Chinese by the server. */
  notice: Nullable(
    Type.Object({ kind: NoticeKindSchema, rule: Type.String(), taskId: Nullable(Type.String()), title: Type.String(), createdAt: Type.String() }),
  ) });
export type OutboxRowResponse = Static<typeof OutboxRowResponse>;

export const noticesEndpoints = {
  notifications: endpoint({ method: 'GET', path: '/api/v1/notifications', querystring: NotificationListQuery, response: { 200: Type.Object({ items: Type.Array(NotificationResponse) }) } }),
  unreadCount: endpoint({ method: 'GET', path: '/api/v1/notifications/unread-count', response: { 200: CountResponse } }),
  markRead: endpoint({ method: 'POST', path: '/api/v1/notifications/:id/read', params: IdParams, querystring: LocaleQuery, response: { 200: NotificationResponse } }),
  markAllRead: endpoint({ method: 'POST', path: '/api/v1/notifications/read-all', response: { 200: CountResponse } }),
  remind: endpoint({ method: 'POST', path: '/api/v1/tasks/:id/reminders', params: IdParams, body: ManualReminderBody, response: { 201: ManualReminderResponse } }),
  webhooks: endpoint({ method: 'GET', path: '/api/v1/webhooks', response: { 200: Type.Object({ items: Type.Array(WebhookResponse) }) } }),
  webhook: endpoint({ method: 'GET', path: '/api/v1/webhooks/:id', params: IdParams, response: { 200: WebhookResponse } }),
  createWebhook: endpoint({ method: 'POST', path: '/api/v1/webhooks', body: CreateWebhookBody, response: { 201: WebhookResponse } }),
  updateWebhook: endpoint({ method: 'PATCH', path: '/api/v1/webhooks/:id', params: IdParams, body: UpdateWebhookBody, response: { 200: WebhookResponse } }),
  deleteWebhook: endpoint({ method: 'DELETE', path: '/api/v1/webhooks/:id', params: IdParams, response: { 204: NoContent } }),
  testWebhook: endpoint({ method: 'POST', path: '/api/v1/webhooks/:id/test', params: IdParams, response: { 200: WebhookTestResponse } }),
  outbox: endpoint({ method: 'GET', path: '/api/v1/outbox', querystring: OutboxListQuery, response: { 200: Type.Object({ items: Type.Array(OutboxRowResponse) }) } }),
  retryOutbox: endpoint({ method: 'POST', path: '/api/v1/outbox/:id/retry', params: IdParams, response: { 200: OutboxRowResponse } }) };
