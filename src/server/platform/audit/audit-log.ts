/**
 * The tamper-evident audit log. Every state change appends one row in the same transaction as the change; each row
 * carries the hash of the previous row of its chain, so editing, deleting or reordering any row breaks the chain at that
 * point. SQLite keeps one chain; PostgreSQL spreads concurrent writers over several (migration 0014), so that writers
 * do not queue behind one head row.
 */
import { createHash } from 'node:crypto';
import { PostgresAdapter, sql, type Kysely } from 'kysely';
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

interface ClaimedHead {
  chain: number;
  /** The first new row's position in its chain; the others follow it. */
  chainSeq: number;
  /** The new rows' global sequence numbers, ascending. */
  seqs: number[];
  /** The chain's last hash, which the first new row links to. */
  hash: string;
}

/** The chain a transaction appends to once it has claimed one: it holds that head's lock until it ends. */
const chainOfTransaction = new WeakMap<object, number>();

const isPostgres = (db: Kysely<DB>): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * Takes the next `n` positions in a chain, with the chain's head row locked until the transaction ends, so rows of one
 * chain are appended one after another on any number of instances and a chain never forks.
 */
async function claimHead(trx: Kysely<DB>, n: number): Promise<ClaimedHead> {
  if (!isPostgres(trx)) {
    // SQLite: one writer at a time, one chain; its position is the global sequence number.
    const head = await trx
      .updateTable('audit_head')
      .set((eb) => ({ seq: eb('seq', '+', n) }))
      .where('id', '=', 1)
      .returning(['seq', 'hash'])
      .executeTakeFirstOrThrow();
    const first = Number(head.seq) - n + 1;
    return { chain: 1, chainSeq: first, seqs: Array.from({ length: n }, (_, i) => first + i), hash: head.hash };
  }
  const held = chainOfTransaction.get(trx);
  // The lowest-numbered chain no other transaction holds (a lone writer always gets chain 1); when every chain is
  // busy, wait for a random one. The sequence values are drawn under the head's lock, so within a chain seq only grows.
  const result = held !== undefined
    ? await sql<{ id: number; seq: number; hash: string; globals: Array<string | number> }>`
        update audit_head set seq = seq + ${n} where id = ${held}
        returning id, seq, hash, array(select nextval('audit_seq') from generate_series(1, ${n})) as globals`.execute(trx)
    : await sql<{ id: number; seq: number; hash: string; globals: Array<string | number> }>`
        with pick as (
          select coalesce(
            (select id from audit_head order by id limit 1 for update skip locked),
            (select (1 + floor(random() * count(*)))::int from audit_head)
          ) as id
        )
        update audit_head h set seq = h.seq + ${n} from pick where h.id = pick.id
        returning h.id, h.seq, h.hash, array(select nextval('audit_seq') from generate_series(1, ${n})) as globals`.execute(trx);
  const head = result.rows[0];
  if (!head) throw new Error('audit_head has no row to append to');
  chainOfTransaction.set(trx, Number(head.id));
  const seqs = head.globals.map(Number).sort((a, b) => a - b);
  return { chain: Number(head.id), chainSeq: Number(head.seq) - n + 1, seqs, hash: head.hash };
}

/** Appends one audit row. Call inside the transaction that makes the change. */
export async function appendAudit(trx: Kysely<DB>, actor: Actor, entry: AuditEntry, now: Date): Promise<number> {
  return (await appendAudits(trx, actor, [entry], now))[0]!;
}

/**
 * Appends audit rows in the given order, linked one to the next exactly as separate appends would link them, in
 * three statements whatever their number (claim the positions, insert the rows, move the head). Call inside the
 * transaction that makes the change; returns the rows' sequence numbers.
 */
export async function appendAudits(trx: Kysely<DB>, actor: Actor, entries: readonly AuditEntry[], now: Date): Promise<number[]> {
  if (entries.length === 0) return [];
  const head = await claimHead(trx, entries.length);
  const who = auditIdentity(actor);
  let prevHash = head.hash;
  const rows = entries.map((entry, i) => {
    const row: HashInput = {
      seq: head.seqs[i]!,
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
      prev_hash: prevHash,
    };
    prevHash = hashAuditRow(row);
    return { ...row, hash: prevHash, chain: head.chain, chain_seq: head.chainSeq + i };
  });
  await trx.insertInto('audit_events').values(rows).execute();
  await trx.updateTable('audit_head').set({ hash: prevHash }).where('id', '=', head.chain).execute();
  return rows.map((r) => r.seq);
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  /** The first broken link, if any. */
  brokenAt?: { seq: number; reason: string };
}

/**
 * Walks every chain in order of seq and reports the first row whose position, link or content does not match; each
 * chain must end exactly at its head, and every row must belong to a chain. An edited row fails its hash; a removed
 * row leaves a gap in its chain's positions; a reordering breaks positions or links; a cut tail no longer ends at the
 * head (and against an anchor, see verifyAuditWithAnchor, not even a rewritten head hides it).
 */
export async function verifyAuditChain(db: Kysely<DB>, pageSize = 2000): Promise<ChainReport> {
  const heads = await db.selectFrom('audit_head').select(['id', 'seq', 'hash']).orderBy('id').execute();
  let checked = 0;
  for (const head of heads) {
    const chain = Number(head.id);
    const where = heads.length > 1 ? ` of chain ${chain}` : '';
    let position = 0;
    let prevHash = GENESIS;
    let lastSeq = 0;
    for (;;) {
      const rows = await db
        .selectFrom('audit_events')
        .selectAll()
        .where('chain', '=', chain)
        .where('seq', '>', lastSeq)
        .orderBy('seq')
        .limit(pageSize)
        .execute();
      for (const r of rows) {
        const seq = Number(r.seq);
        const at = Number(r.chain_seq);
        if (at !== position + 1) {
          return at > position + 1
            ? { ok: false, checked, brokenAt: { seq: lastSeq + 1, reason: `row ${lastSeq + 1}${where} is missing (next is ${seq})` } }
            : { ok: false, checked, brokenAt: { seq, reason: `row ${seq}${where} is out of order` } };
        }
        if (r.prev_hash !== prevHash) {
          return { ok: false, checked, brokenAt: { seq, reason: `row ${seq} does not link to the row before it${where}` } };
        }
        if (hashAuditRow({ ...r, seq }) !== r.hash) {
          return { ok: false, checked, brokenAt: { seq, reason: `row ${seq} was altered after it was written` } };
        }
        prevHash = r.hash;
        position = at;
        lastSeq = seq;
        checked += 1;
      }
      if (rows.length < pageSize) break;
    }
    if (Number(head.seq) !== position || head.hash !== prevHash) {
      return {
        ok: false,
        checked,
        brokenAt: { seq: lastSeq + 1, reason: `the log${where} ends at row ${lastSeq} but ${head.seq} rows were written` },
      };
    }
  }
  const total = await db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (Number(total.n) !== checked) {
    const stray = await db
      .selectFrom('audit_events')
      .select('seq')
      .where('chain', 'not in', heads.map((h) => Number(h.id)))
      .orderBy('seq')
      .executeTakeFirst();
    const seq = stray ? Number(stray.seq) : checked + 1;
    return { ok: false, checked, brokenAt: { seq, reason: `row ${seq} belongs to no chain of the log` } };
  }
  return { ok: true, checked };
}
