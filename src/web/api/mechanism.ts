/**
 * 传达学习 (relays) and 调查研究 / 督促检查 (inspections with 整改): hooks over `/api/v1/relays` and
 * `/api/v1/inspections`. The shapes are the server's contract (src/contract/*.ts), imported as types.
 */
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type {
  CreateRelayCampaignBody, CreateRelayRecordBody, RelayCampaignDetailResponse, RelayCampaignHealth, RelayCampaignResponse, RelayCoverageRow,
  RelayEvidenceResponse, RelayListQuery, RelayRecordResponse, RelayRemindResponse, RelayUnitHealth, RemindRelayBody, ReturnRelayRecordBody,
  UpdateRelayCampaignBody, UpdateRelayRecordBody,
} from '../../contract/relays.ts';
import type {
  CreateFindingBody, CreateInspectionBody, CreateVisitBody, FindingResponse, InspectionEvidenceQuery, InspectionEvidenceResponse,
  InspectionListQuery, InspectionResponse, InspectionSummaryResponse, InspectionTransitionBody, NotApplicableBody, RectifyFindingBody,
  TaskFindingResponse, UpdateInspectionBody, VisitResponse,
} from '../../contract/inspections.ts';
import { call, urlOf } from './client.ts';
import { fieldsOf } from './fields.ts';
import { invalidateLoop } from './tasks.ts';

export type {
  RelayCampaignResponse as RelayCampaign, RelayCampaignDetailResponse as RelayCampaignDetail, RelayRecordResponse as RelayRecord,
} from '../../contract/relays.ts';
export type {
  InspectionResponse as Inspection, InspectionSummaryResponse as InspectionSummary, FindingResponse as Finding, TaskFindingResponse as TaskFinding,
} from '../../contract/inspections.ts';
export { MEETING_TYPES } from '../../core/relays/index.ts';
export { FINDING_SEVERITIES, INSPECTION_KINDS } from '../../core/inspections/index.ts';

const mk = {
  relays: ['relays'] as const,
  relayList: (filter: object) => ['relays', 'list', filter] as const,
  relay: (id: string) => ['relays', 'detail', id] as const,
  relayRecord: (id: string) => ['relays', 'record', id] as const,
  inspections: ['inspections'] as const,
  inspectionList: (filter: object) => ['inspections', 'list', filter] as const,
  inspection: (id: string) => ['inspections', 'detail', id] as const,
  taskFindings: (id: string) => ['inspections', 'task', id] as const,
};

export const relayEvidenceUrl = (id: string) => urlOf('GET /api/v1/relays/evidence/:id/download', { params: { id } });
export const inspectionEvidenceUrl = (id: string) => urlOf('GET /api/v1/inspections/evidence/:id/download', { params: { id } });

const invalidateRelays = (qc: QueryClient) => qc.invalidateQueries({ queryKey: mk.relays });
const invalidateInspections = (qc: QueryClient) => Promise.all([qc.invalidateQueries({ queryKey: mk.inspections }), invalidateLoop(qc)]);

export function useRelayCampaigns(filter: RelayListQuery = {}) {
  return useQuery({ queryKey: mk.relayList(filter), queryFn: ({ signal }) => call('GET /api/v1/relays', { query: filter, signal }) });
}

export function useRelayCampaign(id: string) {
  return useQuery({ queryKey: mk.relay(id), queryFn: ({ signal }) => call('GET /api/v1/relays/:id', { params: { id }, signal }), staleTime: 0 });
}

export function useRelayRecord(id: string | null) {
  return useQuery({
    queryKey: mk.relayRecord(id ?? ''),
    queryFn: ({ signal }) => call('GET /api/v1/relays/records/:id', { params: { id: id ?? '' }, signal }),
    enabled: Boolean(id),
    staleTime: 0,
  });
}

function useRelayMutation<I, O>(fn: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => invalidateRelays(qc) });
}

export const useCreateRelayCampaign = () => useRelayMutation((input: CreateRelayCampaignBody) => call('POST /api/v1/relays', { body: input }));
export const useUpdateRelayCampaign = () =>
  useRelayMutation(({ id, ...input }: UpdateRelayCampaignBody & { id: string }) => call('PATCH /api/v1/relays/:id', { params: { id }, body: input }));
export const useRemindRelay = () =>
  useRelayMutation(({ id, ...input }: RemindRelayBody & { id: string }) => call('POST /api/v1/relays/:id/reminders', { params: { id }, body: input }));
export const useCreateRelayRecord = () =>
  useRelayMutation(({ campaignId, ...input }: CreateRelayRecordBody & { campaignId: string }) => call('POST /api/v1/relays/:id/records', { params: { id: campaignId }, body: input }));
export const useUpdateRelayRecord = () =>
  useRelayMutation(({ id, ...input }: UpdateRelayRecordBody & { id: string }) => call('PATCH /api/v1/relays/records/:id', { params: { id }, body: input }));
export const useReturnRelayRecord = () =>
  useRelayMutation(({ id, ...input }: ReturnRelayRecordBody & { id: string }) => call('POST /api/v1/relays/records/:id/return', { params: { id }, body: input }));
export const useUploadRelayEvidence = () =>
  useRelayMutation(({ recordId, kind, files }: { recordId: string; kind: 'minutes' | 'photo'; files: readonly File[] }) => {
    const form = new FormData();
    for (const f of files) form.append('file', f, f.name);
    return call('POST /api/v1/relays/records/:id/evidence', { params: { id: recordId }, query: { kind }, body: form });
  });
export const useDeleteRelayEvidence = () => useRelayMutation((id: string) => call('DELETE /api/v1/relays/evidence/:id', { params: { id } }));

export function useInspections(filter: InspectionListQuery = {}) {
  return useQuery({ queryKey: mk.inspectionList(filter), queryFn: ({ signal }) => call('GET /api/v1/inspections', { query: filter, signal }) });
}

export function useInspection(id: string) {
  return useQuery({ queryKey: mk.inspection(id), queryFn: ({ signal }) => call('GET /api/v1/inspections/:id', { params: { id }, signal }), staleTime: 0 });
}

/** The findings a task answers (a rectification task: its finding and inspection). */
export function useTaskFindings(taskId: string) {
  return useQuery({ queryKey: mk.taskFindings(taskId), queryFn: ({ signal }) => call('GET /api/v1/tasks/:id/findings', { params: { id: taskId }, signal }) });
}

function useInspectionMutation<I, O>(fn: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => invalidateInspections(qc) });
}

export const useCreateInspection = () => useInspectionMutation((input: CreateInspectionBody) => call('POST /api/v1/inspections', { body: input }));
export const useUpdateInspection = () =>
  useInspectionMutation(({ id, ...input }: UpdateInspectionBody & { id: string }) => call('PATCH /api/v1/inspections/:id', { params: { id }, body: input }));
export const useMoveInspection = () =>
  useInspectionMutation(({ id, ...input }: InspectionTransitionBody & { id: string }) => call('POST /api/v1/inspections/:id/transitions', { params: { id }, body: input }));
export const useCreateVisit = () =>
  useInspectionMutation(({ id, ...input }: CreateVisitBody & { id: string }) => call('POST /api/v1/inspections/:id/visits', { params: { id }, body: input }));
export const useCreateFinding = () =>
  useInspectionMutation(({ id, ...input }: CreateFindingBody & { id: string }) => call('POST /api/v1/inspections/:id/findings', { params: { id }, body: input }));
export const useRectifyFinding = () =>
  useInspectionMutation(({ id, ...input }: RectifyFindingBody & { id: string }) => call('POST /api/v1/inspections/findings/:id/rectify', { params: { id }, body: input }));
export const useNotApplicable = () =>
  useInspectionMutation(({ id, ...input }: NotApplicableBody & { id: string }) => call('POST /api/v1/inspections/findings/:id/not-applicable', { params: { id }, body: input }));
export const useUploadInspectionEvidence = () =>
  useInspectionMutation(({ id, kind, findingId, files }: { id: string; kind: NonNullable<InspectionEvidenceQuery['kind']>; findingId?: string; files: readonly File[] }) => {
    const form = new FormData();
    for (const f of files) form.append('file', f, f.name);
    return call('POST /api/v1/inspections/:id/evidence', { params: { id }, query: { kind, ...(findingId ? { findingId } : {}) }, body: form });
  });

// What the UI reads of the answers fetched here (see fields.ts): a field the contract adds fails the build until listed.
export const relayCampaignFields = fieldsOf<RelayCampaignResponse>()({
  id: 'shown', documentId: 'shown', documentTitle: 'shown', programmeId: 'shown', programmeTitle: 'shown', deadline: 'shown', expected: 'shown',
  recorded: 'shown', returned: 'shown', missing: 'shown', overdue: 'shown', health: 'shown', createdAt: 'shown', version: 'shown',
  abilities: 'shown', ownRecordId: 'shown',
});
export const relayCampaignHealthFields = fieldsOf<RelayCampaignHealth>()({ colour: 'shown', counts: 'ignored', summary: 'shown' });
export const relayCampaignDetailFields = fieldsOf<RelayCampaignDetailResponse>()({
  id: 'shown', documentId: 'shown', documentTitle: 'shown', programmeId: 'shown', programmeTitle: 'shown', deadline: 'shown', expected: 'shown',
  recorded: 'shown', returned: 'shown', missing: 'shown', overdue: 'shown', health: 'shown', createdAt: 'shown', version: 'shown',
  abilities: 'shown', ownRecordId: 'shown', coverage: 'shown',
});
export const relayCoverageRowFields = fieldsOf<RelayCoverageRow>()({
  unitId: 'shown', unitName: 'shown', status: 'shown', recordId: 'shown', meetingType: 'shown', meetingDate: 'shown', submittedAt: 'shown',
  onTime: 'shown', lastRemindedAt: 'shown', health: 'shown',
});
export const relayUnitHealthFields = fieldsOf<RelayUnitHealth>()({
  colour: 'shown', code: 'shown', days: 'ignored', returned: 'shown', reason: 'shown', summary: 'shown',
});
export const relayRecordFields = fieldsOf<RelayRecordResponse>()({
  id: 'shown', campaignId: 'ignored', unitId: 'shown', unitName: 'shown', state: 'shown', meetingType: 'shown', meetingTypeOther: 'shown',
  meetingDate: 'shown', chair: 'shown', attendeeCount: 'shown', minutes: 'shown', followUp: 'shown', revision: 'shown', returnReason: 'shown',
  returnedBy: 'ignored', returnedAt: 'ignored', recordedBy: 'ignored', firstSubmittedAt: 'ignored', submittedAt: 'shown', onTime: 'shown',
  evidence: 'shown', version: 'shown', abilities: 'shown',
});
export const relayEvidenceFields = fieldsOf<RelayEvidenceResponse>()({
  id: 'shown', recordId: 'ignored', kind: 'shown', filename: 'shown', mediaType: 'ignored', byteSize: 'ignored', sha256: 'ignored',
  uploadedBy: 'ignored', createdAt: 'shown',
});
export const relayRemindFields = fieldsOf<RelayRemindResponse>()({ reminded: 'shown', skipped: 'shown', recipients: 'ignored' });
export const inspectionSummaryFields = fieldsOf<InspectionSummaryResponse>()({
  id: 'shown', programmeId: 'shown', programmeTitle: 'shown', topic: 'shown', kind: 'shown', state: 'shown', startDate: 'shown', endDate: 'shown',
  findings: 'shown', openFindings: 'shown', closedAt: 'ignored', createdAt: 'shown', version: 'shown',
});
export const inspectionFields = fieldsOf<InspectionResponse>()({
  id: 'shown', programmeId: 'shown', programmeTitle: 'shown', topic: 'shown', kind: 'shown', state: 'shown', startDate: 'shown', endDate: 'shown',
  findings: 'shown', openFindings: 'shown', closedAt: 'ignored', createdAt: 'shown', version: 'shown', description: 'shown', members: 'shown',
  targetUnits: 'shown', targetTasks: 'ignored', visits: 'shown', findingList: 'shown', evidence: 'shown', abilities: 'shown',
});
export const visitFields = fieldsOf<VisitResponse>()({
  id: 'shown', unitId: 'shown', unitName: 'shown', visitedOn: 'shown', notes: 'shown', createdBy: 'ignored', createdAt: 'shown',
});
export const findingFields = fieldsOf<FindingResponse>()({
  id: 'shown', inspectionId: 'shown', visitId: 'ignored', unitId: 'shown', unitName: 'shown', source: 'shown', title: 'shown', description: 'shown',
  severity: 'shown', standing: 'shown', taskId: 'shown', taskState: 'shown', taskDueDate: 'shown', naReason: 'shown', naBy: 'ignored',
  naAt: 'ignored', createdAt: 'shown', version: 'shown', abilities: 'shown',
});
export const inspectionEvidenceFields = fieldsOf<InspectionEvidenceResponse>()({
  id: 'shown', visitId: 'ignored', findingId: 'ignored', kind: 'shown', filename: 'shown', mediaType: 'ignored', byteSize: 'ignored',
  sha256: 'ignored', uploadedBy: 'ignored', createdAt: 'shown',
});
export const taskFindingFields = fieldsOf<TaskFindingResponse>()({
  id: 'shown', inspectionId: 'shown', visitId: 'ignored', unitId: 'shown', unitName: 'shown', source: 'shown', title: 'shown', description: 'shown',
  severity: 'shown', standing: 'shown', taskId: 'shown', taskState: 'shown', taskDueDate: 'shown', naReason: 'shown', naBy: 'ignored',
  naAt: 'ignored', createdAt: 'shown', version: 'shown', abilities: 'shown', inspectionTopic: 'shown', inspectionKind: 'ignored',
  inspectionState: 'ignored',
});
