/**
 * What the search index and the search query need of inspections: findings in the index's source shape, and
 * subqueries of finding and inspection ids that search composes into its one statement.
 */
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import type { FindingSource as FindingEntrySource, SourceSelection } from '../search-index/index.ts';
import { visibleInspectionWhere, type InspectionScope } from './inspections.repository.ts';

/** Findings by id, or a page of all findings after `after` (for the rebuild), as the search index reads them. */
export async function findingSearchSources(db: Kysely<DB>, by: SourceSelection): Promise<FindingEntrySource[]> {
  let q = db
    .selectFrom('inspection_findings as f')
    // A visit to another unit (or to none) is not the finding's unit's to read: its notes stay out of the entry.
    .leftJoin('inspection_visits as v', (j) => j.onRef('v.id', '=', 'f.visit_id').onRef('v.unit_id', '=', 'f.unit_id'))
    .select(['f.id', 'f.inspection_id', 'f.title', 'f.description', 'v.notes', 'f.updated_at']);
  q = 'ids' in by ? q.where('f.id', 'in', by.ids.length ? [...by.ids] : ['']) : q.where('f.id', '>', by.after).orderBy('f.id').limit(by.limit);
  return (await q.execute()).map((r) => ({ id: r.id, inspectionId: r.inspection_id, title: r.title, description: r.description, visitNotes: r.notes ?? null, updatedAt: r.updated_at }));
}

/**
 * The findings of a scope, as a WHERE clause on `inspection_findings` joined to its `inspections` — the SQL form of
 * `canSeeUnitPart`: everything of an inspection seen whole, and, for a liaison, the findings addressed to its own
 * unit of an inspection it sees.
 */
function findingsInScopeWhere(eb: ExpressionBuilder<DB, 'inspection_findings' | 'inspections'>, scope: InspectionScope): Expression<SqlBool> {
  if (scope.all) return sql<SqlBool>`1 = 1`;
  const whole = visibleInspectionWhere(eb, { ...scope, liaisonUnitId: null });
  if (!scope.liaisonUnitId) return whole;
  const unitId = scope.liaisonUnitId;
  const ownUnit = eb.and([
    visibleInspectionWhere(eb, { all: false, supervisorUserId: null, memberUserId: null, viewer: false, liaisonUnitId: unitId }),
    eb('inspection_findings.unit_id', '=', unitId),
  ]);
  return eb.or([whole, ownUnit]);
}

/** The ids of the findings a scope (`inspectionScopeOf(actor)`) sees, as a subquery. */
export function visibleFindingIds(eb: ExpressionBuilder<DB, keyof DB>, scope: InspectionScope) {
  return eb
    .selectFrom('inspection_findings')
    .innerJoin('inspections', 'inspections.id', 'inspection_findings.inspection_id')
    .select('inspection_findings.id')
    .where((f) => findingsInScopeWhere(f, scope));
}

/** The ids of the findings addressed to a unit, as a subquery. */
export function findingIdsOfUnit(eb: ExpressionBuilder<DB, keyof DB>, unitId: string) {
  return eb.selectFrom('inspection_findings').select('inspection_findings.id').where('inspection_findings.unit_id', '=', unitId);
}

/** The ids of a programme's inspections, as a subquery. */
export function inspectionIdsOfProgramme(eb: ExpressionBuilder<DB, keyof DB>, programmeId: string) {
  return eb.selectFrom('inspections').select('inspections.id').where('inspections.programme_id', '=', programmeId);
}
