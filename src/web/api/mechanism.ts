/**
 * 传达学习 (relays) and 调查研究 / 督促检查 (inspections with 整改): hooks over `/api/v1/relays` and
 * `/api/v1/inspections`. The shapes are the server's contract (src/contract/*.ts), imported as types.
 */
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type {
  CreateRelayCampaignBody, CreateRelayRecordBody, RelayCampaignDetailResponse, RelayCampaignResponse, RelayEvidenceResponse, RelayRecordResponse,
  RelayRemindResponse, UpdateRelayCampaignBody, UpdateRelayRecordBody,
} from '../../contract/relays.ts';
import type {
  CreateInspectionBody, FindingResponse, InspectionEvidenceResponse, InspectionResponse, InspectionSummaryResponse, TaskFindingResponse, VisitResponse, UpdateInspectionBody,
} from '../../contract/inspections.ts';
import { api } from './client.ts';
import { invalidateLoop } from './tasks.ts';
import type { Items } from './types.ts';

export type RelayCampaign = RelayCampaignResponse;
export type RelayCampaignDetail = RelayCampaignDetailResponse;
export type RelayRecord = RelayRecordResponse;
export type Inspection = InspectionResponse;
export type InspectionSummary = InspectionSummaryResponse;
export type Finding = FindingResponse;
export type TaskFinding = TaskFindingResponse;

export const MEETING_TYPES = ['party_group', 'theory_group', 'special', 'branch', 'other'] as const;
export const INSPECTION_KINDS = ['unannounced', 'special', 'research'] as const;
export const FINDING_SEVERITIES = ['general', 'serious', 'grave'] as const;

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

const enc = encodeURIComponent;
export const relayEvidenceUrl = (id: string) => `/api/v1/relays/evidence/${enc(id)}/download`;
export const inspectionEvidenceUrl = (id: string) => `/api/v1/inspections/evidence/${enc(id)}/download`;

const invalidateRelays = (qc: QueryClient) => qc.invalidateQueries({ queryKey: mk.relays });
const invalidateInspections = (qc: QueryClient) => Promise.all([qc.invalidateQueries({ queryKey: mk.inspections }), invalidateLoop(qc)]);

export function useRelayCampaigns(filter: { documentId?: string; programmeId?: string } = {}) {
  return useQuery({ queryKey: mk.relayList(filter), queryFn: ({ signal }) => api.get<Items<RelayCampaign>>('/api/v1/relays', filter, signal) });
}

export function useRelayCampaign(id: string) {
  return useQuery({ queryKey: mk.relay(id), queryFn: ({ signal }) => api.get<RelayCampaignDetail>(`/api/v1/relays/${enc(id)}`, undefined, signal), staleTime: 0 });
}

export function useRelayRecord(id: string | null) {
  return useQuery({
    queryKey: mk.relayRecord(id ?? ''),
    queryFn: ({ signal }) => api.get<RelayRecord>(`/api/v1/relays/records/${enc(id ?? '')}`, undefined, signal),
    enabled: Boolean(id),
    staleTime: 0,
  });
}

function useRelayMutation<I, O>(fn: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => invalidateRelays(qc) });
}

export const useCreateRelayCampaign = () => useRelayMutation((input: CreateRelayCampaignBody) => api.post<RelayCampaignDetail>('/api/v1/relays', input));
export const useUpdateRelayCampaign = () =>
  useRelayMutation(({ id, ...input }: UpdateRelayCampaignBody & { id: string }) => api.patch<RelayCampaignDetail>(`/api/v1/relays/${enc(id)}`, input));
export const useRemindRelay = () =>
  useRelayMutation(({ id, ...input }: { id: string; unitIds?: string[]; message?: string }) => api.post<RelayRemindResponse>(`/api/v1/relays/${enc(id)}/reminders`, input));
export const useCreateRelayRecord = () =>
  useRelayMutation(({ campaignId, ...input }: CreateRelayRecordBody & { campaignId: string }) => api.post<RelayRecord>(`/api/v1/relays/${enc(campaignId)}/records`, input));
export const useUpdateRelayRecord = () =>
  useRelayMutation(({ id, ...input }: UpdateRelayRecordBody & { id: string }) => api.patch<RelayRecord>(`/api/v1/relays/records/${enc(id)}`, input));
export const useReturnRelayRecord = () =>
  useRelayMutation(({ id, ...input }: { id: string; version: number; reason: string }) => api.post<RelayRecord>(`/api/v1/relays/records/${enc(id)}/return`, input));
export const useUploadRelayEvidence = () =>
  useRelayMutation(({ recordId, kind, files }: { recordId: string; kind: 'minutes' | 'photo'; files: readonly File[] }) => {
    const form = new FormData();
    for (const f of files) form.append('file', f, f.name);
    return api.upload<{ items: RelayEvidenceResponse[] }>(`/api/v1/relays/records/${enc(recordId)}/evidence?kind=${kind}`, form);
  });
export const useDeleteRelayEvidence = () => useRelayMutation((id: string) => api.delete(`/api/v1/relays/evidence/${enc(id)}`));

export function useInspections(filter: { programmeId?: string; state?: string } = {}) {
  return useQuery({ queryKey: mk.inspectionList(filter), queryFn: ({ signal }) => api.get<Items<InspectionSummary>>('/api/v1/inspections', filter, signal) });
}

export function useInspection(id: string) {
  return useQuery({ queryKey: mk.inspection(id), queryFn: ({ signal }) => api.get<Inspection>(`/api/v1/inspections/${enc(id)}`, undefined, signal), staleTime: 0 });
}

/** The findings a task answers (a rectification task: its finding and inspection). */
export function useTaskFindings(taskId: string) {
  return useQuery({ queryKey: mk.taskFindings(taskId), queryFn: ({ signal }) => api.get<Items<TaskFinding>>(`/api/v1/tasks/${enc(taskId)}/findings`, undefined, signal) });
}

function useInspectionMutation<I, O>(fn: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => invalidateInspections(qc) });
}

export const useCreateInspection = () => useInspectionMutation((input: CreateInspectionBody) => api.post<Inspection>('/api/v1/inspections', input));
export const useUpdateInspection = () =>
  useInspectionMutation(({ id, ...input }: UpdateInspectionBody & { id: string }) =>
    api.patch<Inspection>(`/api/v1/inspections/${enc(id)}`, input));
export const useMoveInspection = () =>
  useInspectionMutation(({ id, ...input }: { id: string; action: 'start' | 'report' | 'close' | 'reopen'; version: number }) => api.post<Inspection>(`/api/v1/inspections/${enc(id)}/transitions`, input));
export const useCreateVisit = () =>
  useInspectionMutation(({ id, ...input }: { id: string; unitId?: string | null; visitedOn: string; notes: string }) => api.post<VisitResponse>(`/api/v1/inspections/${enc(id)}/visits`, input));
export const useCreateFinding = () =>
  useInspectionMutation(({ id, ...input }: { id: string; unitId: string; visitId?: string | null; source?: 'finding' | 'recommendation'; title: string; description?: string | null; severity: (typeof FINDING_SEVERITIES)[number] }) =>
    api.post<Finding>(`/api/v1/inspections/${enc(id)}/findings`, input));
export const useRectifyFinding = () =>
  useInspectionMutation(({ id, ...input }: { id: string; version: number; dueDate: string; ownerUserId?: string | null; title?: string }) => api.post<Finding>(`/api/v1/inspections/findings/${enc(id)}/rectify`, input));
export const useNotApplicable = () =>
  useInspectionMutation(({ id, ...input }: { id: string; version: number; reason: string }) => api.post<Finding>(`/api/v1/inspections/findings/${enc(id)}/not-applicable`, input));
export const useUploadInspectionEvidence = () =>
  useInspectionMutation(({ id, kind, findingId, files }: { id: string; kind: 'photo' | 'note' | 'report'; findingId?: string; files: readonly File[] }) => {
    const form = new FormData();
    for (const f of files) form.append('file', f, f.name);
    const q = new URLSearchParams({ kind, ...(findingId ? { findingId } : {}) });
    return api.upload<{ items: InspectionEvidenceResponse[] }>(`/api/v1/inspections/${enc(id)}/evidence?${q.toString()}`, form);
  });
