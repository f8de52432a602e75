/** The signed-in user's own in-app notifications: list, unread count, mark read. */
import type { Actor, UserActor } from '../../platform/auth/actor.ts';
import { appendAudit } from '../../platform/audit/audit-log.ts';
import type { AppContext } from '../../platform/context.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import type { NoticeLocale } from '../../../core/notices/index.ts';
import { visibleTaskIds } from '../tasks/index.ts';
import { getUser } from '../users/index.ts';
import { noticeLocale } from './notice-text.ts';
import * as repo from './notices.repository.ts';
import { hasNotifications } from './notices.policy.ts';
import type { NotificationRecord } from './notices.repository.ts';

function userOf(actor: Actor): UserActor {
  if (!hasNotifications(actor)) throw forbidden('Notifications belong to signed-in users');
  return actor;
}

export interface NotificationQuery {
  unread?: boolean;
  before?: string;
  limit?: number;
  locale?: NoticeLocale;
}

/** The tasks of these notifications (and of their grouped items) the reader may still open. */
async function openable(ctx: AppContext, actor: Actor, items: readonly NotificationRecord[]): Promise<Set<string>> {
  const ids = items.flatMap((n) => [...(n.notice.taskId ? [n.notice.taskId] : []), ...(n.notice.params.items ?? []).map((it) => it.taskId)]);
  return visibleTaskIds(ctx.db, actor, ids);
}

/**
 * The caller's notifications, newest first, the language to word them in (asked for, else the user's own), and
 * which of their tasks the caller may still open: a notice about a task reassigned away shows without a link.
 */
export async function listMyNotifications(ctx: AppContext, actor: Actor, query: NotificationQuery): Promise<{ items: NotificationRecord[]; locale: NoticeLocale; visible: Set<string> }> {
  const user = userOf(actor);
  const locale = query.locale ?? noticeLocale((await getUser(ctx.db, user.id)).locale);
  const items = await repo.listNotifications(ctx.db, user.id, { unreadOnly: query.unread === true, before: query.before, limit: query.limit ?? 50 });
  return { items, locale, visible: await openable(ctx, actor, items) };
}

export async function countMyUnread(ctx: AppContext, actor: Actor): Promise<number> {
  return repo.countUnread(ctx.db, userOf(actor).id);
}

/** Marks one of the caller's notifications read; someone else's answers 404, as if it did not exist. */
export async function markNotificationRead(ctx: AppContext, actor: Actor, id: string, locale?: NoticeLocale): Promise<{ item: NotificationRecord; locale: NoticeLocale; visible: Set<string> }> {
  const user = userOf(actor);
  const now = ctx.clock.now();
  const item = await ctx.db.transaction().execute(async (trx) => {
    const changed = await repo.markRead(trx, user.id, id, now);
    const found = await repo.findNotification(trx, user.id, id);
    if (!found) throw notFound('notification');
    if (changed) {
      await appendAudit(trx, actor, { action: 'notification.read', objectType: 'notification', objectId: id, after: { noticeId: found.notice.id, readAt: now.toISOString() } }, now);
    }
    return found;
  });
  return { item, locale: locale ?? noticeLocale((await getUser(ctx.db, user.id)).locale), visible: await openable(ctx, actor, [item]) };
}

/** Marks every unread notification of the caller read; returns how many changed. */
export async function markAllNotificationsRead(ctx: AppContext, actor: Actor): Promise<number> {
  const user = userOf(actor);
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const count = await repo.markAllRead(trx, user.id, now);
    if (count > 0) {
      await appendAudit(trx, actor, { action: 'notification.read_all', objectType: 'user', objectId: user.id, after: { count, readAt: now.toISOString() } }, now);
    }
    return count;
  });
}
