/**
 * What the search index and the search query need of 传达学习: records in the index's source shape, and subqueries
 * of record and campaign ids that search composes into its one statement.
 */
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { documentTitleOf } from '../documents/index.ts';
import type { RelayRecordSource, SourceSelection } from '../search-index/index.ts';
import type { RecordScope } from './relays.policy.ts';
import { visibleCampaignWhere } from './relays.repository.ts';

/** Relay records by id, or a page of all records after `after` (for the rebuild), each headed by its document's title. */
export async function relayRecordSearchSources(db: Kysely<DB>, by: SourceSelection): Promise<RelayRecordSource[]> {
  let q = db
    .selectFrom('relay_records')
    .innerJoin('relay_campaigns', 'relay_campaigns.id', 'relay_records.campaign_id')
    .select((eb) => [
      'relay_records.id', 'relay_records.campaign_id', documentTitleOf(eb, eb.ref('relay_campaigns.document_id')).as('document_title'), 'relay_records.meeting_type',
      'relay_records.meeting_type_other', 'relay_records.chair', 'relay_records.minutes', 'relay_records.follow_up', 'relay_records.updated_at',
    ]);
  q = 'ids' in by ? q.where('relay_records.id', 'in', by.ids.length ? [...by.ids] : ['']) : q.where('relay_records.id', '>', by.after).orderBy('relay_records.id').limit(by.limit);
  return (await q.execute()).map((r) => ({
    // A campaign always has its document (foreign key), so the title is there.
    id: r.id, campaignId: r.campaign_id, documentTitle: r.document_title ?? '', meetingType: r.meeting_type, meetingTypeOther: r.meeting_type_other, chair: r.chair,
    minutes: r.minutes, followUp: r.follow_up, updatedAt: r.updated_at,
  }));
}

/** The relay records of a scope, as a WHERE clause on `relay_records` (the SQL form of `canSeeRecord`). */
function recordsInScopeWhere(eb: ExpressionBuilder<DB, 'relay_records'>, s: RecordScope): Expression<SqlBool> {
  if (s.readsAll) return sql<SqlBool>`1 = 1`;
  const ors: Expression<SqlBool>[] = [];
  const supervisorUserId = s.supervisorUserId;
  if (supervisorUserId) {
    ors.push(eb('relay_records.campaign_id', 'in', eb.selectFrom('relay_campaigns').select('relay_campaigns.id').where((c) => visibleCampaignWhere(c, { all: false, supervisorUserId, liaisonUnitId: null }))));
  }
  if (s.liaisonUnitId) ors.push(eb('relay_records.unit_id', '=', s.liaisonUnitId));
  return ors.length ? eb.or(ors) : sql<SqlBool>`1 = 0`;
}

/** The ids of the relay records a scope (`recordScopeOf(actor)`) reads, as a subquery. */
export function visibleRelayRecordIds(eb: ExpressionBuilder<DB, keyof DB>, scope: RecordScope) {
  return eb.selectFrom('relay_records').select('relay_records.id').where((r) => recordsInScopeWhere(r, scope));
}

/** The ids of a unit's relay records, as a subquery. */
export function relayRecordIdsOfUnit(eb: ExpressionBuilder<DB, keyof DB>, unitId: string) {
  return eb.selectFrom('relay_records').select('relay_records.id').where('relay_records.unit_id', '=', unitId);
}

/** The ids of a programme's relay campaigns, as a subquery. */
export function campaignIdsOfProgramme(eb: ExpressionBuilder<DB, keyof DB>, programmeId: string) {
  return eb.selectFrom('relay_campaigns').select('relay_campaigns.id').where('relay_campaigns.programme_id', '=', programmeId);
}
