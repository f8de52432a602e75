/** HTTP for notices: the caller's in-app notifications, manual reminders (催办), webhooks and the outbox. */
import { noticesEndpoints as ep } from '../../../contract/notices.ts';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/types.ts';
import { routeSchema } from '../../platform/http/endpoint.ts';
import { remindTask } from './manual-reminder.ts';
import { countMyUnread, listMyNotifications, markAllNotificationsRead, markNotificationRead } from './notifications.service.ts';
import { presentManualReminder, presentNotification, presentOutboxRow, presentWebhook } from './notices.presenter.ts';
import { createWebhook, deleteWebhook, getWebhook, listOutbox, listWebhooks, retryOutboxRow, testWebhook, updateWebhook } from './webhooks.service.ts';

export async function noticeRoutes(app: App, ctx: AppContext): Promise<void> {
  // In-app notifications carry no permission: every signed-in user has their own, and only their own.
  app.get(ep.notifications.path, {
    schema: routeSchema(ep.notifications, { tags: ['notifications'], summary: 'Your notifications, newest first; page with `before` = the last id you received' }),
  }, async (req) => {
    const { items, locale, visible } = await listMyNotifications(ctx, req.actor!, req.query);
    return { items: items.map((n) => presentNotification(n, locale, visible)) };
  });

  app.get(ep.unreadCount.path, {
    schema: routeSchema(ep.unreadCount, { tags: ['notifications'], summary: 'How many of your notifications are unread' }),
  }, async (req) => ({ count: await countMyUnread(ctx, req.actor!) }));

  app.post(ep.markRead.path, {
    schema: routeSchema(ep.markRead, { tags: ['notifications'], summary: 'Mark one of your notifications read' }),
  }, async (req) => {
    const { item, locale, visible } = await markNotificationRead(ctx, req.actor!, req.params.id, req.query.locale);
    return presentNotification(item, locale, visible);
  });

  app.post(ep.markAllRead.path, {
    schema: routeSchema(ep.markAllRead, { tags: ['notifications'], summary: 'Mark all your notifications read' }),
  }, async (req) => ({ count: await markAllNotificationsRead(ctx, req.actor!) }));

  app.post(ep.remind.path, {
    config: { permission: 'notice.remind' },
    schema: routeSchema(ep.remind, { tags: ['notices'], summary: "Send a 催办 by hand to the task's units (supervisors of its programme; once per 10 minutes)" }),
  }, async (req, reply) => reply.status(201).send(presentManualReminder(await remindTask(ctx, req.actor!, req.params.id, req.body ?? {}))));

  app.get(ep.webhooks.path, {
    config: { permission: 'webhook.manage' },
    schema: routeSchema(ep.webhooks, { tags: ['webhooks'], summary: 'Webhooks (secrets are never returned)' }),
  }, async (req) => ({ items: (await listWebhooks(ctx, req.actor!)).map(presentWebhook) }));

  app.get(ep.webhook.path, {
    config: { permission: 'webhook.manage' },
    schema: routeSchema(ep.webhook, { tags: ['webhooks'], summary: 'One webhook' }),
  }, async (req) => presentWebhook(await getWebhook(ctx, req.actor!, req.params.id)));

  app.post(ep.createWebhook.path, {
    config: { permission: 'webhook.manage' },
    schema: routeSchema(ep.createWebhook, { tags: ['webhooks'], summary: 'Add a webhook (generic JSON signed with HMAC-SHA256, or a DingTalk / WeCom / Feishu group robot)' }),
  }, async (req, reply) => reply.status(201).send(presentWebhook(await createWebhook(ctx, req.actor!, req.body))));

  app.patch(ep.updateWebhook.path, {
    config: { permission: 'webhook.manage' },
    schema: routeSchema(ep.updateWebhook, { tags: ['webhooks'], summary: 'Change a webhook; `secret: null` removes the secret, leaving it out keeps it' }),
  }, async (req) => presentWebhook(await updateWebhook(ctx, req.actor!, req.params.id, req.body)));

  app.delete(ep.deleteWebhook.path, {
    config: { permission: 'webhook.manage' },
    schema: routeSchema(ep.deleteWebhook, { tags: ['webhooks'], summary: 'Delete a webhook; its undelivered messages become dead' }),
  }, async (req, reply) => {
    await deleteWebhook(ctx, req.actor!, req.params.id);
    return reply.status(204).send(null);
  });

  app.post(ep.testWebhook.path, {
    config: { permission: 'webhook.manage' },
    schema: routeSchema(ep.testWebhook, { tags: ['webhooks'], summary: 'Send a test message now and report the HTTP status' }),
  }, async (req) => testWebhook(ctx, req.actor!, req.params.id));

  app.get(ep.outbox.path, {
    config: { permission: 'webhook.manage' },
    schema: routeSchema(ep.outbox, { tags: ['webhooks'], summary: 'Deliveries (e-mail and webhook), newest first, by status' }),
  }, async (req) => ({ items: (await listOutbox(ctx, req.actor!, req.query)).map(presentOutboxRow) }));

  app.post(ep.retryOutbox.path, {
    config: { permission: 'webhook.manage' },
    schema: routeSchema(ep.retryOutbox, { tags: ['webhooks'], summary: 'Requeue a dead delivery with a fresh retry budget' }),
  }, async (req) => presentOutboxRow(await retryOutboxRow(ctx, req.actor!, req.params.id)));
}
