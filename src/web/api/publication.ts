/** Publishing a programme (公开), its preview, public marks on reports, and the public leads queue (群众线索). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { LeadListResponse, LeadResponse, PublicationResponse, PublicityResponse, PublicProgramme } from '../../contract/publication.ts';
import { api, call } from './client.ts';

export type { LeadResponse as Lead, PublicationResponse as Publication, PublicProgramme } from '../../contract/publication.ts';

const enc = encodeURIComponent;
export const publicationKeys = {
  publication: (programmeId: string) => ['publication', programmeId] as const,
  preview: (programmeId: string) => ['publication', programmeId, 'preview'] as const,
  leads: ['leads'] as const,
  leadList: (filter: object) => ['leads', filter] as const,
};

export function usePublication(programmeId: string | undefined, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: publicationKeys.publication(programmeId ?? ''),
    queryFn: ({ signal }) => api.get<PublicationResponse>(`/api/v1/programmes/${enc(programmeId ?? '')}/publication`, undefined, signal),
    enabled: Boolean(programmeId) && (options.enabled ?? true),
  });
}

export function usePreview(programmeId: string | undefined) {
  return useQuery({
    queryKey: publicationKeys.preview(programmeId ?? ''),
    queryFn: ({ signal }) => api.get<PublicProgramme>(`/api/v1/programmes/${enc(programmeId ?? '')}/publication/preview`, undefined, signal),
    enabled: Boolean(programmeId),
  });
}

/** Publish (true) or withdraw (false). */
export function useSetPublished(programmeId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (publish: boolean) =>
      publish
        ? api.post<PublicationResponse>(`/api/v1/programmes/${enc(programmeId)}/publication`)
        : api.delete<PublicationResponse>(`/api/v1/programmes/${enc(programmeId)}/publication`),
    onSettled: () => qc.invalidateQueries({ queryKey: ['publication', programmeId] }),
  });
}

export function useSetReportPublic(programmeId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { reportId: string; public: boolean }) => api.post<PublicityResponse>(`/api/v1/reports/${enc(input.reportId)}/publicity`, { public: input.public }),
    onSettled: () => qc.invalidateQueries({ queryKey: ['publication', programmeId] }),
  });
}

export function useSetEvidencePublic(programmeId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { evidenceId: string; public: boolean }) => api.post<PublicityResponse>(`/api/v1/evidence/${enc(input.evidenceId)}/publicity`, { public: input.public }),
    onSettled: () => qc.invalidateQueries({ queryKey: ['publication', programmeId] }),
  });
}

export function useLeads(filter: { state?: string; programmeId?: string }) {
  return useQuery({
    queryKey: publicationKeys.leadList(filter),
    queryFn: ({ signal }) => api.get<LeadListResponse>('/api/v1/leads', filter, signal),
  });
}

/** Inspections of the programme that take findings now (in progress or reporting), for 转为督查问题. */
export function useRunningInspections(programmeId: string) {
  return useQuery({
    queryKey: ['inspections', 'running', programmeId] as const,
    queryFn: async ({ signal }) => {
      const list = await call('GET /api/v1/inspections', { query: { programmeId }, signal });
      return list.items.filter((i) => i.state === 'in_progress' || i.state === 'reporting');
    },
  });
}

export type LeadAction =
  | { action: 'accept'; version: number }
  | { action: 'reject'; version: number; reason: string; note?: string | null }
  | { action: 'merge'; version: number; intoId: string }
  | { action: 'rectification'; version: number; title: string; dueDate: string; leadUnitId?: string }
  | { action: 'finding'; version: number; inspectionId: string; title: string; severity: string; dueDate: string; unitId?: string };

export function useLeadAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: LeadAction }) => {
      const { action, ...body } = input;
      return api.post<LeadResponse>(`/api/v1/leads/${enc(id)}/${action}`, body);
    },
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: publicationKeys.leads });
      void qc.invalidateQueries({ queryKey: ['publication'] });
      void qc.invalidateQueries({ queryKey: ['tasks'] });
    },
  });
}
