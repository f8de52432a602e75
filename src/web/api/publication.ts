/** Publishing a programme (公开), its preview, public marks on reports, and the public leads queue (群众线索). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AcceptLeadBody, FindingFromLeadBody, LeadListQuery, LeadResponse, MergeLeadBody, RectifyLeadBody, RejectLeadBody,
} from '../../contract/leads.ts';
import type { PublicArea, PublicationResponse, PublicityResponse, PublicProgramme, PublicTask, PublicUpdate } from '../../contract/publication.ts';
import { call } from './client.ts';
import { fieldsOf } from './fields.ts';

export type { LeadResponse as Lead } from '../../contract/leads.ts';
export type { PublicationResponse as Publication, PublicProgramme } from '../../contract/publication.ts';

export const publicationKeys = {
  publication: (programmeId: string) => ['publication', programmeId] as const,
  preview: (programmeId: string) => ['publication', programmeId, 'preview'] as const,
  leads: ['leads'] as const,
  leadList: (filter: object) => ['leads', filter] as const,
};

export function usePublication(programmeId: string | undefined, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: publicationKeys.publication(programmeId ?? ''),
    queryFn: ({ signal }) => call('GET /api/v1/programmes/:id/publication', { params: { id: programmeId ?? '' }, signal }),
    enabled: Boolean(programmeId) && (options.enabled ?? true),
  });
}

export function usePreview(programmeId: string | undefined) {
  return useQuery({
    queryKey: publicationKeys.preview(programmeId ?? ''),
    queryFn: ({ signal }) => call('GET /api/v1/programmes/:id/publication/preview', { params: { id: programmeId ?? '' }, signal }),
    enabled: Boolean(programmeId),
  });
}

/** Publish (true) or withdraw (false). */
export function useSetPublished(programmeId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (publish: boolean) =>
      publish
        ? call('POST /api/v1/programmes/:id/publication', { params: { id: programmeId } })
        : call('DELETE /api/v1/programmes/:id/publication', { params: { id: programmeId } }),
    onSettled: () => qc.invalidateQueries({ queryKey: ['publication', programmeId] }),
  });
}

export function useSetReportPublic(programmeId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { reportId: string; public: boolean }) => call('POST /api/v1/reports/:id/publicity', { params: { id: input.reportId }, body: { public: input.public } }),
    onSettled: () => qc.invalidateQueries({ queryKey: ['publication', programmeId] }),
  });
}

export function useSetEvidencePublic(programmeId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { evidenceId: string; public: boolean }) => call('POST /api/v1/evidence/:id/publicity', { params: { id: input.evidenceId }, body: { public: input.public } }),
    onSettled: () => qc.invalidateQueries({ queryKey: ['publication', programmeId] }),
  });
}

export function useLeads(filter: LeadListQuery) {
  return useQuery({
    queryKey: publicationKeys.leadList(filter),
    queryFn: ({ signal }) => call('GET /api/v1/leads', { query: filter, signal }),
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
  | ({ action: 'accept' } & AcceptLeadBody)
  | ({ action: 'reject' } & RejectLeadBody)
  | ({ action: 'merge' } & MergeLeadBody)
  | ({ action: 'rectification' } & RectifyLeadBody)
  | ({ action: 'finding' } & FindingFromLeadBody);

/** Sends a moderator's decision to its endpoint, each with its own body. */
function decideLead(id: string, input: LeadAction): Promise<LeadResponse> {
  const params = { id };
  switch (input.action) {
    case 'accept': {
      const { action: _, ...body } = input;
      return call('POST /api/v1/leads/:id/accept', { params, body });
    }
    case 'reject': {
      const { action: _, ...body } = input;
      return call('POST /api/v1/leads/:id/reject', { params, body });
    }
    case 'merge': {
      const { action: _, ...body } = input;
      return call('POST /api/v1/leads/:id/merge', { params, body });
    }
    case 'rectification': {
      const { action: _, ...body } = input;
      return call('POST /api/v1/leads/:id/rectification', { params, body });
    }
    case 'finding': {
      const { action: _, ...body } = input;
      return call('POST /api/v1/leads/:id/finding', { params, body });
    }
  }
}

export function useLeadAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: LeadAction }) => decideLead(id, input),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: publicationKeys.leads });
      void qc.invalidateQueries({ queryKey: ['publication'] });
      void qc.invalidateQueries({ queryKey: ['tasks'] });
    },
  });
}

// What the UI reads of the answers fetched here (see fields.ts): a field the contract adds fails the build until listed.
export const publicationFields = fieldsOf<PublicationResponse>()({
  programmeId: 'shown', published: 'shown', publishedAt: 'shown', withdrawnAt: 'ignored', version: 'shown', publicUrl: 'ignored',
  publicReportIds: 'shown', publicEvidenceIds: 'shown', abilities: 'shown',
});
export const publicProgrammeFields = fieldsOf<PublicProgramme>()({
  id: 'shown', title: 'shown', description: 'shown', publishedAt: 'ignored', updatedAt: 'shown', areas: 'shown',
});
export const publicAreaFields = fieldsOf<PublicArea>()({ id: 'shown', label: 'shown', title: 'shown', tasks: 'shown' });
export const publicTaskFields = fieldsOf<PublicTask>()({
  id: 'shown', areaId: 'shown', parentId: 'shown', label: 'shown', title: 'shown', leadUnit: 'shown', dueDate: 'shown', state: 'shown',
  health: 'shown', healthReason: 'shown', progress: 'shown', closedAt: 'ignored', updatedAt: 'shown', updates: 'shown', leads: 'shown',
});
export const publicUpdateFields = fieldsOf<PublicUpdate>()({
  id: 'shown', taskId: 'ignored', periodKey: 'shown', acceptedAt: 'ignored', progress: 'shown', text: 'shown', evidence: 'ignored',
});
export const publicityFields = fieldsOf<PublicityResponse>()({ id: 'shown', public: 'shown', markedAt: 'ignored' });
export const leadFields = fieldsOf<LeadResponse>()({
  id: 'shown', programmeId: 'shown', programmeTitle: 'ignored', taskId: 'ignored', taskTitle: 'shown', state: 'shown', what: 'shown', place: 'shown',
  contact: 'shown', photoUrl: 'shown', decidedAt: 'ignored', rejectReason: 'shown', rejectNote: 'shown', mergedIntoId: 'shown',
  rectificationTaskId: 'shown', createdAt: 'shown', version: 'shown', abilities: 'shown',
});
