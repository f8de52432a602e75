/**
 * Webhooks (generic signed JSON, DingTalk / WeCom / Feishu group robots) and the delivery outbox: list, create,
 * change (with the row's version), delete, send a test message; outbox rows by status and requeueing a dead one.
 * Everything here needs the permission `webhook.manage`.
 */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import { keys } from './keys.ts';
import type { Items } from './types.ts';

import type { WebhookFormat } from '../../core/notices/webhook-formats.ts';
export { WEBHOOK_FORMATS, type WebhookFormat } from '../../core/notices/webhook-formats.ts';

/** Mirrors `WebhookResponse` of src/server/modules/notices/notices.presenter.ts. The secret is never returned. */
export interface Webhook {
  id: string;
  name: string;
  url: string;
  format: string;
  hasSecret: boolean;
  /** null: every programme. */
  programmeId: string | null;
  active: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** `POST /api/v1/webhooks/:id/test`: what the receiver answered (status null when it could not be reached). */
export interface WebhookTestResult {
  ok: boolean;
  status: number | null;
  error: string | null;
}

/** The statuses the outbox view offers (the server also knows `sending` and `sent`). */
export const OUTBOX_VIEWS = ['pending', 'dead'] as const;
export type OutboxView = (typeof OUTBOX_VIEWS)[number];

/** Mirrors `OutboxRowResponse`: one delivery (an e-mail to an address, or a POST to a webhook). */
export interface OutboxRow {
  id: string;
  noticeId: string;
  channel: 'email' | 'webhook' | string;
  /** The e-mail address, or the webhook's id. */
  target: string;
  /** The webhook's current name; null for e-mail and for a deleted webhook. */
  webhookName: string | null;
  status: string;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  sentAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** `title` is worded in Simplified Chinese by the server. */
  notice: { kind: string; rule: string; taskId: string | null; title: string; createdAt: string } | null;
}

export interface CreateWebhookInput {
  name: string;
  url: string;
  format: WebhookFormat;
  secret?: string | null;
  programmeId?: string | null;
  active?: boolean;
}

/** A change: only the fields sent are changed. `secret`: a string replaces it, null removes it, absent keeps it. */
export interface WebhookPatch {
  version: number;
  name?: string;
  url?: string;
  format?: WebhookFormat;
  secret?: string | null;
  programmeId?: string | null;
  active?: boolean;
}

const path = (id: string) => `/api/v1/webhooks/${encodeURIComponent(id)}`;

export function useWebhooks() {
  return useQuery({ queryKey: keys.webhooks, queryFn: ({ signal }) => api.get<Items<Webhook>>('/api/v1/webhooks', undefined, signal) });
}

/** Webhook mutations refresh the list, also after a failure (a 409 means our copy is stale), and the outbox. */
function useWebhookMutation<I, O>(fn: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: keys.webhooks }), qc.invalidateQueries({ queryKey: keys.outbox })]),
  });
}

export const useCreateWebhook = () => useWebhookMutation((input: CreateWebhookInput) => api.post<Webhook>('/api/v1/webhooks', input));

export const useUpdateWebhook = () =>
  useWebhookMutation(({ id, ...patch }: WebhookPatch & { id: string }) => api.patch<Webhook>(path(id), patch));

/** Deleting a webhook turns its undelivered messages dead, hence the outbox refresh. */
export const useDeleteWebhook = () => useWebhookMutation((id: string) => api.delete(path(id)));

/** Sends a test message now; nothing cached changes. */
export function useTestWebhook() {
  return useMutation({ mutationFn: (id: string) => api.post<WebhookTestResult>(`${path(id)}/test`) });
}

export const OUTBOX_PAGE_SIZE = 50;

/** Deliveries with one status, newest first, page by page (`before` = the last id received). */
export function useOutbox(status: OutboxView) {
  return useInfiniteQuery({
    queryKey: keys.outboxList(status),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      api.get<Items<OutboxRow>>('/api/v1/outbox', { status, before: pageParam, limit: OUTBOX_PAGE_SIZE }, signal),
    getNextPageParam: (last) => (last.items.length < OUTBOX_PAGE_SIZE ? undefined : last.items.at(-1)?.id),
  });
}

/** Requeues a dead delivery with a fresh retry budget (409 `outbox_not_dead` otherwise). */
export function useRetryOutbox() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<OutboxRow>(`/api/v1/outbox/${encodeURIComponent(id)}/retry`),
    onSettled: () => qc.invalidateQueries({ queryKey: keys.outbox }),
  });
}
