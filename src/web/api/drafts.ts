/**
 * Draft programmes (方案草稿): start a review from a document, edit its tree with operations, publish or discard.
 * Every edit carries the draft's version; a 409 `version_conflict` reloads the draft.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DraftNodeResponse, DraftResponse, DraftSummaryResponse, EditDraftBody, PublishDraftBody, PublishResponse, UnitSuggestionResponse } from '../../contract/drafts.ts';
import { call } from './client.ts';
import { fieldsOf } from './fields.ts';
import { keys } from './keys.ts';

export type { DraftNode } from '../../core/drafts/types.ts';
export type {
  DraftNodeResponse as DraftNodeView,
  DraftOperation,
  DraftResponse as DraftView,
  DraftStatus,
  DraftSummaryResponse as DraftSummary,
  PublishResponse as PublishResult,
  PublishSkipReason as SkipReason,
  UnitSuggestionResponse as UnitSuggestion,
} from '../../contract/drafts.ts';

/** The drafts of one document, newest first. */
export function useDrafts(documentId: string, enabled = true) {
  return useQuery({
    queryKey: keys.draftList({ documentId }),
    queryFn: ({ signal }) => call('GET /api/v1/drafts', { query: { documentId }, signal }),
    enabled,
  });
}

export function useDraft(id: string) {
  return useQuery({
    queryKey: keys.draft(id),
    queryFn: ({ signal }) => call('GET /api/v1/drafts/:id', { params: { id }, signal }),
  });
}

/** `POST /api/v1/documents/:id/drafts`: a new draft from the document's automatic decomposition. */
export function useCreateDraft() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { documentId: string; title?: string }) =>
      call('POST /api/v1/documents/:id/drafts', { params: { id: input.documentId }, body: input.title ? { title: input.title } : {} }),
    onSuccess: (view) => qc.setQueryData(keys.draft(view.draft.id), view),
    onSettled: () => qc.invalidateQueries({ queryKey: keys.drafts }),
  });
}

/**
 * Applies a batch of operations atomically. The answer is the whole new draft, put straight into the cache; after a
 * failure the draft is reloaded (a 409 means our copy is stale, a 400 leaves it unchanged).
 */
export function useEditDraft(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: EditDraftBody) => call('POST /api/v1/drafts/:id/operations', { params: { id }, body: input }),
    onSuccess: (view) => {
      qc.setQueryData(keys.draft(id), view);
      void qc.invalidateQueries({ queryKey: keys.draftList({ documentId: view.draft.documentId }) });
    },
    onError: () => qc.invalidateQueries({ queryKey: keys.draft(id) }),
  });
}

/** Creates the programme and its tasks from the included nodes; with `assign`, also assigns those ready for it. */
export function usePublishDraft(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: PublishDraftBody) => call('POST /api/v1/drafts/:id/publish', { params: { id }, body: input }),
    onSettled: () => Promise.all([
      qc.invalidateQueries({ queryKey: keys.drafts }),
      qc.invalidateQueries({ queryKey: keys.programmes }),
      qc.invalidateQueries({ queryKey: keys.tasks }),
    ]),
  });
}

export function useDiscardDraft(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (version: number) => call('DELETE /api/v1/drafts/:id', { params: { id }, query: { version } }),
    onSettled: () => qc.invalidateQueries({ queryKey: keys.drafts }),
  });
}

// What the UI reads of the answers fetched here (see fields.ts): a field the contract adds fails the build until listed.
export const draftSummaryFields = fieldsOf<DraftSummaryResponse>()({
  id: 'shown', documentId: 'shown', title: 'shown', status: 'shown', programmeId: 'shown', createdAt: 'shown', updatedAt: 'shown', version: 'shown',
});
export const draftFields = fieldsOf<DraftResponse>()({ draft: 'shown', counts: 'shown', coverage: 'shown' });
export const publishFields = fieldsOf<PublishResponse>()({ programmeId: 'shown', tasks: 'shown', assigned: 'shown', skipped: 'shown' });
export const unitSuggestionFields = fieldsOf<UnitSuggestionResponse>()({
  unitId: 'shown', unitName: 'shown', score: 'shown', reasons: 'shown', similar: 'ignored',
});
export const draftNodeFields = fieldsOf<DraftNodeResponse>()({
  suggestions: 'shown', children: 'shown', leadUnitId: 'shown', dueDate: 'shown', id: 'shown', title: 'shown', span: 'shown', label: 'shown',
  kind: 'shown', included: 'shown', class: 'shown', classCue: 'shown', keyPoints: 'shown', restatement: 'shown', repeats: 'shown', tags: 'shown',
  targets: 'shown', deadline: 'shown', coUnitIds: 'shown',
});
