/** What a notice is (its kinds) and how it goes out: the states and channels of a delivery in the outbox. */
export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'dead'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export const OUTBOX_CHANNELS = ['email', 'webhook'] as const;
export type OutboxChannel = (typeof OUTBOX_CHANNELS)[number];

/** Every kind of notice: the reminder rules' (remind, escalate) and those no rule produced. */
export const NOTICE_KINDS = [
  'remind', 'escalate', 'manual', 'instruction', 'report_returned', 'report_submitted', 'task_assigned',
  'reassign_requested', 'completion_requested', 'extension_requested', 'task_closed',
  // Decisions on a task or a report, told to the units they concern (issue 15).
  'extension_approved', 'extension_refused', 'task_suspended', 'task_resumed', 'task_reopened', 'task_reassigned',
  'task_reassigned_away', 'completion_returned', 'report_accepted',
  // A reporting period of a programme locked or unlocked: told to every unit with open work in it.
  'period_locked', 'period_unlocked',
  // 传达学习 (issue 12): a 催办 to a unit that has not recorded yet, and a record returned to its unit.
  'relay_reminder', 'relay_returned',
  // 对标对表 (issue 12): an indicator's figure submitted (to the supervisors) or returned (to the responsible unit).
  'indicator_submitted', 'indicator_returned',
] as const;
/** A stored notice's kind (a reminder rule's `NoticeKind` or one of the decisions and messages told by hand). */
export type StoredNoticeKind = (typeof NOTICE_KINDS)[number];
