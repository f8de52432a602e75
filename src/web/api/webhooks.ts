/**
 * Webhooks (generic signed JSON, DingTalk / WeCom / Feishu group robots) and the delivery outbox: list, create,
 * change (with the row's version), delete, send a test message; outbox rows by status and requeueing a dead one.
 * Everything here needs the permission `webhook.manage`.
 */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OutboxStatus } from '../../core/notices/delivery.ts';
import type { CreateWebhookBody, OutboxRowResponse, UpdateWebhookBody, WebhookResponse, WebhookTestResponse } from '../../contract/notices.ts';
import { call } from './client.ts';
import { fieldsOf } from './fields.ts';
import { keys } from './keys.ts';

export { WEBHOOK_FORMATS, type WebhookFormat } from '../../core/notices/webhook-formats.ts';
export type { OutboxRowResponse as OutboxRow, WebhookResponse as Webhook, WebhookTestResponse as WebhookTestResult } from '../../contract/notices.ts';

/** The statuses the outbox view offers (the server also knows `sending` and `sent`). */
export const OUTBOX_VIEWS = ['pending', 'dead'] as const satisfies readonly OutboxStatus[];
export type OutboxView = (typeof OUTBOX_VIEWS)[number];

export type CreateWebhookInput = CreateWebhookBody;

/** A change: only the fields sent are changed. `secret`: a string replaces it, null removes it, absent keeps it. */
export type WebhookPatch = UpdateWebhookBody;

export function useWebhooks() {
  return useQuery({ queryKey: keys.webhooks, queryFn: ({ signal }) => call('GET /api/v1/webhooks', { signal }) });
}

/** Webhook mutations refresh the list, also after a failure (a 409 means our copy is stale), and the outbox. */
function useWebhookMutation<I, O>(fn: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: keys.webhooks }), qc.invalidateQueries({ queryKey: keys.outbox })]),
  });
}

export const useCreateWebhook = () => useWebhookMutation((input: CreateWebhookInput) => call('POST /api/v1/webhooks', { body: input }));

export const useUpdateWebhook = () =>
  useWebhookMutation(({ id, ...patch }: WebhookPatch & { id: string }) => call('PATCH /api/v1/webhooks/:id', { params: { id }, body: patch }));

/** Deleting a webhook turns its undelivered messages dead, hence the outbox refresh. */
export const useDeleteWebhook = () => useWebhookMutation((id: string) => call('DELETE /api/v1/webhooks/:id', { params: { id } }));

/** Sends a test message now; nothing cached changes. */
export function useTestWebhook() {
  return useMutation({ mutationFn: (id: string) => call('POST /api/v1/webhooks/:id/test', { params: { id } }) });
}

export const OUTBOX_PAGE_SIZE = 50;

/** Deliveries with one status, newest first, page by page (`before` = the last id received). */
export function useOutbox(status: OutboxView) {
  return useInfiniteQuery({
    queryKey: keys.outboxList(status),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) => call('GET /api/v1/outbox', { query: { status, before: pageParam, limit: OUTBOX_PAGE_SIZE }, signal }),
    getNextPageParam: (last) => (last.items.length < OUTBOX_PAGE_SIZE ? undefined : last.items.at(-1)?.id),
  });
}

/** Requeues a dead delivery with a fresh retry budget (409 `outbox_not_dead` otherwise). */
export function useRetryOutbox() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call('POST /api/v1/outbox/:id/retry', { params: { id } }),
    onSettled: () => qc.invalidateQueries({ queryKey: keys.outbox }),
  });
}

// What the UI reads of the answers fetched here (see fields.ts): a field the contract adds fails the build until listed.
export const webhookFields = fieldsOf<WebhookResponse>()({
  id: 'shown', name: 'shown', url: 'shown', format: 'shown', hasSecret: 'shown', programmeId: 'shown', active: 'shown', createdAt: 'shown',
  updatedAt: 'shown', version: 'shown',
});
export const webhookTestFields = fieldsOf<WebhookTestResponse>()({ ok: 'shown', status: 'shown', error: 'shown' });
export const outboxRowFields = fieldsOf<OutboxRowResponse>()({
  id: 'shown', noticeId: 'shown', channel: 'shown', target: 'shown', webhookName: 'shown', status: 'shown', attempts: 'shown',
  nextAttemptAt: 'shown', lastError: 'shown', sentAt: 'ignored', createdAt: 'shown', updatedAt: 'shown', notice: 'shown',
});
