/**
 * Reading the audit log: filtered pages, newest first, and the chains' heads for anchoring. The log knows no module; a
 * reader's scope comes in as rules over the columns every entry has (its object's type and id, its context, its actor),
 * and a rule may name the ids of the objects it admits as a subquery that the owning module builds.
 */
import type { Expression, ExpressionBuilder, Kysely, OperandExpression, SqlBool } from 'kysely';
import type { DialectKind } from '../db/database.ts';
import type { AuditEventsTable, DB } from '../db/schema.ts';
import { jsonTextField } from '../db/sql-helpers.ts';

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

/** The ids of some objects, as a subquery inside the log's query (`eb.selectFrom('tasks').select('tasks.id')…`). */
export type AuditIds = (eb: ExpressionBuilder<DB, 'audit_events'>) => OperandExpression<string | null>;

/** Entries of these object types, further narrowed by whichever of the other fields are given. */
export interface AuditRule {
  objectTypes: readonly string[];
  /** The entry's object is this one, or one of these. */
  objectId?: string | AuditIds;
  /** The entry's context names one of these objects under `key` (a milestone's entry names its task as `taskId`). */
  context?: { key: string; ids: AuditIds };
  /** The entry was written by this user. */
  actorId?: string;
}

/** Which entries a reader sees: all of them, or those that match at least one rule. */
export type AuditVisibility = { all: true } | { all: false; dialect: DialectKind; rules: readonly AuditRule[] };

function ruleWhere(eb: ExpressionBuilder<DB, 'audit_events'>, dialect: DialectKind, rule: AuditRule): Expression<SqlBool> {
  const types = rule.objectTypes;
  const ands: Expression<SqlBool>[] = [types.length === 1 ? eb('audit_events.object_type', '=', types[0]!) : eb('audit_events.object_type', 'in', types)];
  if (typeof rule.objectId === 'string') ands.push(eb('audit_events.object_id', '=', rule.objectId));
  else if (rule.objectId) ands.push(eb('audit_events.object_id', 'in', rule.objectId(eb)));
  if (rule.context) ands.push(eb(jsonTextField(dialect, 'audit_events.context_json', rule.context.key), 'in', rule.context.ids(eb)));
  if (rule.actorId !== undefined) ands.push(eb('audit_events.actor_id', '=', rule.actorId));
  return ands.length === 1 ? ands[0]! : eb.and(ands);
}

/** One page of entries matching the filter within the reader's visibility, newest first. */
export async function listAuditRows(db: Kysely<DB>, f: AuditFilter, visibility: AuditVisibility): Promise<AuditEventsTable[]> {
  let q = db.selectFrom('audit_events').selectAll();
  if (!visibility.all) {
    const { dialect, rules } = visibility;
    q = q.where((eb) => eb.or(rules.map((rule) => ruleWhere(eb, dialect, rule))));
  }
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
