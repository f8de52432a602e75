/** `POST /api/v1/tasks/bulk`: assign, set the deadline of, or remind many tasks — all or nothing. */
import { useQueryClient, useMutation } from '@tanstack/react-query';
import type { BulkBody, BulkRefusedBody, BulkRowResult } from '../../contract/bulk.ts';
import { call, isApiError } from './client.ts';
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
