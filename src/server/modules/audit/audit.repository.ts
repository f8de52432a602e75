/** Reading the audit log with filters, newest first, paged by sequence number, scoped like the objects it records. */
import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import type { DialectKind } from '../../platform/db/database.ts';
import type { AuditEventsTable, DB } from '../../platform/db/schema.ts';
import { jsonTextField } from '../../platform/db/sql-helpers.ts';
import { programmesSupervisedBy } from '../supervision/index.ts';

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

type Where<T extends keyof DB> = (eb: ExpressionBuilder<DB, T>) => Expression<SqlBool>;

/**
 * Which entries a reader sees: all of them (administrators, the system), or those about objects the reader may see,
 * each judged by its own module's rule, plus the reader's own account.
 */
export type AuditScope =
  | { all: true }
  | {
      all: false;
      dialect: DialectKind;
      userId: string;
      tasks: Where<'tasks'>;
      reports: Where<'reports'>;
      programmes: Where<'programmes'>;
      drafts: Where<'programme_drafts'>;
      documents: boolean;
      units: boolean;
    };

/** Entries whose object lives inside a task (or was deleted from one) name the task in their context. */
const TASK_PARTS = ['milestone', 'instruction', 'notice'];

function scopeWhere(eb: ExpressionBuilder<DB, 'audit_events'>, s: Extract<AuditScope, { all: false }>): Expression<SqlBool> {
  const contextField = (key: string) => jsonTextField(s.dialect, 'audit_events.context_json', key);
  const taskIds = eb.selectFrom('tasks').select('tasks.id').where(s.tasks);
  const reportIds = eb.selectFrom('reports').select('reports.id').where(s.reports);
  const ors: Expression<SqlBool>[] = [
    eb.and([eb('audit_events.object_type', '=', 'task'), eb('audit_events.object_id', 'in', taskIds)]),
    eb.and([eb('audit_events.object_type', 'in', TASK_PARTS), eb(contextField('taskId'), 'in', taskIds)]),
    // A report's entries carry its content (drafts too), so they follow the report's own rule, not the task's.
    eb.and([eb('audit_events.object_type', '=', 'report'), eb('audit_events.object_id', 'in', reportIds)]),
    eb.and([eb('audit_events.object_type', '=', 'evidence'), eb(contextField('reportId'), 'in', reportIds)]),
    eb.and([eb('audit_events.object_type', '=', 'programme'), eb('audit_events.object_id', 'in', eb.selectFrom('programmes').select('programmes.id').where(s.programmes))]),
    eb.and([eb('audit_events.object_type', '=', 'draft'), eb('audit_events.object_id', 'in', eb.selectFrom('programme_drafts').select('programme_drafts.id').where(s.drafts))]),
    eb.and([eb('audit_events.object_type', '=', 'user'), eb('audit_events.object_id', '=', s.userId)]),
    eb.and([eb('audit_events.object_type', 'in', ['api_token', 'notification']), eb('audit_events.actor_id', '=', s.userId)]),
  ];
  if (s.documents) ors.push(eb('audit_events.object_type', '=', 'document'));
  if (s.units) ors.push(eb('audit_events.object_type', '=', 'unit'));
  // 传达学习 and 督查 entries carry units' records and findings: only the supervisors of their programme see them.
  const supervised = programmesSupervisedBy(eb, s.userId);
  const campaignIds = eb.selectFrom('relay_campaigns').select('relay_campaigns.id').where('relay_campaigns.programme_id', 'in', supervised);
  const inspectionIds = eb.selectFrom('inspections').select('inspections.id').where('inspections.programme_id', 'in', supervised);
  ors.push(
    eb.and([eb('audit_events.object_type', '=', 'relay_campaign'), eb('audit_events.object_id', 'in', campaignIds)]),
    eb.and([eb('audit_events.object_type', 'in', ['relay_record', 'relay_evidence']), eb(contextField('campaignId'), 'in', campaignIds)]),
    eb.and([eb('audit_events.object_type', '=', 'inspection'), eb('audit_events.object_id', 'in', inspectionIds)]),
    eb.and([eb('audit_events.object_type', 'in', ['inspection_visit', 'inspection_finding', 'inspection_evidence']), eb(contextField('inspectionId'), 'in', inspectionIds)]),
  );
  return eb.or(ors);
}

export async function listAuditRows(db: Kysely<DB>, f: AuditFilter, scope: AuditScope): Promise<AuditEventsTable[]> {
  let q = db.selectFrom('audit_events').selectAll();
  if (!scope.all) q = q.where((eb) => scopeWhere(eb, scope));
  if (f.objectType) q = q.where('object_type', '=', f.objectType);
  if (f.objectId) q = q.where('object_id', '=', f.objectId);
  if (f.actorId) q = q.where('actor_id', '=', f.actorId);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<', f.to);
  if (f.before !== undefined) q = q.where('seq', '<', f.before);
  return q.orderBy('seq', 'desc').limit(f.limit).execute();
}

/** The head row of every chain (its last sequence number and hash when the chain was last written), by chain id. */
export async function listAuditHeads(db: Kysely<DB>): Promise<Array<{ id: number; seq: number; hash: string }>> {
  const rows = await db.selectFrom('audit_head').select(['id', 'seq', 'hash']).orderBy('id').execute();
  return rows.map((r) => ({ id: Number(r.id), seq: Number(r.seq), hash: r.hash }));
}

/** The last sequence number written on a chain, or null when the chain has no rows. */
export async function lastSeqOfChain(db: Kysely<DB>, chain: number): Promise<number | null> {
  const last = await db.selectFrom('audit_events').select('seq').where('chain', '=', chain).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return last ? Number(last.seq) : null;
}

/** Whether the log holds the row with this hash (and sequence number, when given). */
export async function hasAuditRow(db: Kysely<DB>, hash: string, seq: number | null): Promise<boolean> {
  let q = db.selectFrom('audit_events').select('seq').where('hash', '=', hash);
  if (seq !== null) q = q.where('seq', '=', seq);
  return (await q.executeTakeFirst()) !== undefined;
}
