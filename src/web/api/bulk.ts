/** `POST /api/v1/tasks/bulk`: assign, set the deadline of, or remind many tasks — all or nothing. */
import { useQueryClient, useMutation } from '@tanstack/react-query';
import { api, isApiError } from './client.ts';
import { invalidateLoop } from './tasks.ts';

export type BulkAction = 'assign' | 'setDueDate' | 'remind';

export interface BulkInput {
  action: BulkAction;
  taskIds: string[];
  leadUnitId?: string;
  dueDate?: string;
  message?: string;
}

export interface BulkRowResult {
  taskId: string;
  ok: boolean;
  code: string | null;
  message: string | null;
}

/** The per-row outcomes of a refused bulk action (422), or null for any other failure. */
export function refusedRows(err: unknown): BulkRowResult[] | null {
  if (!isApiError(err) || err.code !== 'bulk_refused') return null;
  const body = err.body as { results?: BulkRowResult[] } | undefined;
  return body?.results ?? null;
}

export function useBulkTasks() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: BulkInput) => api.post<{ results: BulkRowResult[] }>('/api/v1/tasks/bulk', input),
    onSettled: () => invalidateLoop(qc),
  });
}
