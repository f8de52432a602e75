/** The audit log: pages of events, newest first, and the hash-chain check. */
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { api } from './client.ts';
import { keys } from './keys.ts';
import type { AuditEvent, ChainReport, Items } from './types.ts';

export interface AuditFilter {
  objectType?: string;
  objectId?: string;
  actorId?: string;
  action?: string;
  /** ISO-8601 instants. */
  from?: string;
  to?: string;
}

export const AUDIT_PAGE_SIZE = 50;

export function useAuditEvents(filter: AuditFilter) {
  return useInfiniteQuery({
    queryKey: keys.auditList(filter),
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam, signal }) =>
      api.get<Items<AuditEvent>>('/api/v1/audit', { ...filter, before: pageParam, limit: AUDIT_PAGE_SIZE }, signal),
    // The next page starts below the last sequence number received; a short page is the last one.
    getNextPageParam: (last) => (last.items.length < AUDIT_PAGE_SIZE ? undefined : last.items.at(-1)?.seq),
  });
}

export function useVerifyAudit() {
  return useMutation({ mutationFn: () => api.get<ChainReport>('/api/v1/audit/verify') });
}
