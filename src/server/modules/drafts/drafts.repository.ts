/** Draft programmes under review. */
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { DraftNode } from '../../../core/drafts/index.ts';
import type { DB, ProgrammeDraftsTable } from '../../platform/db/schema.ts';
import { programmesSupervisedBy } from '../supervision/index.ts';
import type { DraftScope } from './drafts.policy.ts';

export interface Draft {
  id: string;
  documentId: string;
  title: string;
  tree: DraftNode[];
  status: 'open' | 'published' | 'discarded';
  programmeId: string | null;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

// Drafts stored before clauses were classified lack the newer fields; they read as they did then.
function withDefaults(nodes: DraftNode[]): DraftNode[] {
  return nodes.map((n) => ({ ...n, class: n.class ?? null, classCue: n.classCue ?? null, keyPoints: n.keyPoints ?? [], restatement: n.restatement ?? false, repeats: n.repeats ?? null, children: withDefaults(n.children) }));
}

function toDraft(r: ProgrammeDraftsTable): Draft {
  return {
    id: r.id,
    documentId: r.document_id,
    title: r.title,
    tree: withDefaults(JSON.parse(r.tree_json) as DraftNode[]),
    status: r.status as Draft['status'],
    programmeId: r.programme_id,
    createdBy: r.created_by,
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
    version: Number(r.version),
  };
}

export async function insertDraft(db: Kysely<DB>, row: Omit<ProgrammeDraftsTable, 'version'>): Promise<void> {
  await db.insertInto('programme_drafts').values({ ...row, version: 1 }).execute();
}

export async function findDraft(db: Kysely<DB>, id: string): Promise<Draft | null> {
  const row = await db.selectFrom('programme_drafts').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toDraft(row) : null;
}

/** The drafts in the scope as a WHERE clause: the author's own, and those of programmes the user supervises. */
export function visibleDraftWhere(eb: ExpressionBuilder<DB, 'programme_drafts'>, scope: DraftScope): Expression<SqlBool> {
  if (scope.all) return sql<SqlBool>`1 = 1`;
  const userId = scope.userId;
  if (userId === null) return sql<SqlBool>`1 = 0`;
  return eb.or([eb('programme_drafts.created_by', '=', userId), eb('programme_drafts.programme_id', 'in', programmesSupervisedBy(eb, userId))]);
}

export async function listDrafts(db: Kysely<DB>, filter: { documentId?: string; status?: string }, scope: DraftScope): Promise<Draft[]> {
  let q = db.selectFrom('programme_drafts').selectAll().where((eb) => visibleDraftWhere(eb, scope));
  if (filter.documentId) q = q.where('document_id', '=', filter.documentId);
  if (filter.status) q = q.where('status', '=', filter.status);
  return (await q.orderBy('created_at', 'desc').limit(200).execute()).map(toDraft);
}

/** Conditional on `version`, so two reviewers editing at once cannot overwrite each other's work. */
export async function updateDraftRow(
  db: Kysely<DB>,
  id: string,
  patch: { title?: string; tree?: DraftNode[]; status?: Draft['status']; programmeId?: string },
  now: Date,
  expectedVersion: number,
): Promise<boolean> {
  const r = await db
    .updateTable('programme_drafts')
    .set((eb) => ({
      ...(patch.title !== undefined ? { title: patch.title } : {}),
      ...(patch.tree !== undefined ? { tree_json: JSON.stringify(patch.tree) } : {}),
      ...(patch.status !== undefined ? { status: patch.status } : {}),
      ...(patch.programmeId !== undefined ? { programme_id: patch.programmeId } : {}),
      updated_at: now.toISOString(),
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
