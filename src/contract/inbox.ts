/** The 工作台 inbox: `GET /api/v1/inbox` (every list's first page and count) and `GET /api/v1/inbox/:list` (a next page). */
import { Type, type Static, type TSchema } from 'typebox';
import { Nullable } from './common.ts';
import { endpoint } from './endpoint.ts';
import { HealthColourSchema, TaskStateSchema } from './tasks.ts';
import { ReportStateSchema } from './reports.ts';
import { Literals } from './literals.ts';


export const InboxTaskItem = Type.Object({
  id: Type.String(),
  programmeId: Type.String(),
  title: Type.String(),
  state: TaskStateSchema,
  leadUnitId: Nullable(Type.String()),
  dueDate: Nullable(Type.String()),
  progress: Type.Number(),
  health: HealthColourSchema,
  pendingExtension: Nullable(Type.Object({ newDueDate: Type.String(), requestedBy: Type.String(), reason: Type.String() })),
  completionRequestedBy: Nullable(Type.String()) });

export type InboxTaskItem = Static<typeof InboxTaskItem>;

export const InboxReportItem = Type.Object({
  id: Type.String(),
  taskId: Type.String(),
  taskTitle: Type.String(),
  unitId: Type.String(),
  periodKey: Type.String(),
  state: ReportStateSchema,
  revision: Type.Integer(),
  late: Type.Boolean(),
  submittedAt: Nullable(Type.String()),
  reviewedAt: Nullable(Type.String()),
  returnReason: Nullable(Type.String()) });

export type InboxReportItem = Static<typeof InboxReportItem>;

export const InboxReportDue = Type.Object({
  task: InboxTaskItem,
  unitId: Type.String(),
  periods: Type.Array(Type.Object({
    key: Type.String(),
    start: Nullable(Type.String()),
    end: Type.String(),
    dueDate: Type.String(),
    overdue: Type.Boolean(),
    reportId: Nullable(Type.String()),
    state: Type.Union([Type.Literal('missing'), Type.Literal('draft'), Type.Literal('returned')]) })) });

export type InboxReportDue = Static<typeof InboxReportDue>;

export const InboxInstructionItem = Type.Object({
  id: Type.String(),
  taskId: Type.String(),
  taskTitle: Type.String(),
  reportId: Nullable(Type.String()),
  authorId: Type.String(),
  text: Type.String(),
  createdAt: Type.String() });

export type InboxInstructionItem = Static<typeof InboxInstructionItem>;

/**
 * A list's first page with its count; `next` is the cursor for `GET /api/v1/inbox/:list?after=`. Counts stop at 1,000:
 * past that `total` is 1,000 and `totalCapped` true ("1,000+").
 */
const Page = <T extends TSchema>(item: T) => Type.Object({ total: Type.Integer(), totalCapped: Type.Boolean(), items: Type.Array(item), next: Nullable(Type.String()) });

export const InboxResponse = Type.Object({
  toSign: Page(InboxTaskItem),
  toReport: Page(InboxReportDue),
  returned: Page(InboxReportItem),
  overdue: Page(InboxTaskItem),
  toReview: Type.Object({
    total: Type.Integer(),
    reports: Page(InboxReportItem),
    completionRequests: Page(InboxTaskItem),
    extensionRequests: Page(InboxTaskItem),
    reassignRequests: Page(InboxTaskItem) }),
  instructions: Page(InboxInstructionItem),
  counts: Type.Object({
    toSign: Type.Integer(),
    toReport: Type.Integer(),
    returned: Type.Integer(),
    overdue: Type.Integer(),
    toReview: Type.Integer(),
    instructions: Type.Integer() }) });

export type InboxResponse = Static<typeof InboxResponse>;

/** The lists that page on their own. */
export const INBOX_LISTS = ['toSign', 'toReport', 'returned', 'overdue', 'reports', 'completionRequests', 'extensionRequests', 'reassignRequests', 'instructions'] as const;
export type InboxListName = (typeof INBOX_LISTS)[number];

export const InboxListParams = Type.Object({ list: Literals(INBOX_LISTS) });
export const InboxListQuery = Type.Object(
  {
    /** The `next` cursor of the page before. */
    after: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) },
  { additionalProperties: false },
);

/** A next page of one list. */
export const InboxListResponse = Type.Object({
  list: InboxListParams.properties.list,
  items: Type.Array(Type.Union([InboxTaskItem, InboxReportItem, InboxReportDue, InboxInstructionItem])),
  next: Nullable(Type.String()) });
export type InboxListResponse = Static<typeof InboxListResponse>;

export const inboxEndpoints = {
  get: endpoint({ method: 'GET', path: '/api/v1/inbox', response: { 200: InboxResponse } }),
  list: endpoint({ method: 'GET', path: '/api/v1/inbox/:list', params: InboxListParams, querystring: InboxListQuery, response: { 200: InboxListResponse } }) };
