/**
 * The tamper-evident audit log. Every state change appends one row in the same transaction as the change; each row
 * carries the hash of the previous one, so editing, deleting or reordering any row breaks the chain at that point.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import { auditIdentity } from '../auth/actor.ts';
import type { DB } from '../db/schema.ts';
import { toJson } from '../db/json.ts';
import { newId } from '../ids.ts';

export interface AuditEntry {
  /** `resource.past_tense`, e.g. `task.assigned`. */
  action: string;
  objectType: string;
  objectId: string;
  before?: unknown;
  after?: unknown;
  /** Anything else worth keeping: reason, request address, source of the change. */
  context?: Record<string, unknown>;
}

const GENESIS = '0'.repeat(64);

interface HashInput {
  seq: number;
  id: string;
  at: string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  object_type: string;
  object_id: string;
  before_json: string | null;
  after_json: string | null;
  context_json: string | null;
  prev_hash: string;
}

/** The row hash covers every stored column, in a fixed order, over the exact stored text. */
export function hashAuditRow(r: HashInput): string {
  const fields = [
    String(r.seq), r.id, r.at, r.actor_id ?? '', r.actor_name, r.action, r.object_type, r.object_id,
    r.before_json ?? '', r.after_json ?? '', r.context_json ?? '', r.prev_hash,
  ];
  return createHash('sha256').update(fields.join('\u001f')).digest('hex');
}

/** Appends one audit row. Call inside the transaction that makes the change. */
export async function appendAudit(trx: Kysely<DB>, actor: Actor, entry: AuditEntry, now: Date): Promise<number> {
  // Claiming the next sequence number by update first takes the head row's lock on PostgreSQL, so concurrent
  // transactions on any number of instances append one after another and never fork the chain.
  const head = await trx
    .updateTable('audit_head')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('id', '=', 1)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  const who = auditIdentity(actor);
  const row: HashInput = {
    seq: Number(head.seq),
    id: newId(now.getTime()),
    at: now.toISOString(),
    actor_id: who.id,
    actor_name: who.name,
    action: entry.action,
    object_type: entry.objectType,
    object_id: entry.objectId,
    before_json: toJson(entry.before),
    after_json: toJson(entry.after),
    context_json: toJson(entry.context),
    prev_hash: head.hash,
  };
  const hash = hashAuditRow(row);
  await trx.insertInto('audit_events').values({ ...row, hash }).execute();
  await trx.updateTable('audit_head').set({ hash }).where('id', '=', 1).execute();
  return row.seq;
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  /** The first broken link, if any. */
  brokenAt?: { seq: number; reason: string };
}

/** Walks the whole chain in order and reports the first row whose link or content does not match. */
export async function verifyAuditChain(db: Kysely<DB>, pageSize = 2000): Promise<ChainReport> {
  let expectedSeq = 1;
  let prevHash = GENESIS;
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    for (const r of rows) {
      const seq = Number(r.seq);
      if (seq !== expectedSeq) {
        return { ok: false, checked, brokenAt: { seq: expectedSeq, reason: `row ${expectedSeq} is missing (next is ${seq})` } };
      }
      if (r.prev_hash !== prevHash) {
        return { ok: false, checked, brokenAt: { seq, reason: `row ${seq} does not link to row ${seq - 1}` } };
      }
      if (hashAuditRow({ ...r, seq }) !== r.hash) {
        return { ok: false, checked, brokenAt: { seq, reason: `row ${seq} was altered after it was written` } };
      }
      prevHash = r.hash;
      expectedSeq = seq + 1;
      checked += 1;
    }
    if (rows.length < pageSize) break;
  }
  const head = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
  if (!head || Number(head.seq) !== checked || head.hash !== prevHash) {
    return {
      ok: false,
      checked,
      brokenAt: { seq: checked + 1, reason: `the log ends at row ${checked} but ${head?.seq ?? '?'} rows were written` },
    };
  }
  return { ok: true, checked };
}
