/**
 * The SQL of search's scope on inspection findings and 传达学习 records (see search.scope.ts for who gets which scope),
 * built from the inspections and relays modules' own visibility clauses.
 */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { visibleInspectionWhere, type InspectionScope } from '../inspections/index.ts';
import { visibleCampaignWhere } from '../relays/index.ts';

type FindingsEb = ExpressionBuilder<DB, 'inspection_findings' | 'inspections'>;

/** The findings of a scope, as a WHERE clause on `inspection_findings` joined to its `inspections`. */
export function findingsInScopeWhere(scope: InspectionScope): (eb: FindingsEb) => Expression<SqlBool> {
  return (eb) => {
    if (scope.all) return sql<SqlBool>`1 = 1`;
    const whole = visibleInspectionWhere(eb, { ...scope, liaisonUnitId: null });
    if (!scope.liaisonUnitId) return whole;
    const unitId = scope.liaisonUnitId;
    const ownUnit = eb.and([
      visibleInspectionWhere(eb, { all: false, supervisorUserId: null, memberUserId: null, viewer: false, liaisonUnitId: unitId }),
      eb('inspection_findings.unit_id', '=', unitId),
    ]);
    return eb.or([whole, ownUnit]);
  };
}

/** Who reads which relay records: all, those of the campaigns a supervisor manages, and/or one unit's own. */
export interface RelayRecordScope {
  readsAll: boolean;
  supervisorUserId: string | null;
  liaisonUnitId: string | null;
}

/** The relay records of a scope, as a WHERE clause on `relay_records`. */
export function relayRecordsInScopeWhere(s: RelayRecordScope): (eb: ExpressionBuilder<DB, 'relay_records'>) => Expression<SqlBool> {
  return (eb) => {
    if (s.readsAll) return sql<SqlBool>`1 = 1`;
    const ors: Expression<SqlBool>[] = [];
    const supervisorUserId = s.supervisorUserId;
    if (supervisorUserId) {
      ors.push(eb('relay_records.campaign_id', 'in', eb.selectFrom('relay_campaigns').select('relay_campaigns.id').where((c) => visibleCampaignWhere(c, { all: false, supervisorUserId, liaisonUnitId: null }))));
    }
    if (s.liaisonUnitId) ors.push(eb('relay_records.unit_id', '=', s.liaisonUnitId));
    return ors.length ? eb.or(ors) : sql<SqlBool>`1 = 0`;
  };
}
