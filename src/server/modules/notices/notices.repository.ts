/** Notices, in-app notifications, the delivery outbox and webhooks: parameterised queries and row ↔ domain mapping. */
import type { Kysely } from 'kysely';
import type { NoticeParams } from '../../../core/notices/index.ts';
import type { WebhookFormat } from '../../../core/notices/index.ts';
import { fromJson, toJson } from '../../platform/db/json.ts';
import type { DB, NoticesTable, OutboxTable, WebhooksTable } from '../../platform/db/schema.ts';

export const NOTICE_KINDS = ['remind', 'escalate', 'manual', 'instruction', 'report_returned', 'task_assigned'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

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
export async function insertNoticeIfNew(db: Kysely<DB>, n: NewNotice, now: Date): Promise<boolean> {
  const result = await db
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
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
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

/** One user's notifications, newest first (ids are UUIDv7, so id order is creation order). */
export async function listNotifications(db: Kysely<DB>, userId: string, filter: NotificationFilter): Promise<NotificationRecord[]> {
  let q = db
    .selectFrom('notifications')
    .innerJoin('notices', 'notices.id', 'notifications.notice_id')
    .leftJoin('tasks', 'tasks.id', 'notices.task_id')
    .selectAll('notices')
    .select(['notifications.id as notification_id', 'notifications.read_at', 'notifications.created_at as notified_at', 'tasks.title as current_task_title'])
    .where('notifications.user_id', '=', userId);
  if (filter.unreadOnly) q = q.where('notifications.read_at', 'is', null);
  if (filter.before) q = q.where('notifications.id', '<', filter.before);
  const rows = await q.orderBy('notifications.id', 'desc').limit(filter.limit).execute();
  return rows.map((r) => ({
    id: r.notification_id,
    readAt: r.read_at ? new Date(r.read_at) : null,
    createdAt: new Date(r.notified_at),
    notice: toNoticeRecord(r),
    currentTaskTitle: r.current_task_title,
  }));
}

export async function findNotification(db: Kysely<DB>, userId: string, id: string): Promise<NotificationRecord | null> {
  const [found] = await listNotificationsById(db, userId, id);
  return found ?? null;
}

async function listNotificationsById(db: Kysely<DB>, userId: string, id: string): Promise<NotificationRecord[]> {
  const rows = await db
    .selectFrom('notifications')
    .innerJoin('notices', 'notices.id', 'notifications.notice_id')
    .leftJoin('tasks', 'tasks.id', 'notices.task_id')
    .selectAll('notices')
    .select(['notifications.id as notification_id', 'notifications.read_at', 'notifications.created_at as notified_at', 'tasks.title as current_task_title'])
    .where('notifications.user_id', '=', userId)
    .where('notifications.id', '=', id)
    .execute();
  return rows.map((r) => ({
    id: r.notification_id,
    readAt: r.read_at ? new Date(r.read_at) : null,
    createdAt: new Date(r.notified_at),
    notice: toNoticeRecord(r),
    currentTaskTitle: r.current_task_title,
  }));
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

export async function markAllRead(db: Kysely<DB>, userId: string, now: Date): Promise<number> {
  const result = await db
    .updateTable('notifications')
    .set({ read_at: now.toISOString() })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

// ---------------------------------------------------------------------------------------------------------------
// Outbox

export type OutboxChannel = 'email' | 'webhook';
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'dead';
export const OUTBOX_STATUSES: readonly OutboxStatus[] = ['pending', 'sending', 'sent', 'dead'];

export interface EmailPayload {
  userId: string;
  locale: string;
}
export interface WebhookDeliveryPayload {
  locale: string;
}

export interface OutboxRecord {
  id: string;
  noticeId: string;
  channel: OutboxChannel;
  target: string;
  payload: Record<string, unknown>;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: Date;
  leaseUntil: Date | null;
  lastError: string | null;
  sentAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

function toOutbox(row: OutboxTable): OutboxRecord {
  return {
    id: row.id,
    noticeId: row.notice_id,
    channel: row.channel === 'webhook' ? 'webhook' : 'email',
    target: row.target,
    payload: fromJson<Record<string, unknown>>(row.payload_json) ?? {},
    status: (OUTBOX_STATUSES as readonly string[]).includes(row.status) ? (row.status as OutboxStatus) : 'dead',
    attempts: Number(row.attempts),
    nextAttemptAt: new Date(row.next_attempt_at),
    leaseUntil: row.lease_until ? new Date(row.lease_until) : null,
    lastError: row.last_error,
    sentAt: row.sent_at ? new Date(row.sent_at) : null,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

export interface NewOutboxRow {
  id: string;
  noticeId: string;
  channel: OutboxChannel;
  target: string;
  payload: EmailPayload | WebhookDeliveryPayload;
}

export async function insertOutboxRows(db: Kysely<DB>, rows: readonly NewOutboxRow[], now: Date): Promise<void> {
  if (rows.length === 0) return;
  const at = now.toISOString();
  await db
    .insertInto('outbox')
    .values(
      rows.map((r) => ({
        id: r.id,
        notice_id: r.noticeId,
        channel: r.channel,
        target: r.target,
        payload_json: toJson(r.payload) ?? '{}',
        status: 'pending',
        attempts: 0,
        next_attempt_at: at,
        lease_until: null,
        lease_token: null,
        last_error: null,
        sent_at: null,
        created_at: at,
        updated_at: at,
      })),
    )
    .onConflict((oc) => oc.columns(['notice_id', 'channel', 'target']).doNothing())
    .execute();
}

/** Ids of rows an instance may claim now: due and pending, or stuck in `sending` past their lease (a crashed sender). */
export async function claimableOutboxIds(db: Kysely<DB>, now: Date, limit: number): Promise<string[]> {
  const at = now.toISOString();
  const rows = await db
    .selectFrom('outbox')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', at)]),
        eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', at)]),
      ]),
    )
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Claims one row with a conditional update: of several instances racing for the same row, exactly one sees one
 * updated row. The attempt is counted at claim time, so a row whose sending crashes the process still runs out of
 * attempts instead of being retried forever.
 */
export async function claimOutboxRow(db: Kysely<DB>, id: string, token: string, now: Date, leaseUntil: Date): Promise<OutboxRecord | null> {
  const at = now.toISOString();
  const result = await db
    .updateTable('outbox')
    .set((eb) => ({ status: 'sending', lease_until: leaseUntil.toISOString(), lease_token: token, attempts: eb('attempts', '+', 1), updated_at: at }))
    .where('id', '=', id)
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', at)]),
        eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', at)]),
      ]),
    )
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return null;
  const row = await db.selectFrom('outbox').selectAll().where('id', '=', id).where('lease_token', '=', token).executeTakeFirst();
  return row ? toOutbox(row) : null;
}

export type OutboxOutcome =
  | { status: 'sent' }
  | { status: 'pending'; nextAttemptAt: Date; error: string }
  | { status: 'dead'; error: string };

/** Records the outcome of a claimed send; false when the lease was lost (another instance took the row over). */
export async function finishOutboxRow(db: Kysely<DB>, id: string, token: string, outcome: OutboxOutcome, now: Date): Promise<boolean> {
  const at = now.toISOString();
  const result = await db
    .updateTable('outbox')
    .set({
      status: outcome.status,
      lease_until: null,
      lease_token: null,
      updated_at: at,
      ...(outcome.status === 'sent' ? { sent_at: at, last_error: null } : { last_error: outcome.error.slice(0, 1000) }),
      ...(outcome.status === 'pending' ? { next_attempt_at: outcome.nextAttemptAt.toISOString() } : {}),
    })
    .where('id', '=', id)
    .where('lease_token', '=', token)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function findOutboxRow(db: Kysely<DB>, id: string): Promise<OutboxRecord | null> {
  const row = await db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toOutbox(row) : null;
}

export interface OutboxListItem extends OutboxRecord {
  notice: NoticeRecord;
  webhookName: string | null;
}

export async function listOutbox(db: Kysely<DB>, filter: { status?: OutboxStatus; before?: string; limit: number }): Promise<OutboxListItem[]> {
  let q = db
    .selectFrom('outbox')
    .innerJoin('notices', 'notices.id', 'outbox.notice_id')
    .leftJoin('webhooks', (join) => join.onRef('webhooks.id', '=', 'outbox.target').on('outbox.channel', '=', 'webhook'))
    .selectAll('notices')
    .select([
      'outbox.id as outbox_id',
      'outbox.notice_id as outbox_notice_id',
      'outbox.channel',
      'outbox.target',
      'outbox.payload_json',
      'outbox.status',
      'outbox.attempts',
      'outbox.next_attempt_at',
      'outbox.lease_until',
      'outbox.lease_token',
      'outbox.last_error',
      'outbox.sent_at',
      'outbox.created_at as outbox_created_at',
      'outbox.updated_at as outbox_updated_at',
      'webhooks.name as webhook_name',
    ]);
  if (filter.status) q = q.where('outbox.status', '=', filter.status);
  if (filter.before) q = q.where('outbox.id', '<', filter.before);
  const rows = await q.orderBy('outbox.id', 'desc').limit(filter.limit).execute();
  return rows.map((r) => ({
    ...toOutbox({
      id: r.outbox_id,
      notice_id: r.outbox_notice_id,
      channel: r.channel,
      target: r.target,
      payload_json: r.payload_json,
      status: r.status,
      attempts: r.attempts,
      next_attempt_at: r.next_attempt_at,
      lease_until: r.lease_until,
      lease_token: r.lease_token,
      last_error: r.last_error,
      sent_at: r.sent_at,
      created_at: r.outbox_created_at,
      updated_at: r.outbox_updated_at,
    }),
    notice: toNoticeRecord(r),
    webhookName: r.webhook_name,
  }));
}

/** Puts a dead row back in the queue with a fresh attempt budget; false unless it was dead. */
export async function requeueDeadRow(db: Kysely<DB>, id: string, now: Date): Promise<boolean> {
  const at = now.toISOString();
  const result = await db
    .updateTable('outbox')
    .set({ status: 'pending', attempts: 0, next_attempt_at: at, lease_until: null, lease_token: null, updated_at: at })
    .where('id', '=', id)
    .where('status', '=', 'dead')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Gives up the undelivered rows of a deleted webhook, so they show as dead rather than failing forever. */
export async function killWebhookRows(db: Kysely<DB>, webhookId: string, reason: string, now: Date): Promise<number> {
  const at = now.toISOString();
  const result = await db
    .updateTable('outbox')
    .set({ status: 'dead', lease_until: null, lease_token: null, last_error: reason, updated_at: at })
    .where('channel', '=', 'webhook')
    .where('target', '=', webhookId)
    .where('status', 'in', ['pending', 'sending'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

// ---------------------------------------------------------------------------------------------------------------
// Webhooks

export interface Webhook {
  id: string;
  name: string;
  url: string;
  format: WebhookFormat;
  secret: string | null;
  programmeId: string | null;
  active: boolean;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

const FORMATS: readonly WebhookFormat[] = ['generic', 'dingtalk', 'wecom', 'feishu'];

function toWebhook(row: WebhooksTable): Webhook {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    format: (FORMATS as readonly string[]).includes(row.format) ? (row.format as WebhookFormat) : 'generic',
    secret: row.secret,
    programmeId: row.programme_id,
    active: Number(row.active) === 1,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    version: Number(row.version),
  };
}

export async function listWebhooks(db: Kysely<DB>): Promise<Webhook[]> {
  const rows = await db.selectFrom('webhooks').selectAll().orderBy('created_at').orderBy('id').execute();
  return rows.map(toWebhook);
}

/** Active webhooks that take notices of this programme: its own and the global ones. */
export async function webhooksFor(db: Kysely<DB>, programmeId: string | null): Promise<Webhook[]> {
  let q = db.selectFrom('webhooks').selectAll().where('active', '=', 1);
  q = programmeId ? q.where((eb) => eb.or([eb('programme_id', 'is', null), eb('programme_id', '=', programmeId)])) : q.where('programme_id', 'is', null);
  return (await q.orderBy('id').execute()).map(toWebhook);
}

export async function findWebhook(db: Kysely<DB>, id: string): Promise<Webhook | null> {
  const row = await db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toWebhook(row) : null;
}

export async function insertWebhook(db: Kysely<DB>, w: Omit<Webhook, 'createdAt' | 'updatedAt' | 'version'>, now: Date): Promise<void> {
  const at = now.toISOString();
  await db
    .insertInto('webhooks')
    .values({
      id: w.id,
      name: w.name,
      url: w.url,
      format: w.format,
      secret: w.secret,
      programme_id: w.programmeId,
      active: w.active ? 1 : 0,
      created_by: w.createdBy,
      created_at: at,
      updated_at: at,
      version: 1,
    })
    .execute();
}

export interface WebhookPatch {
  name?: string;
  url?: string;
  format?: WebhookFormat;
  secret?: string | null;
  programmeId?: string | null;
  active?: boolean;
}

/** Conditional update on `version`: false means someone else changed the webhook first. */
export async function updateWebhookRow(db: Kysely<DB>, id: string, patch: WebhookPatch, now: Date, expectedVersion: number): Promise<boolean> {
  const result = await db
    .updateTable('webhooks')
    .set((eb) => ({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.url !== undefined ? { url: patch.url } : {}),
      ...(patch.format !== undefined ? { format: patch.format } : {}),
      ...(patch.secret !== undefined ? { secret: patch.secret } : {}),
      ...(patch.programmeId !== undefined ? { programme_id: patch.programmeId } : {}),
      ...(patch.active !== undefined ? { active: patch.active ? 1 : 0 } : {}),
      updated_at: now.toISOString(),
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteWebhookRow(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('webhooks').where('id', '=', id).execute();
}
