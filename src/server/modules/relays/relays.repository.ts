/**
 * 传达学习: campaigns, their expected units, records and evidence — Kysely queries and row ↔ domain mapping. Names of
 * documents, programmes and units come from their owners' subqueries, in the same statements (the coverage view is one
 * query).
 */
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { MeetingType, RelayState } from '../../../core/relays/index.ts';
import type { DB, RelayRecordsTable } from '../../platform/db/schema.ts';
import { documentTitleOf } from '../documents/index.ts';
import { programmeTitleOf } from '../programmes/index.ts';
import { programmesSupervisedBy, supervisorsOfProgrammes } from '../supervision/index.ts';
import { unitNameOf, unitSortOrderOf } from '../units/index.ts';

export interface RelayCampaign {
  id: string;
  documentId: string;
  documentTitle: string;
  programmeId: string;
  programmeTitle: string;
  deadline: string;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface RelayRecord {
  id: string;
  campaignId: string;
  unitId: string;
  state: RelayState;
  meetingType: MeetingType;
  meetingTypeOther: string | null;
  meetingDate: string;
  chair: string;
  attendeeCount: number;
  minutes: string | null;
  followUp: string | null;
  revision: number;
  returnReason: string | null;
  returnedBy: string | null;
  returnedAt: Date | null;
  recordedBy: string;
  firstSubmittedAt: Date;
  submittedAt: Date;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface RelayEvidence {
  id: string;
  recordId: string;
  kind: 'minutes' | 'photo';
  sha256: string;
  filename: string;
  mediaType: string;
  byteSize: number;
  uploadedBy: string;
  createdAt: Date;
}

export interface CoverageRow {
  unitId: string;
  unitName: string;
  lastRemindedAt: Date | null;
  record: Pick<RelayRecord, 'id' | 'state' | 'meetingType' | 'meetingDate' | 'submittedAt' | 'firstSubmittedAt'> | null;
}

/** Who sees which campaigns, as plain data the policy computes and the SQL applies. */
export type CampaignScope = { all: true } | { all: false; supervisorUserId: string | null; liaisonUnitId: string | null };

const date = (v: string | null) => (v ? new Date(v) : null);

function toRecord(r: RelayRecordsTable): RelayRecord {
  return {
    id: r.id,
    campaignId: r.campaign_id,
    unitId: r.unit_id,
    state: r.state as RelayState,
    meetingType: r.meeting_type as MeetingType,
    meetingTypeOther: r.meeting_type_other,
    meetingDate: r.meeting_date,
    chair: r.chair,
    attendeeCount: Number(r.attendee_count),
    minutes: r.minutes,
    followUp: r.follow_up,
    revision: Number(r.revision),
    returnReason: r.return_reason,
    returnedBy: r.returned_by,
    returnedAt: date(r.returned_at),
    recordedBy: r.recorded_by,
    firstSubmittedAt: new Date(r.first_submitted_at),
    submittedAt: new Date(r.submitted_at),
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
    version: Number(r.version),
  };
}

function campaignQuery(db: Kysely<DB>) {
  return db
    .selectFrom('relay_campaigns')
    .select((eb) => [
      'relay_campaigns.id', 'relay_campaigns.document_id', 'relay_campaigns.programme_id', 'relay_campaigns.deadline', 'relay_campaigns.created_by',
      'relay_campaigns.created_at', 'relay_campaigns.updated_at', 'relay_campaigns.version',
      documentTitleOf(eb, eb.ref('relay_campaigns.document_id')).$asScalar().as('document_title'),
      programmeTitleOf(eb, eb.ref('relay_campaigns.programme_id')).$asScalar().as('programme_title'),
    ]);
}

type CampaignRow = Awaited<ReturnType<ReturnType<typeof campaignQuery>['executeTakeFirstOrThrow']>>;

function toCampaign(r: CampaignRow): RelayCampaign {
  return {
    id: r.id,
    documentId: r.document_id,
    documentTitle: r.document_title,
    programmeId: r.programme_id,
    programmeTitle: r.programme_title,
    deadline: r.deadline,
    createdBy: r.created_by,
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
    version: Number(r.version),
  };
}

/** The campaigns in the scope, as a WHERE clause on `relay_campaigns`. */
export function visibleCampaignWhere(eb: ExpressionBuilder<DB, 'relay_campaigns'>, scope: CampaignScope): Expression<SqlBool> {
  if (scope.all) return sql<SqlBool>`1 = 1`;
  const ors: Expression<SqlBool>[] = [];
  if (scope.supervisorUserId) {
    ors.push(eb('relay_campaigns.programme_id', 'in', programmesSupervisedBy(eb, scope.supervisorUserId)));
  }
  if (scope.liaisonUnitId) {
    ors.push(eb.exists(eb.selectFrom('relay_campaign_units').select('relay_campaign_units.unit_id').whereRef('relay_campaign_units.campaign_id', '=', 'relay_campaigns.id').where('relay_campaign_units.unit_id', '=', scope.liaisonUnitId)));
  }
  return ors.length ? eb.or(ors) : sql<SqlBool>`1 = 0`;
}

export async function findCampaign(db: Kysely<DB>, id: string): Promise<RelayCampaign | null> {
  const row = await campaignQuery(db).where('relay_campaigns.id', '=', id).executeTakeFirst();
  return row ? toCampaign(row) : null;
}

export async function findCampaignFor(db: Kysely<DB>, documentId: string, programmeId: string): Promise<string | null> {
  const row = await db.selectFrom('relay_campaigns').select('id').where('document_id', '=', documentId).where('programme_id', '=', programmeId).executeTakeFirst();
  return row?.id ?? null;
}

export interface CampaignCounts {
  expected: number;
  recorded: number;
  returned: number;
}

/** Campaigns in the scope, newest first, each with its coverage counts (one query for the counts of all). */
export async function listCampaigns(db: Kysely<DB>, scope: CampaignScope, filter: { documentId?: string; programmeId?: string; deadlineBefore?: string }): Promise<Array<RelayCampaign & CampaignCounts>> {
  let q = campaignQuery(db).where((eb) => visibleCampaignWhere(eb, scope));
  if (filter.deadlineBefore) q = q.where('relay_campaigns.deadline', '<', filter.deadlineBefore);
  if (filter.documentId) q = q.where('relay_campaigns.document_id', '=', filter.documentId);
  if (filter.programmeId) q = q.where('relay_campaigns.programme_id', '=', filter.programmeId);
  const rows = await q.orderBy('relay_campaigns.created_at', 'desc').orderBy('relay_campaigns.id', 'desc').limit(500).execute();
  const counts = await countsOf(db, rows.map((r) => r.id));
  return rows.map((r) => ({ ...toCampaign(r), ...(counts.get(r.id) ?? { expected: 0, recorded: 0, returned: 0 }) }));
}

export async function countsOf(db: Kysely<DB>, campaignIds: string[]): Promise<Map<string, CampaignCounts>> {
  const out = new Map<string, CampaignCounts>();
  if (campaignIds.length === 0) return out;
  const rows = await db
    .selectFrom('relay_campaign_units as cu')
    .leftJoin('relay_records as r', (j) => j.onRef('r.campaign_id', '=', 'cu.campaign_id').onRef('r.unit_id', '=', 'cu.unit_id'))
    .select((eb) => [
      'cu.campaign_id',
      eb.fn.countAll<number>().as('expected'),
      eb.fn.count<number>('r.id').as('recorded'),
      eb.fn.sum<number>(eb.case().when('r.state', '=', 'returned').then(1).else(0).end()).as('returned'),
    ])
    .where('cu.campaign_id', 'in', campaignIds)
    .groupBy('cu.campaign_id')
    .execute();
  for (const r of rows) out.set(r.campaign_id, { expected: Number(r.expected), recorded: Number(r.recorded), returned: Number(r.returned ?? 0) });
  return out;
}

export async function insertCampaign(db: Kysely<DB>, c: { id: string; documentId: string; programmeId: string; deadline: string; createdBy: string | null; now: Date }): Promise<void> {
  const at = c.now.toISOString();
  await db.insertInto('relay_campaigns').values({ id: c.id, document_id: c.documentId, programme_id: c.programmeId, deadline: c.deadline, created_by: c.createdBy, created_at: at, updated_at: at, version: 1 }).execute();
}

export async function updateCampaignRow(db: Kysely<DB>, id: string, patch: { deadline?: string }, now: Date, expectedVersion: number): Promise<boolean> {
  const r = await db
    .updateTable('relay_campaigns')
    .set((eb) => ({ ...patch, updated_at: now.toISOString(), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function campaignVersion(db: Kysely<DB>, id: string): Promise<number | null> {
  const row = await db.selectFrom('relay_campaigns').select('version').where('id', '=', id).executeTakeFirst();
  return row ? Number(row.version) : null;
}

export async function campaignUnitIds(db: Kysely<DB>, campaignId: string): Promise<string[]> {
  const rows = await db.selectFrom('relay_campaign_units').select('unit_id').where('campaign_id', '=', campaignId).execute();
  return rows.map((r) => r.unit_id);
}

export async function unitsOfCampaigns(db: Kysely<DB>, campaignIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (campaignIds.length === 0) return out;
  const rows = await db.selectFrom('relay_campaign_units').select(['campaign_id', 'unit_id']).where('campaign_id', 'in', [...campaignIds]).execute();
  for (const r of rows) out.set(r.campaign_id, [...(out.get(r.campaign_id) ?? []), r.unit_id]);
  return out;
}

export { supervisorsOfProgrammes };

/** Replaces the expected units, keeping the reminder dates of units that stay. */
export async function setCampaignUnits(db: Kysely<DB>, campaignId: string, unitIds: readonly string[]): Promise<void> {
  const current = await campaignUnitIds(db, campaignId);
  const gone = current.filter((u) => !unitIds.includes(u));
  const added = unitIds.filter((u) => !current.includes(u));
  if (gone.length) await db.deleteFrom('relay_campaign_units').where('campaign_id', '=', campaignId).where('unit_id', 'in', gone).execute();
  if (added.length) await db.insertInto('relay_campaign_units').values(added.map((unit_id) => ({ campaign_id: campaignId, unit_id, last_reminded_at: null }))).execute();
}

export async function markReminded(db: Kysely<DB>, campaignId: string, unitIds: readonly string[], now: Date): Promise<void> {
  if (unitIds.length === 0) return;
  await db.updateTable('relay_campaign_units').set({ last_reminded_at: now.toISOString() }).where('campaign_id', '=', campaignId).where('unit_id', 'in', [...unitIds]).execute();
}

/** Every expected unit with its name, last reminder and record (if any), in unit order. */
export async function coverageOf(db: Kysely<DB>, campaignId: string): Promise<CoverageRow[]> {
  const rows = await db
    .selectFrom('relay_campaign_units')
    .leftJoin('relay_records', (j) => j.onRef('relay_records.campaign_id', '=', 'relay_campaign_units.campaign_id').onRef('relay_records.unit_id', '=', 'relay_campaign_units.unit_id'))
    .select((eb) => [
      'relay_campaign_units.unit_id', unitNameOf(eb, eb.ref('relay_campaign_units.unit_id')).$asScalar().as('name'), unitSortOrderOf(eb, eb.ref('relay_campaign_units.unit_id')).as('sort_order'),
      'relay_campaign_units.last_reminded_at', 'relay_records.id as record_id', 'relay_records.state', 'relay_records.meeting_type', 'relay_records.meeting_date', 'relay_records.submitted_at', 'relay_records.first_submitted_at',
    ])
    .where('relay_campaign_units.campaign_id', '=', campaignId)
    .orderBy('sort_order')
    .orderBy('name')
    .execute();
  return rows.map((r) => ({
    unitId: r.unit_id,
    unitName: r.name,
    lastRemindedAt: date(r.last_reminded_at),
    record: r.record_id
      ? { id: r.record_id, state: r.state as RelayState, meetingType: r.meeting_type as MeetingType, meetingDate: r.meeting_date!, submittedAt: new Date(r.submitted_at!), firstSubmittedAt: new Date(r.first_submitted_at!) }
      : null,
  }));
}

/** Expected units without a submitted record, over every campaign whose deadline is on or before `until`. */
export async function pendingUnits(db: Kysely<DB>, until: string): Promise<Array<{ campaignId: string; programmeId: string; documentTitle: string; deadline: string; unitId: string }>> {
  const rows = await db
    .selectFrom('relay_campaign_units')
    .innerJoin('relay_campaigns', 'relay_campaigns.id', 'relay_campaign_units.campaign_id')
    .leftJoin('relay_records', (j) => j.onRef('relay_records.campaign_id', '=', 'relay_campaign_units.campaign_id').onRef('relay_records.unit_id', '=', 'relay_campaign_units.unit_id'))
    .select((eb) => ['relay_campaigns.id as campaign_id', 'relay_campaigns.programme_id', 'relay_campaigns.deadline', documentTitleOf(eb, eb.ref('relay_campaigns.document_id')).$asScalar().as('title'), 'relay_campaign_units.unit_id'])
    .where('relay_campaigns.deadline', '<=', until)
    .where((eb) => eb.or([eb('relay_records.id', 'is', null), eb('relay_records.state', '=', 'returned')]))
    .orderBy('relay_campaigns.id')
    .orderBy('relay_campaign_units.unit_id')
    .execute();
  return rows.map((r) => ({ campaignId: r.campaign_id, programmeId: r.programme_id, documentTitle: r.title, deadline: r.deadline, unitId: r.unit_id }));
}

export async function findRecord(db: Kysely<DB>, id: string): Promise<RelayRecord | null> {
  const row = await db.selectFrom('relay_records').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRecord(row) : null;
}

export async function insertRecord(db: Kysely<DB>, r: RelayRecord): Promise<void> {
  await db
    .insertInto('relay_records')
    .values({
      id: r.id, campaign_id: r.campaignId, unit_id: r.unitId, state: r.state, meeting_type: r.meetingType, meeting_type_other: r.meetingTypeOther,
      meeting_date: r.meetingDate, chair: r.chair, attendee_count: r.attendeeCount, minutes: r.minutes, follow_up: r.followUp, revision: r.revision,
      return_reason: r.returnReason, returned_by: r.returnedBy, returned_at: r.returnedAt?.toISOString() ?? null, recorded_by: r.recordedBy,
      first_submitted_at: r.firstSubmittedAt.toISOString(), submitted_at: r.submittedAt.toISOString(), created_at: r.createdAt.toISOString(),
      updated_at: r.updatedAt.toISOString(), version: r.version,
    })
    .execute();
}

/** Writes the record's changed fields under its version; false when someone else saved first. */
export async function updateRecordRow(db: Kysely<DB>, before: RelayRecord, after: RelayRecord): Promise<boolean> {
  const r = await db
    .updateTable('relay_records')
    .set({
      state: after.state, meeting_type: after.meetingType, meeting_type_other: after.meetingTypeOther, meeting_date: after.meetingDate, chair: after.chair,
      attendee_count: after.attendeeCount, minutes: after.minutes, follow_up: after.followUp, revision: after.revision, return_reason: after.returnReason,
      returned_by: after.returnedBy, returned_at: after.returnedAt?.toISOString() ?? null, submitted_at: after.submittedAt.toISOString(),
      updated_at: after.updatedAt.toISOString(), version: before.version + 1,
    })
    .where('id', '=', before.id)
    .where('version', '=', before.version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function recordVersion(db: Kysely<DB>, id: string): Promise<number | null> {
  const row = await db.selectFrom('relay_records').select('version').where('id', '=', id).executeTakeFirst();
  return row ? Number(row.version) : null;
}

export async function listRecordEvidence(db: Kysely<DB>, recordId: string): Promise<RelayEvidence[]> {
  const rows = await db.selectFrom('relay_evidence').selectAll().where('record_id', '=', recordId).orderBy('created_at').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, recordId: r.record_id, kind: r.kind as RelayEvidence['kind'], sha256: r.sha256, filename: r.filename, mediaType: r.media_type, byteSize: Number(r.byte_size), uploadedBy: r.uploaded_by, createdAt: new Date(r.created_at) }));
}

export async function findEvidence(db: Kysely<DB>, id: string): Promise<RelayEvidence | null> {
  const r = await db.selectFrom('relay_evidence').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? { id: r.id, recordId: r.record_id, kind: r.kind as RelayEvidence['kind'], sha256: r.sha256, filename: r.filename, mediaType: r.media_type, byteSize: Number(r.byte_size), uploadedBy: r.uploaded_by, createdAt: new Date(r.created_at) } : null;
}

export async function insertEvidence(db: Kysely<DB>, e: RelayEvidence): Promise<void> {
  await db.insertInto('relay_evidence').values({ id: e.id, record_id: e.recordId, kind: e.kind, sha256: e.sha256, filename: e.filename, media_type: e.mediaType, byte_size: e.byteSize, uploaded_by: e.uploadedBy, created_at: e.createdAt.toISOString() }).execute();
}

export async function deleteEvidenceRow(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('relay_evidence').where('id', '=', id).execute();
}

/** The unit's record id per campaign, for the listed campaigns. */
export async function recordIdsOfUnit(db: Kysely<DB>, campaignIds: readonly string[], unitId: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (campaignIds.length === 0) return out;
  const rows = await db.selectFrom('relay_records').select(['campaign_id', 'id']).where('campaign_id', 'in', [...campaignIds]).where('unit_id', '=', unitId).execute();
  for (const r of rows) out.set(r.campaign_id, r.id);
  return out;
}

/** The record a unit has in a campaign already, if any. */
export async function findRecordIdOfUnit(db: Kysely<DB>, campaignId: string, unitId: string): Promise<string | null> {
  const row = await db.selectFrom('relay_records').select('id').where('campaign_id', '=', campaignId).where('unit_id', '=', unitId).executeTakeFirst();
  return row?.id ?? null;
}
