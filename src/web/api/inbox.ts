/** The 工作台 inbox (`GET /api/v1/inbox`): what waits for the signed-in user in each of their roles. */
import { useQuery } from '@tanstack/react-query';
import type { InboxResponse } from '../../contract/inbox.ts';
import { call } from './client.ts';
import { keys } from './keys.ts';

export type {
  InboxInstructionItem as InboxInstruction,
  InboxReportDue,
  InboxReportItem as InboxReport,
  InboxResponse as Inbox,
  InboxTaskItem as InboxTask,
} from '../../contract/inbox.ts';

/**
 * One list's first page: counted up to 1,000 (`totalCapped` says there are more), with the cursor for
 * `GET /api/v1/inbox/:list?after=` (null on the last page).
 */
export type Page<T> = Omit<InboxResponse['toSign'], 'items'> & { items: T[] };

export function useInbox() {
  return useQuery({
    queryKey: keys.inbox,
    queryFn: ({ signal }) => call('GET /api/v1/inbox', { signal }),
    // Others' actions fill it (an assignment, a return): look again when the reader comes back to the tab.
    refetchOnWindowFocus: true,
    staleTime: 0,
  });
}
