/** The 工作台 inbox (`GET /api/v1/inbox`): what waits for the signed-in user in each of their roles. */
import { useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import { keys } from './keys.ts';
import type { HealthColour, TaskState } from './tasks.ts';

/** Mirrors src/server/modules/inbox/inbox.presenter.ts. */
export interface InboxTask {
  id: string;
  programmeId: string;
  title: string;
  state: TaskState;
  leadUnitId: string | null;
  dueDate: string | null;
  progress: number;
  health: HealthColour;
  pendingExtension: { newDueDate: string; requestedBy: string; reason: string } | null;
  completionRequestedBy: string | null;
}

export interface InboxReport {
  id: string;
  taskId: string;
  taskTitle: string;
  unitId: string;
  periodKey: string;
  state: string;
  revision: number;
  late: boolean;
  submittedAt: string | null;
  reviewedAt: string | null;
  returnReason: string | null;
}

export interface InboxReportDue {
  task: InboxTask;
  unitId: string;
  periods: Array<{ key: string; start: string | null; end: string; dueDate: string; overdue: boolean; reportId: string | null; state: 'missing' | 'draft' | 'returned' | string }>;
}

export interface InboxInstruction {
  id: string;
  taskId: string;
  taskTitle: string;
  reportId: string | null;
  authorId: string;
  text: string;
  createdAt: string;
}

export interface Page<T> {
  /** Counted up to 1,000; `totalCapped` says there are more. */
  total: number;
  totalCapped: boolean;
  items: T[];
  /** Cursor for `GET /api/v1/inbox/:list?after=`; null on the last page. */
  next: string | null;
}

export interface Inbox {
  toSign: Page<InboxTask>;
  toReport: Page<InboxReportDue>;
  returned: Page<InboxReport>;
  overdue: Page<InboxTask>;
  toReview: {
    total: number;
    reports: Page<InboxReport>;
    completionRequests: Page<InboxTask>;
    extensionRequests: Page<InboxTask>;
    reassignRequests: Page<InboxTask>;
  };
  instructions: Page<InboxInstruction>;
  counts: { toSign: number; toReport: number; returned: number; overdue: number; toReview: number; instructions: number };
}

export function useInbox() {
  return useQuery({
    queryKey: keys.inbox,
    queryFn: ({ signal }) => api.get<Inbox>('/api/v1/inbox', undefined, signal),
    // Others' actions fill it (an assignment, a return): look again when the reader comes back to the tab.
    refetchOnWindowFocus: true,
    staleTime: 0,
  });
}
