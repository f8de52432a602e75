/** Audit log use cases: browse with filters (scoped like the objects recorded), verify the hash chain. */
import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/auth/actor.ts';
import type { DB } from '../../platform/db/schema.ts';
import { requirePermission } from '../../platform/auth/actor.ts';
import { verifyAuditChain, type ChainReport } from '../../platform/audit/audit-log.ts';
import { hasAuditRow, lastSeqOfChain, listAuditHeads, listAuditRows, type AuditFilter } from '../../platform/audit/audit-read.ts';
import type { AppContext } from '../../platform/context.ts';
import { fromJson } from '../../platform/db/json.ts';
import { auditScopeOf } from './audit.policy.ts';

export interface AuditEvent {
  seq: number;
  at: Date;
  actorId: string | null;
  actorName: string;
  action: string;
  objectType: string;
  objectId: string;
  before: unknown;
  after: unknown;
  context: unknown;
  hash: string;
}

export async function listAuditEvents(ctx: AppContext, actor: Actor, filter: AuditFilter): Promise<AuditEvent[]> {
  requirePermission(actor, 'audit.read');
  const rows = await listAuditRows(ctx.db, filter, auditScopeOf(ctx, actor));
  return rows.map((r) => ({
    seq: Number(r.seq),
    at: new Date(r.at),
    actorId: r.actor_id,
    actorName: r.actor_name,
    action: r.action,
    objectType: r.object_type,
    objectId: r.object_id,
    before: fromJson(r.before_json),
    after: fromJson(r.after_json),
    context: fromJson(r.context_json),
    hash: r.hash }));
}

export async function verifyAudit(ctx: AppContext, actor: Actor): Promise<ChainReport> {
  requirePermission(actor, 'audit.read');
  return verifyAuditChain(ctx.db);
}

/** One anchored row: its global sequence number and hash. */
export interface AnchorRow {
  seq: number;
  hash: string;
}

/**
 * What to keep somewhere the database's administrators cannot write: the last row of chain 1 (`seq`, `hash`) and, on
 * PostgreSQL once concurrent writers have used more than one chain (migration 0014), the last row of each other chain
 * in `more`. Printed as `SEQ:HASH[,SEQ:HASH…]`.
 */
export async function auditAnchor(db: Kysely<DB>): Promise<AnchorRow & { more?: AnchorRow[] }> {
  const heads = await listAuditHeads(db);
  const rows: AnchorRow[] = [];
  for (const head of heads) {
    if (head.seq === 0 && head.id !== 1) continue;
    rows.push({ seq: (await lastSeqOfChain(db, head.id)) ?? head.seq, hash: head.hash });
  }
  const [first, ...more] = rows;
  if (!first) throw new Error('audit_head has no rows');
  return more.length ? { ...first, more } : first;
}

export function formatAnchor(anchor: AnchorRow & { more?: AnchorRow[] }): string {
  return [anchor, ...(anchor.more ?? [])].map((a) => `${a.seq}:${a.hash}`).join(',');
}

/** Parses `HASH`, `SEQ:HASH` or `SEQ:HASH,SEQ:HASH…` as printed by `luoshi audit anchor`. */
export function parseAnchor(text: string): { seq: number | null; hash: string; more?: AnchorRow[] } | null {
  const parts = text.trim().split(',');
  const parsed = parts.map((p) => /^(?:(\d+):)?([0-9a-f]{64})$/i.exec(p.trim()));
  if (parsed.some((m) => !m)) return null;
  const [first, ...rest] = parsed as RegExpExecArray[];
  const head = { seq: first![1] ? Number(first![1]) : null, hash: first![2]!.toLowerCase() };
  if (!rest.length) return head;
  // A row of another chain is only identified with its sequence number.
  if (rest.some((m) => !m[1])) return null;
  return { ...head, more: rest.map((m) => ({ seq: Number(m[1]), hash: m[2]!.toLowerCase() })) };
}

/**
 * Verifies the chains and that they still contain every anchored row. A copy missing its last rows, with its head rows
 * rewritten to match, verifies on its own; against an anchor taken earlier it does not.
 */
export async function verifyAuditWithAnchor(db: Kysely<DB>, anchor: { seq: number | null; hash: string; more?: AnchorRow[] }): Promise<ChainReport> {
  const report = await verifyAuditChain(db);
  if (!report.ok) return report;
  for (const extra of anchor.more ?? []) {
    if (!(await hasAuditRow(db, extra.hash, extra.seq))) {
      return {
        ok: false,
        checked: report.checked,
        brokenAt: { seq: extra.seq, reason: `the anchored row ${extra.seq}:${extra.hash.slice(0, 12)}… is not in the log (${report.checked} rows): it was truncated or rewritten` } };
    }
  }
  if (!(await hasAuditRow(db, anchor.hash, anchor.seq))) {
    const at = anchor.seq ?? report.checked + 1;
    return {
      ok: false,
      checked: report.checked,
      brokenAt: { seq: at, reason: `the anchored row ${anchor.seq ?? ''}${anchor.seq ? ':' : ''}${anchor.hash.slice(0, 12)}… is not in the log (${report.checked} rows): it was truncated or rewritten` } };
  }
  return report;
}
