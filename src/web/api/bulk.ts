/** `POST /api/v1/tasks/bulk`: assign, set the deadline of, or remind many tasks — all or nothing. */
import { useQueryClient, useMutation } from '@tanstack/react-query';
import type { BulkBody, BulkRefusedBody, BulkResponse, BulkRowResult } from '../../contract/bulk.ts';
import { call, isApiError } from './client.ts';
import { fieldsOf } from './fields.ts';
import { invalidateLoop } from './tasks.ts';

export type { BulkAction, BulkRowResult } from '../../contract/bulk.ts';
export type BulkInput = BulkBody;

/** The per-row outcomes of a refused bulk action (422), or null for any other failure. */
export function refusedRows(err: unknown): BulkRowResult[] | null {
  if (!isApiError(err) || err.code !== 'bulk_refused') return null;
  const body = err.body as Partial<BulkRefusedBody> | undefined;
  return body?.results ?? null;
}

export function useBulkTasks() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: BulkInput) => call('POST /api/v1/tasks/bulk', { body: input }),
    onSettled: () => invalidateLoop(qc),
  });
}

// What the UI reads of the answers fetched here (see fields.ts): a field the contract adds fails the build until listed.
export const bulkFields = fieldsOf<BulkResponse>()({ results: 'shown' });
export const bulkRowResultFields = fieldsOf<BulkRowResult>()({ taskId: 'shown', ok: 'shown', code: 'shown', message: 'shown' });
