/** The delivery outbox: one row per notice, channel and target; claimed by conditional update, retried until sent or dead. */
import { sql, type Kysely } from 'kysely';
import { fromJson, toJson } from '../../platform/db/json.ts';
import type { DB, OutboxTable } from '../../platform/db/schema.ts';
import { toNoticeRecord, type NoticeRecord } from './notices.repository.ts';

import { OUTBOX_STATUSES, type OutboxChannel, type OutboxStatus } from '../../../core/notices/index.ts';

export { OUTBOX_STATUSES, type OutboxChannel, type OutboxStatus };

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

/**
 * Withdraws the e-mails not yet sent to these users about these notices (they lost the task the notices are about),
 * so no message goes out pointing at something its reader may no longer open. Returns how many.
 */
export async function withdrawPendingEmails(db: Kysely<DB>, noticeIds: readonly string[], userIds: ReadonlySet<string>, reason: string, now: Date): Promise<number> {
  if (noticeIds.length === 0 || userIds.size === 0) return 0;
  const rows = await db
    .selectFrom('outbox')
    .select(['id', 'payload_json'])
    .where('notice_id', 'in', [...noticeIds])
    .where('channel', '=', 'email')
    .where('status', '=', 'pending')
    .execute();
  const ids = rows.filter((r) => userIds.has(String(fromJson<{ userId?: unknown }>(r.payload_json)?.userId ?? ''))).map((r) => r.id);
  if (ids.length === 0) return 0;
  const result = await db
    .updateTable('outbox')
    .set({ status: 'dead', last_error: reason, lease_until: null, lease_token: null, updated_at: now.toISOString() })
    .where('id', 'in', ids)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
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

/** Deliveries by status, and how long the oldest due one has waited: the notice queue's depth for monitoring. */
export async function outboxQueueDepth(db: Kysely<DB>, now: Date): Promise<{ byStatus: Record<string, number>; oldestDueSeconds: number }> {
  const rows = await db.selectFrom('outbox').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
  const oldest = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.min('next_attempt_at').as('at'))
    .where('status', 'in', ['pending', 'sending'])
    .where('next_attempt_at', '<=', now.toISOString())
    .executeTakeFirst();
  const at = oldest?.at ? new Date(String(oldest.at)).getTime() : null;
  return { byStatus: Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])), oldestDueSeconds: at === null ? 0 : Math.max(0, (now.getTime() - at) / 1000) };
}

/** Deletes outbox rows sent or given up before `cutoff`; how many went. */
export async function deleteFinishedOutboxRows(db: Kysely<DB>, cutoff: string): Promise<number> {
  const r = await db.deleteFrom('outbox').where('status', 'in', ['sent', 'dead']).where('updated_at', '<', cutoff).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** PostgreSQL: NOTIFY the channel with the current schema as payload, delivered when the transaction commits. */
export async function notifyOutboxChannel(trx: Kysely<DB>, channel: string): Promise<void> {
  await sql`select pg_notify(${channel}, current_schema())`.execute(trx);
}

/** PostgreSQL: the schema this connection works in. */
export async function currentSchema(db: Kysely<DB>): Promise<string | null> {
  return (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema ?? null;
}
