/** 传达学习 records: a unit records its meeting, amends it, resubmits a returned one; a supervisor returns it. */
import type { Kysely } from 'kysely';
import type { MeetingType } from '../../../core/relays/index.ts';
import { hasVisibleCharacter } from '../../../core/text.ts';
import { isIsoDate, toLocalDate } from '../../../core/time.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/actor.ts';
import { appendAudit } from '../../platform/audit/audit-log.ts';
import type { AppContext } from '../../platform/context.ts';
import type { DB } from '../../platform/db/schema.ts';
import { AppError, badRequest, conflict, forbidden, notFound, versionConflict } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { notify } from '../notices/index.ts';
import { programmeSupervisorIds } from '../programmes/index.ts';
import { recordUploadBlobs, storeUploads, type StoredUpload, type UploadedFile } from '../reports/index.ts';
import { indexRelayRecordSources } from '../search-index/index.ts';
import { loadCampaign, type CampaignAccess } from './relay-campaigns.ts';
import { canEditRecord, canReturnRecord, canSeeRecord, recordingUnitOf } from './relays.policy.ts';
import * as repo from './relays.repository.ts';
import type { RelayEvidence, RelayRecord } from './relays.repository.ts';
import { relayRecordSearchSources } from './relay-search.repository.ts';

/** More files than this on one record is a dump, not evidence. */
export const MAX_EVIDENCE_PER_RECORD = 30;
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);

export interface RecordContent {
  meetingType: MeetingType;
  meetingTypeOther?: string | null;
  meetingDate: string;
  chair: string;
  attendeeCount: number;
  minutes?: string | null;
  followUp?: string | null;
}

export interface RecordAccess extends CampaignAccess {
  record: RelayRecord;
}

const tidy = (v: string | null | undefined) => {
  const t = v?.normalize('NFC').trim();
  return t ? t : null;
};

/** Checks and tidies the content; the meeting cannot be in the future (a record is of a meeting held). */
function cleanContent(c: RecordContent, today: string): Required<RecordContent> {
  if (!isIsoDate(c.meetingDate)) throw badRequest('meeting_date_invalid', 'The meeting date must be a date YYYY-MM-DD', { field: 'body.meetingDate' });
  if (c.meetingDate > today) throw badRequest('meeting_date_in_future', 'Record a meeting once it has been held', { field: 'body.meetingDate' });
  const chair = tidy(c.chair);
  if (!chair || !hasVisibleCharacter(chair)) throw badRequest('chair_required', 'Name who chaired the meeting', { field: 'body.chair' });
  const other = tidy(c.meetingTypeOther);
  if (c.meetingType === 'other' && !other) throw badRequest('meeting_type_other_required', 'Name the kind of meeting', { field: 'body.meetingTypeOther' });
  return { meetingType: c.meetingType, meetingTypeOther: c.meetingType === 'other' ? other : null, meetingDate: c.meetingDate, chair, attendeeCount: c.attendeeCount, minutes: tidy(c.minutes), followUp: tidy(c.followUp) };
}

/** Loads a record the actor may see (through its campaign), or `relay_record_not_found`. */
export async function loadRecord(db: Kysely<DB>, actor: Actor, id: string): Promise<RecordAccess> {
  const record = await repo.findRecord(db, id);
  if (!record) throw notFound('relay_record');
  let access: CampaignAccess;
  try {
    access = await loadCampaign(db, actor, record.campaignId);
  } catch (err) {
    if (err instanceof AppError && err.status === 404) throw notFound('relay_record');
    throw err;
  }
  // A liaison of a unit that is no longer expected still sees its own record (canSeeRecord).
  if (!canSeeRecord(actor, access.facts, record)) throw notFound('relay_record');
  return { ...access, record };
}

/** Loads a record through `loadRecord` also for a liaison whose unit left the campaign's list. */
async function loadRecordForUnit(db: Kysely<DB>, actor: Actor, id: string): Promise<RecordAccess> {
  const record = await repo.findRecord(db, id);
  if (!record) throw notFound('relay_record');
  if (canEditRecord(actor, record)) {
    const campaign = (await repo.findCampaign(db, record.campaignId))!;
    return { campaign, record, facts: { supervisorIds: await programmeSupervisorIds(db, campaign.programmeId), expectedUnitIds: await repo.campaignUnitIds(db, campaign.id) } };
  }
  return loadRecord(db, actor, id);
}

function snapshot(r: RelayRecord) {
  return { state: r.state, meetingType: r.meetingType, meetingTypeOther: r.meetingTypeOther, meetingDate: r.meetingDate, chair: r.chair, attendeeCount: r.attendeeCount, minutes: r.minutes, followUp: r.followUp, revision: r.revision, returnReason: r.returnReason };
}

/** Brings the search entries of these records in step with their rows; a record deleted meanwhile loses its entry. */
export async function reindexRelayRecords(trx: Kysely<DB>, ids: readonly string[]): Promise<void> {
  await indexRelayRecordSources(trx, ids, await relayRecordSearchSources(trx, { ids }));
}

/** A liaison records its own unit's meeting; 403 when its unit is not expected, 409 when it has a record already. */
export async function createRecord(ctx: AppContext, actor: Actor, campaignId: string, input: RecordContent): Promise<RecordAccess> {
  requirePermission(actor, 'relay.record');
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const access = await loadCampaign(trx, actor, campaignId);
    const unitId = recordingUnitOf(actor, access.facts);
    if (!unitId || actor.kind !== 'user') throw forbidden('A liaison records only for its own unit, and only where the unit is expected to relay the document');
    const content = cleanContent(input, toLocalDate(now));
    const existing = await repo.findRecordIdOfUnit(trx, campaignId, unitId);
    if (existing) throw conflict('relay_record_exists', 'Your unit has recorded this document already; amend that record', { recordId: existing });
    const record: RelayRecord = {
      id: newId(now.getTime()), campaignId, unitId, state: 'submitted', ...content, revision: 1, returnReason: null, returnedBy: null, returnedAt: null,
      recordedBy: actor.id, firstSubmittedAt: now, submittedAt: now, createdAt: now, updatedAt: now, version: 1,
    };
    await repo.insertRecord(trx, record);
    await reindexRelayRecords(trx, [record.id]);
    await appendAudit(trx, actor, { action: 'relay_record.submitted', objectType: 'relay_record', objectId: record.id, after: snapshot(record), context: { campaignId, unitId } }, now);
    return { ...access, record };
  });
}

/** The unit amends its record; with `resubmit`, a returned record goes back to the supervisors as a new revision. */
export async function updateRecord(ctx: AppContext, actor: Actor, id: string, input: Partial<RecordContent> & { version: number; resubmit?: boolean }): Promise<RecordAccess> {
  requirePermission(actor, 'relay.record');
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const access = await loadRecordForUnit(trx, actor, id);
    const before = access.record;
    if (!canEditRecord(actor, before)) throw forbidden('Only a liaison of the record’s unit can amend it');
    if (before.version !== input.version) throw versionConflict('relay record', before.version);
    if (input.resubmit && before.state !== 'returned') throw conflict('relay_record_not_returned', 'Only a returned record is submitted again');
    const merged: RecordContent = {
      meetingType: input.meetingType ?? before.meetingType,
      meetingTypeOther: input.meetingTypeOther !== undefined ? input.meetingTypeOther : before.meetingTypeOther,
      meetingDate: input.meetingDate ?? before.meetingDate,
      chair: input.chair ?? before.chair,
      attendeeCount: input.attendeeCount ?? before.attendeeCount,
      minutes: input.minutes !== undefined ? input.minutes : before.minutes,
      followUp: input.followUp !== undefined ? input.followUp : before.followUp,
    };
    const content = cleanContent(merged, toLocalDate(now));
    const after: RelayRecord = {
      ...before, ...content, updatedAt: now,
      ...(input.resubmit ? { state: 'submitted' as const, revision: before.revision + 1, submittedAt: now } : {}),
    };
    if (!(await repo.updateRecordRow(trx, before, after))) throw versionConflict('relay record', await repo.recordVersion(trx, id));
    await reindexRelayRecords(trx, [id]);
    await appendAudit(trx, actor, {
      action: input.resubmit ? 'relay_record.resubmitted' : 'relay_record.amended', objectType: 'relay_record', objectId: id,
      before: snapshot(before), after: snapshot(after), context: { campaignId: before.campaignId, unitId: before.unitId },
    }, now);
    return { ...access, record: { ...after, version: before.version + 1 } };
  });
}

/** A supervisor returns a submitted record with a reason (too thin, no minutes); its unit's liaisons are told. */
export async function returnRecord(ctx: AppContext, actor: Actor, id: string, input: { version: number; reason: string }): Promise<RecordAccess> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const access = await loadRecord(trx, actor, id);
    const before = access.record;
    if (!canReturnRecord(actor, access.facts, { state: 'submitted' })) throw forbidden('Only a supervisor of the programme can return a record');
    if (!canReturnRecord(actor, access.facts, before)) throw conflict('relay_record_not_submitted', 'Only a submitted record can be returned');
    if (before.version !== input.version) throw versionConflict('relay record', before.version);
    const reason = tidy(input.reason);
    if (!reason) throw badRequest('reason_required', 'Say why the record goes back', { field: 'body.reason' });
    const after: RelayRecord = { ...before, state: 'returned', returnReason: reason, returnedBy: actor.kind === 'user' ? actor.id : null, returnedAt: now, updatedAt: now };
    if (!(await repo.updateRecordRow(trx, before, after))) throw versionConflict('relay record', await repo.recordVersion(trx, id));
    await reindexRelayRecords(trx, [id]);
    await appendAudit(trx, actor, { action: 'relay_record.returned', objectType: 'relay_record', objectId: id, before: snapshot(before), after: snapshot(after), context: { campaignId: before.campaignId, unitId: before.unitId, reason } }, now);
    await notify(trx, ctx, {
      actor,
      kind: 'relay_returned',
      taskId: null,
      programmeId: access.campaign.programmeId,
      unitId: before.unitId,
      to: [{ kind: 'unit_liaisons', unitId: before.unitId }],
      params: { documentTitle: access.campaign.documentTitle, reason },
      dedupeKey: ['relay_returned', id, String(before.revision)].map(encodeURIComponent).join('|'),
    }, now);
    return { ...access, record: { ...after, version: before.version + 1 } };
  });
}

/** The record with its evidence, to whoever may see it. */
export async function getRecord(ctx: AppContext, actor: Actor, id: string): Promise<RecordAccess & { evidence: RelayEvidence[] }> {
  requirePermission(actor, 'document.read');
  const access = await loadRecordForUnit(ctx.db, actor, id);
  return { ...access, evidence: await repo.listRecordEvidence(ctx.db, id) };
}

/** Whether the actor may add evidence now; called before the upload is read, so refused bytes are never buffered. */
export async function checkRecordUpload(ctx: AppContext, actor: Actor, recordId: string): Promise<void> {
  requirePermission(actor, 'relay.record');
  const { record } = await loadRecordForUnit(ctx.db, actor, recordId);
  if (!canEditRecord(actor, record)) throw forbidden('Only a liaison of the record’s unit adds its minutes and photos');
}

/** Adds minutes or photos (a photo must be an image); every file is checked before any is stored. */
export async function addRecordEvidence(ctx: AppContext, actor: Actor, recordId: string, kind: 'minutes' | 'photo', files: readonly UploadedFile[]): Promise<RelayEvidence[]> {
  await checkRecordUpload(ctx, actor, recordId);
  if (actor.kind !== 'user') throw forbidden('Evidence is uploaded by a liaison of the unit');
  const stored: StoredUpload[] = await storeUploads(ctx, files);
  if (kind === 'photo') {
    const notImage = stored.find((s) => !IMAGE_TYPES.has(s.mediaType));
    if (notImage) throw new AppError('unsupported_file_type', `“${notImage.filename}” is not a photo (JPEG, PNG, GIF or WEBP); attach it as minutes instead`, 415);
  }
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const { record } = await loadRecordForUnit(trx, actor, recordId);
    if (!canEditRecord(actor, record)) throw forbidden('Only a liaison of the record’s unit adds its minutes and photos');
    const existing = await repo.listRecordEvidence(trx, recordId);
    if (existing.length + stored.length > MAX_EVIDENCE_PER_RECORD) throw conflict('evidence_limit', `A record carries at most ${MAX_EVIDENCE_PER_RECORD} files`);
    await recordUploadBlobs(trx, stored, now);
    const added: RelayEvidence[] = [];
    for (const s of stored) {
      const e: RelayEvidence = { id: newId(now.getTime()), recordId, kind, sha256: s.sha256, filename: s.filename, mediaType: s.mediaType, byteSize: s.byteSize, uploadedBy: actor.id, createdAt: now };
      await repo.insertEvidence(trx, e);
      await appendAudit(trx, actor, { action: 'relay_evidence.added', objectType: 'relay_evidence', objectId: e.id, after: e, context: { recordId, campaignId: record.campaignId } }, now);
      added.push(e);
    }
    return added;
  });
}

async function loadEvidence(db: Kysely<DB>, actor: Actor, id: string): Promise<{ evidence: RelayEvidence; access: RecordAccess }> {
  const evidence = await repo.findEvidence(db, id);
  if (!evidence) throw notFound('relay_evidence');
  try {
    return { evidence, access: await loadRecordForUnit(db, actor, evidence.recordId) };
  } catch (err) {
    if (err instanceof AppError && err.status === 404) throw notFound('relay_evidence');
    throw err;
  }
}

/** A file for download, only to those who may see its record. */
export async function openRecordEvidence(ctx: AppContext, actor: Actor, id: string): Promise<RelayEvidence> {
  requirePermission(actor, 'document.read');
  return (await loadEvidence(ctx.db, actor, id)).evidence;
}

/** The unit removes a file from its record; the blob stays (other evidence may hold the same bytes). */
export async function deleteRecordEvidence(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  requirePermission(actor, 'relay.record');
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const { evidence, access } = await loadEvidence(trx, actor, id);
    if (!canEditRecord(actor, access.record)) throw forbidden('Only a liaison of the record’s unit removes its files');
    await repo.deleteEvidenceRow(trx, id);
    await appendAudit(trx, actor, { action: 'relay_evidence.deleted', objectType: 'relay_evidence', objectId: id, before: evidence, context: { recordId: evidence.recordId, campaignId: access.record.campaignId } }, now);
  });
}
