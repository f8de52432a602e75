/** In-app notifications (the bell in the top bar) and the manual 催办 on a task. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import { keys } from './keys.ts';
import { invalidateLoop } from './tasks.ts';
import type { Items, Locale } from './types.ts';

/** Mirrors `NotificationResponse` of src/server/modules/notices/notices.presenter.ts. */
export interface Notification {
  id: string;
  noticeId: string;
  kind: string;
  rule: string;
  title: string;
  body: string;
  /** The task to open; null when there is none or the reader may no longer open it (`noLongerYours`). */
  taskId: string | null;
  taskTitle: string | null;
  /** About a task that is no longer the reader's (reassigned away): shown without a link. */
  noLongerYours: boolean;
  /** A grouped notice (a bulk action): its tasks, each with a link when the reader may open it. */
  items: Array<{ taskId: string | null; title: string; dueDate: string | null }> | null;
  createdAt: string;
  readAt: string | null;
}

export const NOTIFICATIONS_SHOWN = 30;

/** Unread count, polled every minute and on coming back to the tab. */
export function useUnreadCount() {
  return useQuery({
    queryKey: keys.unreadCount,
    queryFn: ({ signal }) => api.get<{ count: number }>('/api/v1/notifications/unread-count', undefined, signal),
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
    staleTime: 10_000,
  });
}

/** The latest notifications, worded in the UI's language. */
export function useNotifications(locale: Locale, enabled: boolean) {
  return useQuery({
    queryKey: keys.notificationList(locale),
    queryFn: ({ signal }) => api.get<Items<Notification>>('/api/v1/notifications', { limit: NOTIFICATIONS_SHOWN, locale }, signal),
    enabled,
    staleTime: 0,
  });
}

function useNotificationMutation<I, O>(fn: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => qc.invalidateQueries({ queryKey: keys.notifications }) });
}

export const useMarkRead = () =>
  useNotificationMutation((id: string) => api.post<Notification>(`/api/v1/notifications/${encodeURIComponent(id)}/read`));

export const useMarkAllRead = () => useNotificationMutation(() => api.post<{ count: number }>('/api/v1/notifications/read-all'));

/** `POST /api/v1/tasks/:id/reminders`: a 催办 by hand to the task's units (at most one per 10 minutes). */
export function useRemind() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ taskId, message }: { taskId: string; message?: string | null }) =>
      api.post<{ noticeId: string; taskId: string; createdAt: string; recipients: number; deliveries: { email: number; webhook: number } }>(
        `/api/v1/tasks/${encodeURIComponent(taskId)}/reminders`,
        message ? { message } : {},
      ),
    onSettled: () => invalidateLoop(qc),
  });
}
