/** 传达学习 → API shapes (the contract's types), with the caller's abilities computed by the policy. */
import type { RelayAttentionItem, RelayCampaignDetailResponse, RelayCampaignResponse, RelayCoverageRow, RelayEvidenceResponse, RelayRecordResponse } from '../../../contract/relays.ts';
import { recordedOnTime } from '../../../core/relays/index.ts';
import { relayCampaignHealth, relayUnitHealth, type RelayUnitHealth } from '../../../core/relays/relay-health.ts';
import { toLocalDate } from '../../../core/time.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { CampaignDetail } from './relay-campaigns.ts';
import { canEditRecord, canManageCampaign, canReadAllRecords, canReturnRecord, recordingUnitOf, type CampaignFacts } from './relays.policy.ts';
import type { CampaignCounts, RelayCampaign, RelayEvidence, RelayRecord } from './relays.repository.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function presentRelayEvidence(e: RelayEvidence): RelayEvidenceResponse {
  return { id: e.id, recordId: e.recordId, kind: e.kind, filename: e.filename, mediaType: e.mediaType, byteSize: e.byteSize, sha256: e.sha256, uploadedBy: e.uploadedBy, createdAt: e.createdAt.toISOString() };
}

export function presentRelayRecord(actor: Actor, a: { record: RelayRecord; campaign: RelayCampaign; facts: CampaignFacts; unitName: string; evidence: RelayEvidence[] }): RelayRecordResponse {
  const r = a.record;
  const edit = canEditRecord(actor, r);
  return {
    id: r.id, campaignId: r.campaignId, unitId: r.unitId, unitName: a.unitName, state: r.state, meetingType: r.meetingType, meetingTypeOther: r.meetingTypeOther,
    meetingDate: r.meetingDate, chair: r.chair, attendeeCount: r.attendeeCount, minutes: r.minutes, followUp: r.followUp, revision: r.revision,
    returnReason: r.returnReason, returnedBy: r.returnedBy, returnedAt: iso(r.returnedAt), recordedBy: r.recordedBy,
    firstSubmittedAt: r.firstSubmittedAt.toISOString(), submittedAt: r.submittedAt.toISOString(), onTime: recordedOnTime(r.firstSubmittedAt, a.campaign.deadline),
    evidence: a.evidence.map(presentRelayEvidence), version: r.version,
    abilities: { edit, resubmit: edit && r.state === 'returned', return: canReturnRecord(actor, a.facts, r), addEvidence: edit },
  };
}

function abilities(actor: Actor, facts: CampaignFacts, missing: number) {
  const manage = canManageCampaign(actor, facts);
  return { manage, remind: manage && actor.kind === 'user' && missing > 0, record: recordingUnitOf(actor, facts) !== null };
}

/**
 * The roll-up from the counts alone: every unit not recorded shares the campaign's deadline, so they share one light;
 * recorded units are green. `relayCampaignHealth` over the coverage rows gives the same answer (a test checks it).
 */
function healthFromCounts(c: RelayCampaign & CampaignCounts, missing: number, now: Date) {
  const notRecorded = relayUnitHealth({ status: 'missing', firstSubmittedAt: null }, c.deadline, now);
  const recorded: Pick<RelayUnitHealth, 'colour' | 'code'> = { colour: 'green', code: 'recorded_on_time' };
  return relayCampaignHealth([...Array.from({ length: missing }, () => notRecorded), ...Array.from({ length: c.expected - missing }, () => recorded)]);
}

/** A campaign for the supervisor's home: what it is, how many units are missing, and its light in words. */
export function presentRelayAttention(c: RelayCampaign & CampaignCounts, now: Date): RelayAttentionItem {
  const missing = c.expected - c.recorded + c.returned;
  return { id: c.id, documentTitle: c.documentTitle, programmeTitle: c.programmeTitle, deadline: c.deadline, expected: c.expected, missing, health: healthFromCounts(c, missing, now) };
}

export function presentRelayCampaign(actor: Actor, c: RelayCampaign & CampaignCounts, facts: CampaignFacts, ownRecordId: string | null, now: Date, health?: RelayCampaignResponse['health']): RelayCampaignResponse {
  const missing = c.expected - c.recorded + c.returned;
  return {
    id: c.id, documentId: c.documentId, documentTitle: c.documentTitle, programmeId: c.programmeId, programmeTitle: c.programmeTitle, deadline: c.deadline,
    expected: c.expected, recorded: c.recorded - c.returned, returned: c.returned, missing,
    overdue: missing > 0 && toLocalDate(now) > c.deadline, health: health ?? healthFromCounts(c, missing, now), createdAt: c.createdAt.toISOString(), version: c.version,
    abilities: abilities(actor, facts, missing), ownRecordId,
  };
}

/** The coverage as the actor may see it: every row for whoever reads all records or a viewer (without record ids), the own row for a liaison. */
export function presentRelayCampaignDetail(actor: Actor, d: CampaignDetail, now: Date): RelayCampaignDetailResponse {
  const readAll = canReadAllRecords(actor, d.facts);
  const ownUnit = actor.kind === 'user' && actor.roles.includes('liaison') ? actor.unitId : null;
  const seesAllRows = readAll || (actor.kind === 'user' && actor.roles.includes('viewer'));
  const lights = new Map(d.coverage.map((c) => [c.unitId, relayUnitHealth({ status: c.record ? c.record.state : 'missing', firstSubmittedAt: c.record?.firstSubmittedAt ?? null }, d.campaign.deadline, now)]));
  const rows: RelayCoverageRow[] = d.coverage
    .filter((c) => seesAllRows || c.unitId === ownUnit)
    .map((c) => ({
      unitId: c.unitId,
      unitName: c.unitName,
      status: c.record ? c.record.state : 'missing',
      recordId: c.record && (readAll || c.unitId === ownUnit) ? c.record.id : null,
      meetingType: c.record?.meetingType ?? null,
      meetingDate: c.record?.meetingDate ?? null,
      submittedAt: iso(c.record?.submittedAt ?? null),
      onTime: c.record ? recordedOnTime(c.record.firstSubmittedAt, d.campaign.deadline) : null,
      lastRemindedAt: readAll ? iso(c.lastRemindedAt) : null,
      health: lights.get(c.unitId)!,
    }));
  const own = d.coverage.find((c) => c.unitId === ownUnit)?.record?.id ?? null;
  return { ...presentRelayCampaign(actor, { ...d.campaign, ...d.counts }, d.facts, own, now, relayCampaignHealth([...lights.values()])), coverage: rows };
}
