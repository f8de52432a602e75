/** HTTP for notices: the caller's in-app notifications, manual reminders (催办), webhooks and the outbox. */
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/types.ts';
import { errorResponses, IdParams } from '../../platform/http/schemas.ts';
import { remindTask } from './manual-reminder.ts';
import { countMyUnread, listMyNotifications, markAllNotificationsRead, markNotificationRead } from './notifications.service.ts';
import {
  ManualReminderResponse,
  NotificationResponse,
  OutboxRowResponse,
  WebhookResponse,
  presentManualReminder,
  presentNotification,
  presentOutboxRow,
  presentWebhook,
} from './notices.presenter.ts';
import { CreateWebhookBody, LocaleQuery, ManualReminderBody, NotificationListQuery, OutboxListQuery, UpdateWebhookBody, WebhookTestResponse } from './notices.schemas.ts';
import { createWebhook, deleteWebhook, getWebhook, listOutbox, listWebhooks, retryOutboxRow, testWebhook, updateWebhook } from './webhooks.service.ts';

export async function noticeRoutes(app: App, ctx: AppContext): Promise<void> {
  // In-app notifications carry no permission: every signed-in user has their own, and only their own.
  app.get('/api/v1/notifications', {
    schema: {
      tags: ['notifications'],
      summary: 'Your notifications, newest first; page with `before` = the last id you received',
      querystring: NotificationListQuery,
      response: { 200: Type.Object({ items: Type.Array(NotificationResponse) }), ...errorResponses },
    },
  }, async (req) => {
    const { items, locale, visible } = await listMyNotifications(ctx, req.actor!, req.query);
    return { items: items.map((n) => presentNotification(n, locale, visible)) };
  });

  app.get('/api/v1/notifications/unread-count', {
    schema: { tags: ['notifications'], summary: 'How many of your notifications are unread', response: { 200: Type.Object({ count: Type.Integer() }), ...errorResponses } },
  }, async (req) => ({ count: await countMyUnread(ctx, req.actor!) }));

  app.post('/api/v1/notifications/:id/read', {
    schema: { tags: ['notifications'], summary: 'Mark one of your notifications read', params: IdParams, querystring: LocaleQuery, response: { 200: NotificationResponse, ...errorResponses } },
  }, async (req) => {
    const { item, locale, visible } = await markNotificationRead(ctx, req.actor!, req.params.id, req.query.locale);
    return presentNotification(item, locale, visible);
  });

  app.post('/api/v1/notifications/read-all', {
    schema: { tags: ['notifications'], summary: 'Mark all your notifications read', response: { 200: Type.Object({ count: Type.Integer() }), ...errorResponses } },
  }, async (req) => ({ count: await markAllNotificationsRead(ctx, req.actor!) }));

  app.post('/api/v1/tasks/:id/reminders', {
    config: { permission: 'notice.remind' },
    schema: {
      tags: ['notices'],
      summary: "Send a 催办 by hand to the task's units (supervisors of its programme; once per 10 minutes)",
      params: IdParams,
      body: ManualReminderBody,
      response: { 201: ManualReminderResponse, ...errorResponses },
    },
  }, async (req, reply) => reply.status(201).send(presentManualReminder(await remindTask(ctx, req.actor!, req.params.id, req.body ?? {}))));

  app.get('/api/v1/webhooks', {
    config: { permission: 'webhook.manage' },
    schema: { tags: ['webhooks'], summary: 'Webhooks (secrets are never returned)', response: { 200: Type.Object({ items: Type.Array(WebhookResponse) }), ...errorResponses } },
  }, async (req) => ({ items: (await listWebhooks(ctx, req.actor!)).map(presentWebhook) }));

  app.get('/api/v1/webhooks/:id', {
    config: { permission: 'webhook.manage' },
    schema: { tags: ['webhooks'], summary: 'One webhook', params: IdParams, response: { 200: WebhookResponse, ...errorResponses } },
  }, async (req) => presentWebhook(await getWebhook(ctx, req.actor!, req.params.id)));

  app.post('/api/v1/webhooks', {
    config: { permission: 'webhook.manage' },
    schema: {
      tags: ['webhooks'],
      summary: 'Add a webhook (generic JSON signed with HMAC-SHA256, or a DingTalk / WeCom / Feishu group robot)',
      body: CreateWebhookBody,
      response: { 201: WebhookResponse, ...errorResponses },
    },
  }, async (req, reply) => reply.status(201).send(presentWebhook(await createWebhook(ctx, req.actor!, req.body))));

  app.patch('/api/v1/webhooks/:id', {
    config: { permission: 'webhook.manage' },
    schema: {
      tags: ['webhooks'],
      summary: 'Change a webhook; `secret: null` removes the secret, leaving it out keeps it',
      params: IdParams,
      body: UpdateWebhookBody,
      response: { 200: WebhookResponse, ...errorResponses },
    },
  }, async (req) => presentWebhook(await updateWebhook(ctx, req.actor!, req.params.id, req.body)));

  app.delete('/api/v1/webhooks/:id', {
    config: { permission: 'webhook.manage' },
    schema: { tags: ['webhooks'], summary: 'Delete a webhook; its undelivered messages become dead', params: IdParams, response: { 204: Type.Null(), ...errorResponses } },
  }, async (req, reply) => {
    await deleteWebhook(ctx, req.actor!, req.params.id);
    return reply.status(204).send(null);
  });

  app.post('/api/v1/webhooks/:id/test', {
    config: { permission: 'webhook.manage' },
    schema: { tags: ['webhooks'], summary: 'Send a test message now and report the HTTP status', params: IdParams, response: { 200: WebhookTestResponse, ...errorResponses } },
  }, async (req) => testWebhook(ctx, req.actor!, req.params.id));

  app.get('/api/v1/outbox', {
    config: { permission: 'webhook.manage' },
    schema: {
      tags: ['webhooks'],
      summary: 'Deliveries (e-mail and webhook), newest first, by status',
      querystring: OutboxListQuery,
      response: { 200: Type.Object({ items: Type.Array(OutboxRowResponse) }), ...errorResponses },
    },
  }, async (req) => ({ items: (await listOutbox(ctx, req.actor!, req.query)).map(presentOutboxRow) }));

  app.post('/api/v1/outbox/:id/retry', {
    config: { permission: 'webhook.manage' },
    schema: { tags: ['webhooks'], summary: 'Requeue a dead delivery with a fresh retry budget', params: IdParams, response: { 200: OutboxRowResponse, ...errorResponses } },
  }, async (req) => presentOutboxRow(await retryOutboxRow(ctx, req.actor!, req.params.id)));
}
