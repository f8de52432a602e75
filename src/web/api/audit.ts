/** The audit log: pages of events, newest first, and the hash-chain check. */
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import type { AuditEventResponse, AuditQuery, ChainReportResponse } from '../../contract/audit.ts';
import { call } from './client.ts';
import { fieldsOf } from './fields.ts';
import { keys } from './keys.ts';

export type { AuditEventResponse as AuditEvent, ChainReportResponse as ChainReport } from '../../contract/audit.ts';

/** What the viewer filters by: the query without its paging. */
export type AuditFilter = Omit<AuditQuery, 'before' | 'limit'>;

export const AUDIT_PAGE_SIZE = 50;

export function useAuditEvents(filter: AuditFilter) {
  return useInfiniteQuery({
    queryKey: keys.auditList(filter),
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam, signal }) => call('GET /api/v1/audit', { query: { ...filter, before: pageParam, limit: AUDIT_PAGE_SIZE }, signal }),
    // The next page starts below the last sequence number received; a short page is the last one.
    getNextPageParam: (last) => (last.items.length < AUDIT_PAGE_SIZE ? undefined : last.items.at(-1)?.seq),
  });
}

export function useVerifyAudit() {
  return useMutation({ mutationFn: () => call('GET /api/v1/audit/verify') });
}

// What the UI reads of the answers fetched here (see fields.ts): a field the contract adds fails the build until listed.
export const auditEventFields = fieldsOf<AuditEventResponse>()({
  seq: 'shown', at: 'shown', actorId: 'shown', actorName: 'shown', action: 'shown', objectType: 'shown', objectId: 'shown', before: 'shown',
  after: 'shown', context: 'shown', hash: 'shown',
});
export const chainReportFields = fieldsOf<ChainReportResponse>()({ ok: 'shown', checked: 'shown', brokenAt: 'shown' });
