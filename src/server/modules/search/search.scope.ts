/**
 * What a caller may find of inspection findings and 传达学习 records, as SQL — the single-object read rules of the
 * inspections and relays modules, applied to every row at once with those modules' own scope and visibility
 * clauses. `search.scope.test` (integration) checks each persona against the objects' own endpoints.
 */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/auth/actor.ts';
import type { DB } from '../../platform/db/schema.ts';
import { inspectionScopeOf, visibleInspectionWhere } from '../inspections/index.ts';
import { recordScopeOf, visibleCampaignWhere } from '../relays/index.ts';

type FindingsEb = ExpressionBuilder<DB, 'inspection_findings' | 'inspections'>;

/**
 * The findings the actor sees, as a WHERE clause on `inspection_findings` joined to its `inspections` — the SQL form
 * of `canSeeUnitPart`: everything of an inspection seen whole (`seesWholeInspection`), and, for a liaison, the
 * findings addressed to its own unit of an inspection it sees (`liaisonUnitFor`).
 */
export function visibleFindingsWhere(actor: Actor): (eb: FindingsEb) => Expression<SqlBool> {
  const scope = inspectionScopeOf(actor);
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

/**
 * The relay records the actor reads, as a WHERE clause on `relay_records` — the SQL form of `canSeeRecord` (with
 * `loadRecordForUnit`'s own-unit access): leaders and administrators read all (`canReadAllRecords`), supervisors the
 * records of the campaigns of the programmes they supervise (`canManageCampaign`), liaisons their own unit's records
 * (even once their unit left the campaign's list). Viewers see the coverage of a campaign, never a record's contents.
 */
export function visibleRelayRecordsWhere(actor: Actor): (eb: ExpressionBuilder<DB, 'relay_records'>) => Expression<SqlBool> {
  const { readsAll, supervisorUserId, liaisonUnitId } = recordScopeOf(actor);
  return (eb) => {
    if (readsAll) return sql<SqlBool>`1 = 1`;
    const ors: Expression<SqlBool>[] = [];
    if (supervisorUserId) {
      ors.push(eb('relay_records.campaign_id', 'in', eb.selectFrom('relay_campaigns').select('relay_campaigns.id').where((c) => visibleCampaignWhere(c, { all: false, supervisorUserId, liaisonUnitId: null }))));
    }
    if (liaisonUnitId) ors.push(eb('relay_records.unit_id', '=', liaisonUnitId));
    return ors.length ? eb.or(ors) : sql<SqlBool>`1 = 0`;
  };
}
