/**
 * The one way a notice comes into being, shared by the sweep, manual reminders and `notify`: insert under the
 * unique dedupe key, and only if this call inserted it, resolve the recipients, write their in-app notifications
 * and the outbox rows, and append the audit event — all in the caller's transaction, so either everything about
 * the notice exists or nothing does.
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/auth/actor.ts';
import { appendAudits, type AuditEntry } from '../../platform/audit/audit-log.ts';
import type { AppContext } from '../../platform/context.ts';
import type { DB } from '../../platform/db/schema.ts';
import { newId } from '../../platform/ids.ts';
import { noticeLocale } from './notice-text.ts';
import { insertNoticeIfNew, insertNotifications, type NewNotice } from './notices.repository.ts';
import { signalOutbox } from './immediate.ts';
import { insertOutboxRows, type NewOutboxRow } from './outbox.repository.ts';
import { activeUsers, unitHeads, unitLiaisons, type Person } from './read-model.ts';

/** Who should get a notice, in the terms of the organisation; resolved to active users when the notice is made. */
export type RecipientSpec =
  | { kind: 'unit_liaisons'; unitIds: readonly string[] }
  | { kind: 'unit_head'; unitIds: readonly string[] }
  | { kind: 'users'; userIds: readonly string[] }
  /** Active users the caller has already read, with their addresses. */
  | { kind: 'people'; people: readonly Person[] };

export interface RecordNoticeInput {
  notice: Omit<NewNotice, 'id'>;
  to: readonly RecipientSpec[];
  actor: Actor;
  /**
   * The audit events of the act that raises the notice (by the same actor), written ahead of the notice's own in one
   * append, and written alone when the notice already existed.
   */
  auditFirst?: readonly AuditEntry[];
}

export interface RecordedNotice {
  /** False when a notice with this dedupe key already existed: nothing was written. */
  created: boolean;
  noticeId: string | null;
  recipientIds: string[];
  deliveries: { email: number; webhook: number };
  /** Recipients left without e-mail: no address, or SMTP not configured. They still have the in-app copy. */
  withoutEmail: number;
}

async function resolve(trx: Kysely<DB>, to: readonly RecipientSpec[]): Promise<Person[]> {
  const people = new Map<string, Person>();
  for (const spec of to) {
    const found =
      spec.kind === 'unit_liaisons' ? await unitLiaisons(trx, spec.unitIds)
      : spec.kind === 'unit_head' ? await unitHeads(trx, spec.unitIds)
      : spec.kind === 'people' ? spec.people
      : await activeUsers(trx, spec.userIds);
    for (const p of found) if (!people.has(p.userId)) people.set(p.userId, p);
  }
  return [...people.values()];
}

/** Inserts the notice if new and, in the same transaction, its notifications, outbox rows and audit event. */
export async function recordNotice(trx: Kysely<DB>, ctx: AppContext, input: RecordNoticeInput, now: Date): Promise<RecordedNotice> {
  const id = newId(now.getTime());
  const inserted = await insertNoticeIfNew(trx, { ...input.notice, id }, now);
  const auditFirst = input.auditFirst ?? [];
  if (!inserted) {
    await appendAudits(trx, input.actor, auditFirst, now);
    return { created: false, noticeId: null, recipientIds: [], deliveries: { email: 0, webhook: 0 }, withoutEmail: 0 };
  }

  // The insert answered the webhooks the notice goes to, so they are not read again below.
  // Whoever causes a notice (the supervisor who reminds, the leader who instructs) is not notified of it.
  const self = input.actor.kind === 'user' ? input.actor.id : null;
  const people = (await resolve(trx, input.to)).filter((p) => p.userId !== self);
  await insertNotifications(trx, people.map((p) => ({ id: newId(now.getTime()), noticeId: id, userId: p.userId })), now);

  const rows: NewOutboxRow[] = [];
  let withoutEmail = 0;
  const addresses = new Set<string>();
  for (const p of people) {
    const address = p.email?.trim();
    if (!ctx.config.smtp || !address) {
      withoutEmail += 1;
      continue;
    }
    // Two accounts sharing one mailbox get one e-mail (the outbox key is per address).
    if (addresses.has(address.toLowerCase())) continue;
    addresses.add(address.toLowerCase());
    rows.push({ id: newId(now.getTime()), noticeId: id, channel: 'email', target: address, payload: { userId: p.userId, locale: noticeLocale(p.locale) } });
  }
  const emailCount = rows.length;
  for (const hookId of inserted.webhookIds) {
    rows.push({ id: newId(now.getTime()), noticeId: id, channel: 'webhook', target: hookId, payload: { locale: 'zh-Hans' } });
  }
  await insertOutboxRows(trx, rows, now);
  if (rows.length > 0) await signalOutbox(trx, ctx);

  const recipientIds = people.map((p) => p.userId);
  const deliveries = { email: emailCount, webhook: rows.length - emailCount };
  const n = input.notice;
  await appendAudits(
    trx,
    input.actor,
    [
      ...auditFirst,
      {
        action: 'notice.created',
        objectType: 'notice',
        objectId: id,
        after: { dedupeKey: n.dedupeKey, kind: n.kind, rule: n.rule, taskId: n.taskId, period: n.period, unitId: n.unitId, recipientIds, deliveries },
        ...(n.taskId ? { context: { taskId: n.taskId } } : {}),
      },
    ],
    now,
  );
  return { created: true, noticeId: id, recipientIds, deliveries, withoutEmail };
}
