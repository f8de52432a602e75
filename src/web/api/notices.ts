/** In-app notifications (the bell in the top bar) and the manual 催办 on a task. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { NoticeLocale } from '../../core/notices/webhook-formats.ts';
import type { CountResponse, ManualReminderResponse, NotificationResponse } from '../../contract/notices.ts';
import { call } from './client.ts';
import { fieldsOf } from './fields.ts';
import { keys } from './keys.ts';
import { invalidateLoop } from './tasks.ts';

export type { NotificationResponse as Notification } from '../../contract/notices.ts';

export const NOTIFICATIONS_SHOWN = 30;

/** Unread count, polled every minute and on coming back to the tab. */
export function useUnreadCount() {
  return useQuery({
    queryKey: keys.unreadCount,
    queryFn: ({ signal }) => call('GET /api/v1/notifications/unread-count', { signal }),
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
    staleTime: 10_000,
  });
}

/** The latest notifications, worded in the UI's language. */
export function useNotifications(locale: NoticeLocale, enabled: boolean) {
  return useQuery({
    queryKey: keys.notificationList(locale),
    queryFn: ({ signal }) => call('GET /api/v1/notifications', { query: { limit: NOTIFICATIONS_SHOWN, locale }, signal }),
    enabled,
    staleTime: 0,
  });
}

function useNotificationMutation<I, O>(fn: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => qc.invalidateQueries({ queryKey: keys.notifications }) });
}

export const useMarkRead = () =>
  useNotificationMutation((id: string) => call('POST /api/v1/notifications/:id/read', { params: { id } }));

export const useMarkAllRead = () => useNotificationMutation(() => call('POST /api/v1/notifications/read-all'));

/** `POST /api/v1/tasks/:id/reminders`: a 催办 by hand to the task's units (at most one per 10 minutes). */
export function useRemind() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ taskId, message }: { taskId: string; message?: string | null }) =>
      call('POST /api/v1/tasks/:id/reminders', { params: { id: taskId }, body: message ? { message } : {} }),
    onSettled: () => invalidateLoop(qc),
  });
}

// What the UI reads of the answers fetched here (see fields.ts): a field the contract adds fails the build until listed.
export const countFields = fieldsOf<CountResponse>()({ count: 'shown' });
export const notificationFields = fieldsOf<NotificationResponse>()({
  id: 'shown', noticeId: 'ignored', kind: 'shown', rule: 'ignored', title: 'shown', body: 'shown', taskId: 'shown', taskTitle: 'ignored',
  noLongerYours: 'shown', items: 'shown', createdAt: 'shown', readAt: 'shown',
});
export const manualReminderFields = fieldsOf<ManualReminderResponse>()({
  noticeId: 'ignored', taskId: 'ignored', createdAt: 'shown', recipients: 'shown', deliveries: 'ignored',
});
