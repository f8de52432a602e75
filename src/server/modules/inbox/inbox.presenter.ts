/** Inbox → API shape; the lists are already plain data, so this is their schema (src/contract/inbox.ts). */
import type { InboxResponse } from '../../../contract/inbox.ts';
import type { Inbox } from './inbox.service.ts';

export function presentInbox(i: Inbox): InboxResponse {
  return {
    ...i,
    counts: {
      toSign: i.toSign.total,
      toReport: i.toReport.total,
      returned: i.returned.total,
      overdue: i.overdue.total,
      toReview: i.toReview.total,
      instructions: i.instructions.total,
    },
  };
}
