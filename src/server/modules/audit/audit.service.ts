/** Audit log use cases: browse with filters, verify the hash chain. */
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/actor.ts';
import { verifyAuditChain, type ChainReport } from '../../platform/audit/audit-log.ts';
import type { AppContext } from '../../platform/context.ts';
import { fromJson } from '../../platform/db/json.ts';
import { listAuditRows, type AuditFilter } from './audit.repository.ts';

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
  const rows = await listAuditRows(ctx.db, filter);
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
    hash: r.hash,
  }));
}

export async function verifyAudit(ctx: AppContext, actor: Actor): Promise<ChainReport> {
  requirePermission(actor, 'audit.read');
  return verifyAuditChain(ctx.db);
}
