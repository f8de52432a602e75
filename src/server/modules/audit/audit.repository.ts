/** Reading the audit log with filters, newest first, paged by sequence number. */
import type { Kysely } from 'kysely';
import type { AuditEventsTable, DB } from '../../platform/db/schema.ts';

export interface AuditFilter {
  objectType?: string;
  objectId?: string;
  actorId?: string;
  action?: string;
  from?: string;
  to?: string;
  /** Return rows with seq below this (the previous page's last seq). */
  before?: number;
  limit: number;
}

export async function listAuditRows(db: Kysely<DB>, f: AuditFilter): Promise<AuditEventsTable[]> {
  let q = db.selectFrom('audit_events').selectAll();
  if (f.objectType) q = q.where('object_type', '=', f.objectType);
  if (f.objectId) q = q.where('object_id', '=', f.objectId);
  if (f.actorId) q = q.where('actor_id', '=', f.actorId);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<', f.to);
  if (f.before !== undefined) q = q.where('seq', '<', f.before);
  return q.orderBy('seq', 'desc').limit(f.limit).execute();
}
