/** Notices and their in-app notifications: parameterised queries and row ↔ domain mapping. */
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import { dialectOf } from '../../platform/db/fulltext.ts';
import { jsonTextField } from '../../platform/db/sql-helpers.ts';
import { webhookIdsFromJson, webhookIdsJson } from './webhooks.repository.ts';
import { NOTICE_KINDS, type NoticeParams, type StoredNoticeKind as NoticeKind } from '../../../core/notices/index.ts';
import { fromJson } from '../../platform/db/json.ts';
import type { DB, NoticesTable } from '../../platform/db/schema.ts';
import { taskTitleOf } from '../tasks/index.ts';

// Every kind of notice, by the rules and by hand; the API's notifications carry them (src/contract/notices.ts).
export { NOTICE_KINDS, type NoticeKind };

/** Words a notice that no reminder rule produced carries (who sent it, what they wrote). */
export interface MessageParams {
  /** Display name of the person behind the notice (the supervisor who reminds, the leader who instructs). */
  byName?: string;
  /** A supervisor's note on a manual reminder. */
  message?: string;
  /** The text of an instruction (批示). */
  text?: string;
  /** Why a report was returned. */
  reason?: string;
  periodKey?: string;
  dueDate?: string;
  /** The report a report notice is about (so acting on the report can mark its notice read). */
  reportId?: string;
  /** A final report (总结). */
  final?: boolean;
  /** Deadlines an extension decision names: the one before it, and the one asked for. */
  previousDueDate?: string;
  requestedDueDate?: string;
  /** A suspension's review date. */
  reviewDate?: string;
  /** Progress at closing, when below 100 %. */
  progress?: number;
  /** Closed without an accepted final report. */
  withoutFinalReport?: boolean;
  /** Unit names a reassignment names: where the task went, where it came from. */
  toUnitName?: string;
  fromUnitName?: string;
  /** The programme a notice about no single task concerns (a period lock). */
  programmeTitle?: string;
  /** The document a 传达学习 notice is about, and the campaign's deadline. */
  documentTitle?: string;
  relayDeadline?: string;
  /** The indicator a 对标对表 notice is about, and the figure reported. */
  indicatorName?: string;
  figure?: string;
  /** A grouped notice (a bulk action): the tasks it lists, each with its own words. */
  items?: GroupedItem[];
}

/** One task of a grouped notice. */
export interface GroupedItem {
  taskId: string;
  title: string;
  dueDate: string | null;
  params?: Omit<MessageParams, 'items'>;
}

export type AnyNoticeParams = NoticeParams & MessageParams;

export interface NoticeRecord {
  id: string;
  dedupeKey: string;
  taskId: string | null;
  programmeId: string | null;
  kind: NoticeKind;
  rule: string;
  period: string | null;
  unitId: string | null;
  milestoneId: string | null;
  audience: string[];
  supervisorIds: string[];
  params: AnyNoticeParams;
  taskTitle: string | null;
  triggerAt: Date;
  createdBy: string | null;
  createdAt: Date;
}

function isNoticeKind(value: string): value is NoticeKind {
  return (NOTICE_KINDS as readonly string[]).includes(value);
}

export function toNoticeRecord(row: NoticesTable): NoticeRecord {
  return {
    id: row.id,
    dedupeKey: row.dedupe_key,
    taskId: row.task_id,
    programmeId: row.programme_id,
    // A kind written by a newer version reads as a manual notice rather than failing the whole page.
    kind: isNoticeKind(row.kind) ? row.kind : 'manual',
    rule: row.rule,
    period: row.period,
    unitId: row.unit_id,
    milestoneId: row.milestone_id,
    audience: fromJson<string[]>(row.audience_json) ?? [],
    supervisorIds: fromJson<string[]>(row.supervisor_ids_json) ?? [],
    params: fromJson<AnyNoticeParams>(row.params_json) ?? {},
    taskTitle: row.task_title,
    triggerAt: new Date(row.trigger_at),
    createdBy: row.created_by,
    createdAt: new Date(row.created_at),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Notices

export type NewNotice = Omit<NoticeRecord, 'createdAt'>;

/**
 * Inserts the notice unless its dedupe key exists. True when this call inserted it: only then may the caller
 * create recipients and deliveries, which is what makes a notice go out once however many instances race.
 */
/**
 * Inserts the notice unless its dedupe key exists; when inserted, answers in the same statement the ids of the webhooks
 * it goes to (`webhookIdsJson`), in id order. Null when the notice already existed.
 */
export async function insertNoticeIfNew(db: Kysely<DB>, n: NewNotice, now: Date): Promise<{ webhookIds: string[] } | null> {
  const row = await db
    .insertInto('notices')
    .values({
      id: n.id,
      dedupe_key: n.dedupeKey,
      task_id: n.taskId,
      programme_id: n.programmeId,
      kind: n.kind,
      rule: n.rule,
      period: n.period,
      unit_id: n.unitId,
      milestone_id: n.milestoneId,
      audience_json: JSON.stringify(n.audience),
      supervisor_ids_json: JSON.stringify(n.supervisorIds),
      params_json: JSON.stringify(n.params),
      task_title: n.taskTitle,
      trigger_at: n.triggerAt.toISOString(),
      created_by: n.createdBy,
      created_at: now.toISOString(),
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning(['id', webhookIdsJson(dialectOf(db), n.programmeId).as('webhooks')])
    .executeTakeFirst();
  return row ? { webhookIds: webhookIdsFromJson(row.webhooks) } : null;
}

/** Which of these dedupe keys already exist; a cheap pre-filter so a sweep does not open a transaction per old notice. */
export async function existingDedupeKeys(db: Kysely<DB>, keys: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < keys.length; i += 500) {
    const chunk = keys.slice(i, i + 500);
    if (chunk.length === 0) continue;
    const rows = await db.selectFrom('notices').select('dedupe_key').where('dedupe_key', 'in', chunk).execute();
    for (const r of rows) found.add(r.dedupe_key);
  }
  return found;
}

export async function findNotice(db: Kysely<DB>, id: string): Promise<NoticeRecord | null> {
  const row = await db.selectFrom('notices').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toNoticeRecord(row) : null;
}

/** The latest notice of a kind on a task created at or after `since`, if any. */
export async function findRecentNotice(db: Kysely<DB>, taskId: string, kind: NoticeKind, since: Date): Promise<NoticeRecord | null> {
  const row = await db
    .selectFrom('notices')
    .selectAll()
    .where('task_id', '=', taskId)
    .where('kind', '=', kind)
    .where('created_at', '>=', since.toISOString())
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? toNoticeRecord(row) : null;
}

// ---------------------------------------------------------------------------------------------------------------
// In-app notifications

export async function insertNotifications(db: Kysely<DB>, rows: Array<{ id: string; noticeId: string; userId: string }>, now: Date): Promise<void> {
  if (rows.length === 0) return;
  const at = now.toISOString();
  await db
    .insertInto('notifications')
    .values(rows.map((r) => ({ id: r.id, notice_id: r.noticeId, user_id: r.userId, read_at: null, created_at: at })))
    .onConflict((oc) => oc.columns(['notice_id', 'user_id']).doNothing())
    .execute();
}

export interface NotificationRecord {
  id: string;
  readAt: Date | null;
  createdAt: Date;
  notice: NoticeRecord;
  /** The task's title now (the notice keeps the title it was sent with). */
  currentTaskTitle: string | null;
}

export interface NotificationFilter {
  unreadOnly?: boolean;
  /** Id of the last notification of the previous page. */
  before?: string;
  limit: number;
}

function notificationsOf(db: Kysely<DB>, userId: string) {
  return db
    .selectFrom('notifications')
    .innerJoin('notices', 'notices.id', 'notifications.notice_id')
    .selectAll('notices')
    .select(['notifications.id as notification_id', 'notifications.read_at', 'notifications.created_at as notified_at'])
    .select((eb) => taskTitleOf(eb, eb.ref('notices.task_id')).as('current_task_title'))
    .where('notifications.user_id', '=', userId);
}

type NotificationRow = NoticesTable & { notification_id: string; read_at: string | null; notified_at: string; current_task_title: string | null };

function toNotification(r: NotificationRow): NotificationRecord {
  return {
    id: r.notification_id,
    readAt: r.read_at ? new Date(r.read_at) : null,
    createdAt: new Date(r.notified_at),
    notice: toNoticeRecord(r),
    currentTaskTitle: r.current_task_title,
  };
}

/** One user's notifications, newest first (ids are UUIDv7, so id order is creation order). */
export async function listNotifications(db: Kysely<DB>, userId: string, filter: NotificationFilter): Promise<NotificationRecord[]> {
  let q = notificationsOf(db, userId);
  if (filter.unreadOnly) q = q.where('notifications.read_at', 'is', null);
  if (filter.before) q = q.where('notifications.id', '<', filter.before);
  return (await q.orderBy('notifications.id', 'desc').limit(filter.limit).execute()).map(toNotification);
}

/** One of the user's notifications; someone else's is not found. */
export async function findNotification(db: Kysely<DB>, userId: string, id: string): Promise<NotificationRecord | null> {
  const row = await notificationsOf(db, userId).where('notifications.id', '=', id).executeTakeFirst();
  return row ? toNotification(row) : null;
}

export async function countUnread(db: Kysely<DB>, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks one notification read; false when it was already read (the first read time is kept). */
export async function markRead(db: Kysely<DB>, userId: string, id: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('notifications')
    .set({ read_at: now.toISOString() })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The notices on a task of the given kinds, for marking them read when their item is acted on. */
export async function noticesOnTask(db: Kysely<DB>, taskId: string, kinds: readonly NoticeKind[]): Promise<NoticeRecord[]> {
  if (kinds.length === 0) return [];
  const rows = await db.selectFrom('notices').selectAll().where('task_id', '=', taskId).where('kind', 'in', [...kinds]).execute();
  return rows.map(toNoticeRecord);
}

/**
 * Whether the report's reminders for its missing report (rule `report_missing`, its task and period) have an unread
 * copy, as a condition on the `reports` row another statement reads: when none has, settling them has nothing to do.
 */
export function unreadMissingReportReminders(): RawBuilder<SqlBool> {
  return sql<SqlBool>`exists (select 1 from notices o inner join notifications n on n.notice_id = o.id
    where o.task_id = reports.task_id and o.kind in ('remind', 'escalate') and o.rule = 'report_missing' and o.period = reports.period_key
      and n.read_at is null)`;
}

/**
 * Marks read every unread copy of the task's notices of these kinds that match the filter, in one statement, without
 * reading the notices first; returns, per notice that had unread copies, how many changed (by notice id).
 * `reportId`: only notices about the report — its id in their params, or (older notices) in their dedupe key
 * (`kind|report|revision`, each part URI-encoded).
 */
export async function markMatchingNoticesRead(
  db: Kysely<DB>,
  filter: { taskId: string; kinds: readonly NoticeKind[]; reportId?: string; rule?: string; period?: string },
  now: Date,
): Promise<Array<{ noticeId: string; copies: number }>> {
  if (filter.kinds.length === 0) return [];
  const { reportId, rule, period } = filter;
  const dialect = dialectOf(db);
  let matching = db.selectFrom('notices').select('notices.id').where('notices.task_id', '=', filter.taskId).where('notices.kind', 'in', [...filter.kinds]);
  if (rule !== undefined) matching = matching.where('notices.rule', '=', rule);
  if (period !== undefined) matching = matching.where('notices.period', '=', period);
  if (reportId !== undefined) {
    const byKind = filter.kinds.map((kind) => ({ kind, prefix: `${encodeURIComponent(kind)}|${encodeURIComponent(reportId)}|` }));
    matching = matching.where((eb) =>
      eb.or([
        eb(jsonTextField(dialect, 'notices.params_json', 'reportId'), '=', reportId),
        // A dedupe key starts with its notice's own kind; compared as a prefix without LIKE, whose wildcards ids may hold.
        ...byKind.map(({ kind, prefix }) => eb.and([eb('notices.kind', '=', kind), eb(sql<string>`substr(notices.dedupe_key, 1, ${sql.lit(prefix.length)})`, '=', prefix)])),
      ]),
    );
  }
  const rows = await db
    .updateTable('notifications')
    .set({ read_at: now.toISOString() })
    .where('notice_id', 'in', matching)
    .where('read_at', 'is', null)
    .returning('notice_id')
    .execute();
  const copies = new Map<string, number>();
  for (const r of rows) copies.set(r.notice_id, (copies.get(r.notice_id) ?? 0) + 1);
  return [...copies].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([noticeId, n]) => ({ noticeId, copies: n }));
}

/** Marks every recipient's unread copy of a notice read; returns how many changed. */
export async function markNoticeRead(db: Kysely<DB>, noticeId: string, now: Date): Promise<number> {
  const result = await db
    .updateTable('notifications')
    .set({ read_at: now.toISOString() })
    .where('notice_id', '=', noticeId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function markAllRead(db: Kysely<DB>, userId: string, now: Date): Promise<number> {
  const result = await db
    .updateTable('notifications')
    .set({ read_at: now.toISOString() })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Records the tasks a grouped notice lists. */
export async function insertNoticeTasks(db: Kysely<DB>, noticeId: string, taskIds: readonly string[]): Promise<void> {
  if (!taskIds.length) return;
  await db.insertInto('notice_tasks').values([...new Set(taskIds)].map((taskId) => ({ notice_id: noticeId, task_id: taskId, settled_at: null }))).execute();
}

/**
 * Settles one task of the grouped notices of the given kinds that list it; returns the notices now settled for every
 * task they list (to be marked read).
 */
export async function settleGroupedTask(db: Kysely<DB>, taskId: string, kinds: readonly NoticeKind[], now: Date): Promise<string[]> {
  if (kinds.length === 0) return [];
  const rows = await db
    .selectFrom('notice_tasks')
    .innerJoin('notices', 'notices.id', 'notice_tasks.notice_id')
    .select('notice_tasks.notice_id')
    .where('notice_tasks.task_id', '=', taskId)
    .where('notice_tasks.settled_at', 'is', null)
    .where('notices.kind', 'in', [...kinds])
    .execute();
  const done: string[] = [];
  for (const { notice_id } of rows) {
    await db.updateTable('notice_tasks').set({ settled_at: now.toISOString() }).where('notice_id', '=', notice_id).where('task_id', '=', taskId).execute();
    const open = await db.selectFrom('notice_tasks').select('task_id').where('notice_id', '=', notice_id).where('settled_at', 'is', null).executeTakeFirst();
    if (!open) done.push(notice_id);
  }
  return done;
}

/** The notices about a task, oldest first: all of them, or only those sent to one user. */
export async function listTaskNotices(db: Kysely<DB>, taskId: string, viewer: { all: true } | { all: false; userId: string }): Promise<NoticeRecord[]> {
  let q = db.selectFrom('notices').selectAll('notices').where('notices.task_id', '=', taskId);
  if (!viewer.all) {
    const userId = viewer.userId;
    q = q.where((eb) => eb.exists(eb.selectFrom('notifications').select('notifications.id').whereRef('notifications.notice_id', '=', 'notices.id').where('notifications.user_id', '=', userId)));
  }
  const rows = await q.orderBy('notices.created_at').orderBy('notices.id').execute();
  return rows.map(toNoticeRecord);
}

/** Deletes in-app notifications read before `cutoff`; how many went. */
export async function deleteReadNotifications(db: Kysely<DB>, cutoff: string): Promise<number> {
  const r = await db.deleteFrom('notifications').where('read_at', 'is not', null).where('read_at', '<', cutoff).executeTakeFirst();
  return Number(r.numDeletedRows);
}
