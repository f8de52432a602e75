/** Programmes and their supervisors. */
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { DB, ProgrammesTable } from '../../platform/db/schema.ts';
import { fromJson } from '../../platform/db/json.ts';
import { programmesSupervisedBy, supervisorsOfProgrammes } from '../supervision/index.ts';
import { programmesWithTasksOfUnit } from '../tasks/index.ts';

export interface Programme {
  id: string;
  title: string;
  description: string | null;
  status: 'active' | 'archived';
  healthThresholds: Record<string, number> | null;
  reminderConfig: Record<string, unknown> | null;
  /** How much 申请办结 and 销号 ask for (see CompletionPolicy). */
  completionPolicy: 'strict' | 'lenient';
  supervisorIds: string[];
  documentIds: string[];
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

async function hydrate(db: Kysely<DB>, rows: ProgrammesTable[]): Promise<Programme[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const sup = await supervisorsOfProgrammes(db, ids);
  const docs = await db.selectFrom('programme_documents').select(['programme_id', 'document_id']).where('programme_id', 'in', ids).execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    description: r.description,
    status: r.status as Programme['status'],
    healthThresholds: fromJson(r.health_thresholds_json),
    reminderConfig: fromJson(r.reminder_config_json),
    completionPolicy: r.completion_policy === 'lenient' ? 'lenient' : 'strict',
    supervisorIds: sup.get(r.id) ?? [],
    documentIds: docs.filter((d) => d.programme_id === r.id).map((d) => d.document_id),
    createdBy: r.created_by,
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
    version: Number(r.version),
  }));
}

export async function findProgramme(db: Kysely<DB>, id: string): Promise<Programme | null> {
  const row = await db.selectFrom('programmes').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? (await hydrate(db, [row]))[0]! : null;
}

export type ProgrammeScope = { all: true } | { all: false; supervisorUserId: string | null; unitId: string | null };

/** The programmes in the scope, as a WHERE clause on `programmes` (also used to scope other modules' lists). */
export function visibleProgrammeWhere(eb: ExpressionBuilder<DB, 'programmes'>, scope: ProgrammeScope): Expression<SqlBool> {
  if (scope.all) return sql<SqlBool>`1 = 1`;
  const { supervisorUserId, unitId } = scope;
  const ors = [];
  if (supervisorUserId) ors.push(eb('programmes.id', 'in', programmesSupervisedBy(eb, supervisorUserId)));
  if (unitId) ors.push(eb('programmes.id', 'in', programmesWithTasksOfUnit(eb, unitId)));
  return ors.length ? eb.or(ors) : sql<SqlBool>`1 = 0`;
}

/** Programmes scoped in SQL: all, or those a supervisor runs, or those holding a task of the liaison's unit. */
export async function listProgrammes(db: Kysely<DB>, scope: ProgrammeScope): Promise<Programme[]> {
  const rows = await db.selectFrom('programmes').selectAll('programmes').where((eb) => visibleProgrammeWhere(eb, scope)).orderBy('programmes.created_at', 'desc').execute();
  return hydrate(db, rows);
}

export async function insertProgramme(db: Kysely<DB>, row: Omit<ProgrammesTable, 'version'>): Promise<void> {
  await db.insertInto('programmes').values({ ...row, version: 1 }).execute();
}


export async function linkDocument(db: Kysely<DB>, programmeId: string, documentId: string): Promise<void> {
  await db.insertInto('programme_documents').values({ programme_id: programmeId, document_id: documentId }).execute();
}

export async function updateProgrammeRow(
  db: Kysely<DB>,
  id: string,
  patch: Partial<Pick<ProgrammesTable, 'title' | 'description' | 'status' | 'health_thresholds_json' | 'reminder_config_json' | 'completion_policy'>>,
  now: Date,
  expectedVersion: number,
): Promise<boolean> {
  const r = await db
    .updateTable('programmes')
    .set((eb) => ({ ...patch, updated_at: now.toISOString(), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A programme's status alone (for other modules' checks before they add to it), or null when there is none. */
export async function findProgrammeStatus(db: Kysely<DB>, programmeId: string): Promise<{ id: string; status: string } | null> {
  return (await db.selectFrom('programmes').select(['id', 'status']).where('id', '=', programmeId).executeTakeFirst()) ?? null;
}

/**
 * A programme's title as a correlated subquery, so another module's list shows it beside its rows in the same statement:
 * `.select((eb) => programmeTitleOf(eb, eb.ref('x.programme_id')).as('programme_title'))`.
 */
export function programmeTitleOf(eb: ExpressionBuilder<DB, keyof DB>, programmeId: Expression<string>) {
  return eb.selectFrom('programmes').select('programmes.title').where('programmes.id', '=', programmeId);
}

/** Whether the document is one of the programme's. */
export async function programmeHasDocument(db: Kysely<DB>, programmeId: string, documentId: string): Promise<boolean> {
  return !!(await db.selectFrom('programme_documents').select('document_id').where('programme_id', '=', programmeId).where('document_id', '=', documentId).executeTakeFirst());
}
