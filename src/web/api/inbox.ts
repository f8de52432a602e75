/** The 工作台 inbox (`GET /api/v1/inbox`): what waits for the signed-in user in each of their roles. */
import { useQuery } from '@tanstack/react-query';
import type { InboxInstructionItem, InboxReportDue, InboxReportItem, InboxResponse, InboxTaskItem } from '../../contract/inbox.ts';
import { call } from './client.ts';
import { fieldsOf } from './fields.ts';
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

// What the UI reads of the answers fetched here (see fields.ts): a field the contract adds fails the build until listed.
export const inboxFields = fieldsOf<InboxResponse>()({
  toSign: 'shown', toReport: 'shown', returned: 'shown', overdue: 'shown', toReview: 'shown', instructions: 'shown', counts: 'shown',
});
export const inboxTaskItemFields = fieldsOf<InboxTaskItem>()({
  id: 'shown', programmeId: 'shown', title: 'shown', state: 'shown', leadUnitId: 'shown', dueDate: 'shown', progress: 'shown', health: 'shown',
  pendingExtension: 'shown', completionRequestedBy: 'shown',
});
export const inboxReportDueFields = fieldsOf<InboxReportDue>()({ task: 'shown', unitId: 'shown', periods: 'shown' });
export const inboxReportItemFields = fieldsOf<InboxReportItem>()({
  id: 'shown', taskId: 'shown', taskTitle: 'shown', unitId: 'shown', periodKey: 'shown', state: 'shown', revision: 'shown', late: 'shown',
  submittedAt: 'shown', reviewedAt: 'ignored', returnReason: 'shown',
});
export const inboxInstructionItemFields = fieldsOf<InboxInstructionItem>()({
  id: 'shown', taskId: 'shown', taskTitle: 'shown', reportId: 'shown', authorId: 'shown', text: 'shown', createdAt: 'shown',
});
