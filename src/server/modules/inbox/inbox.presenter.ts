/** Inbox → API shape; the lists are already plain data, so this is their schema. */
import { Type, type TSchema } from 'typebox';
import { Nullable } from '../../platform/http/schemas.ts';
import type { Inbox } from './inbox.service.ts';

const TaskItem = Type.Object({
  id: Type.String(),
  programmeId: Type.String(),
  title: Type.String(),
  state: Type.String(),
  leadUnitId: Nullable(Type.String()),
  dueDate: Nullable(Type.String()),
  progress: Type.Number(),
  health: Type.String(),
  pendingExtension: Nullable(Type.Object({ newDueDate: Type.String(), requestedBy: Type.String(), reason: Type.String() })),
  completionRequestedBy: Nullable(Type.String()),
});

const ReportItem = Type.Object({
  id: Type.String(),
  taskId: Type.String(),
  taskTitle: Type.String(),
  unitId: Type.String(),
  periodKey: Type.String(),
  state: Type.String(),
  revision: Type.Integer(),
  late: Type.Boolean(),
  submittedAt: Nullable(Type.String()),
  reviewedAt: Nullable(Type.String()),
  returnReason: Nullable(Type.String()),
});

const ReportDue = Type.Object({
  task: TaskItem,
  unitId: Type.String(),
  periods: Type.Array(Type.Object({
    key: Type.String(),
    start: Nullable(Type.String()),
    end: Type.String(),
    dueDate: Type.String(),
    overdue: Type.Boolean(),
    reportId: Nullable(Type.String()),
    state: Type.String(),
  })),
});

const InstructionItem = Type.Object({
  id: Type.String(),
  taskId: Type.String(),
  taskTitle: Type.String(),
  reportId: Nullable(Type.String()),
  authorId: Type.String(),
  text: Type.String(),
  createdAt: Type.String(),
});

const Page = <T extends TSchema>(item: T) => Type.Object({ total: Type.Integer(), items: Type.Array(item) });

export const InboxResponse = Type.Object({
  toSign: Page(TaskItem),
  toReport: Page(ReportDue),
  returned: Page(ReportItem),
  overdue: Page(TaskItem),
  toReview: Type.Object({
    total: Type.Integer(),
    reports: Page(ReportItem),
    completionRequests: Page(TaskItem),
    extensionRequests: Page(TaskItem),
    reassignRequests: Page(TaskItem),
  }),
  instructions: Page(InstructionItem),
  counts: Type.Object({
    toSign: Type.Integer(),
    toReport: Type.Integer(),
    returned: Type.Integer(),
    overdue: Type.Integer(),
    toReview: Type.Integer(),
    instructions: Type.Integer(),
  }),
});

export function presentInbox(i: Inbox) {
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
