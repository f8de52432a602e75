/** The search query: full-text match, filters and the caller's visibility, all in one SQL statement (plus its count). */
import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import { sql } from 'kysely';
import { fulltextMatch, fulltextOrder, type FulltextTerm } from '../../platform/db/fulltext.ts';
import type { DialectKind } from '../../platform/db/database.ts';
import type { DB } from '../../platform/db/schema.ts';

export interface SearchScope {
  /** Documents are readable by anyone holding `document.read`. */
  documents: boolean;
  tasks: (eb: ExpressionBuilder<DB, 'tasks'>) => Expression<SqlBool>;
  reports: (eb: ExpressionBuilder<DB, 'reports'>) => Expression<SqlBool>;
  findings: (eb: ExpressionBuilder<DB, 'inspection_findings' | 'inspections'>) => Expression<SqlBool>;
  /** Null when the caller may not read relay records at all (no `document.read`). */
  relayRecords: ((eb: ExpressionBuilder<DB, 'relay_records'>) => Expression<SqlBool>) | null;
}

export type SearchEntryType = 'document' | 'task' | 'report' | 'finding' | 'relay';

export interface SearchFilter {
  terms: readonly FulltextTerm[];
  type?: SearchEntryType;
  unitId?: string;
  programmeId?: string;
  limit: number;
  offset: number;
}

export interface SearchRow {
  type: string;
  ref_id: string;
  part: number;
  task_id: string | null;
  parent_id: string | null;
  title: string;
  body: string;
  updated_at: string;
}

function base(db: Kysely<DB>, dialect: DialectKind, filter: SearchFilter, scope: SearchScope) {
  let q = db.selectFrom('search_entries').where(fulltextMatch(dialect, filter.terms, filter.type));
  if (filter.type) q = q.where('search_entries.type', '=', filter.type);
  // What the caller may see, by each object's own rule (through the owning modules' clauses).
  q = q.where((eb) =>
    eb.or([
      ...(scope.documents ? [eb('search_entries.type', '=', 'document')] : []),
      eb.and([eb('search_entries.type', '=', 'task'), eb('search_entries.task_id', 'in', eb.selectFrom('tasks').select('tasks.id').where(scope.tasks))]),
      eb.and([eb('search_entries.type', '=', 'report'), eb('search_entries.ref_id', 'in', eb.selectFrom('reports').select('reports.id').where(scope.reports))]),
      eb.and([
        eb('search_entries.type', '=', 'finding'),
        eb('search_entries.ref_id', 'in', eb.selectFrom('inspection_findings').innerJoin('inspections', 'inspections.id', 'inspection_findings.inspection_id').select('inspection_findings.id').where(scope.findings)),
      ]),
      ...(scope.relayRecords ? [eb.and([eb('search_entries.type', '=', 'relay'), eb('search_entries.ref_id', 'in', eb.selectFrom('relay_records').select('relay_records.id').where(scope.relayRecords))])] : []),
    ]),
  );
  if (filter.programmeId) {
    const programmeId = filter.programmeId;
    q = q.where((eb) =>
      eb.or([
        eb.and([eb('search_entries.type', 'in', ['task', 'report']), eb('search_entries.task_id', 'in', eb.selectFrom('tasks').select('tasks.id').where('tasks.programme_id', '=', programmeId))]),
        eb.and([eb('search_entries.type', '=', 'document'), eb('search_entries.ref_id', 'in', eb.selectFrom('programme_documents').select('programme_documents.document_id').where('programme_documents.programme_id', '=', programmeId))]),
        eb.and([eb('search_entries.type', '=', 'finding'), eb('search_entries.parent_id', 'in', eb.selectFrom('inspections').select('inspections.id').where('inspections.programme_id', '=', programmeId))]),
        eb.and([eb('search_entries.type', '=', 'relay'), eb('search_entries.parent_id', 'in', eb.selectFrom('relay_campaigns').select('relay_campaigns.id').where('relay_campaigns.programme_id', '=', programmeId))]),
      ]),
    );
  }
  if (filter.unitId) {
    const unitId = filter.unitId;
    q = q.where((eb) =>
      eb.or([
        eb.and([
          eb('search_entries.type', 'in', ['task', 'report']),
          eb.or([
            eb('search_entries.task_id', 'in', eb.selectFrom('tasks').select('tasks.id').where('tasks.lead_unit_id', '=', unitId)),
            eb('search_entries.task_id', 'in', eb.selectFrom('task_co_units').select('task_co_units.task_id').where('task_co_units.unit_id', '=', unitId)),
          ]),
        ]),
        eb.and([eb('search_entries.type', '=', 'finding'), eb('search_entries.ref_id', 'in', eb.selectFrom('inspection_findings').select('inspection_findings.id').where('inspection_findings.unit_id', '=', unitId))]),
        eb.and([eb('search_entries.type', '=', 'relay'), eb('search_entries.ref_id', 'in', eb.selectFrom('relay_records').select('relay_records.id').where('relay_records.unit_id', '=', unitId))]),
      ]),
    );
  }
  return q;
}

/** Counting stops here: "more than 1,000" is all a reader needs, and an exact count of 30,000 matches costs a scan. */
export const COUNT_CAP = 1000;

/** A page of matching entries, newest first, and how many match (exactly up to COUNT_CAP, else COUNT_CAP + capped). */
export async function searchEntries(db: Kysely<DB>, dialect: DialectKind, filter: SearchFilter, scope: SearchScope): Promise<{ rows: SearchRow[]; total: number; capped: boolean }> {
  const [rows, count] = await Promise.all([
    // The page's keys first, its rows after: the matching and ordering then carry only the key (not every match's
    // text, which PostgreSQL keeps out of line for long paragraphs), and only the page's few rows are read whole.
    db
      .selectFrom('search_entries')
      .select(['search_entries.type', 'search_entries.ref_id', 'search_entries.part', 'search_entries.task_id', 'search_entries.parent_id', 'search_entries.title', 'search_entries.body', 'search_entries.updated_at'])
      .where('search_entries.id', 'in', base(db, dialect, filter, scope).select('search_entries.id').orderBy(fulltextOrder(dialect)).limit(filter.limit).offset(filter.offset))
      .orderBy(fulltextOrder(dialect))
      .execute(),
    db
      .selectFrom(base(db, dialect, filter, scope).select(sql<number>`1`.as('one')).limit(COUNT_CAP + 1).as('matches'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  const n = Number(count.n);
  return { rows: rows.map((r) => ({ ...r, part: Number(r.part) })), total: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP };
}
