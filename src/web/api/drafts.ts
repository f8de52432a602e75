/**
 * Draft programmes (方案草稿): start a review from a document, edit its tree with operations, publish or discard.
 * Every edit carries the draft's version; a 409 `version_conflict` reloads the draft.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DraftNode } from '../../core/drafts/types.ts';
import type { Span } from '../../core/intake/types.ts';
import { api } from './client.ts';
import { keys } from './keys.ts';
import type { Items } from './types.ts';

export type { DraftNode } from '../../core/drafts/types.ts';

export type DraftStatus = 'open' | 'published' | 'discarded';

export interface DraftSummary {
  id: string;
  documentId: string;
  title: string;
  status: DraftStatus;
  programmeId: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** A lead unit the server suggests for a task, with the duty words that matched. */
export interface UnitSuggestion {
  unitId: string;
  unitName: string;
  score: number;
  reasons: string[];
  similar: Array<{ taskId: string; title: string }>;
}

/** A draft node as the server sends it: with the suggestions it works out on each read. */
export type DraftNodeView = Omit<DraftNode, 'children'> & { suggestions: UnitSuggestion[]; children: DraftNodeView[] };

export interface DraftView {
  draft: DraftSummary & { tree: DraftNodeView[] };
  counts: { all: number; included: number };
  coverage: { directiveSentences: number; covered: number; uncovered: Array<{ span: Span; text: string }> };
}

export type DraftOperation =
  | { op: 'rename'; id: string; title: string }
  | { op: 'update'; ids: string[]; leadUnitId?: string | null; coUnitIds?: string[]; dueDate?: string | null; tags?: string[]; included?: boolean }
  | { op: 'delete'; id: string }
  | { op: 'split'; id: string; at: number }
  | { op: 'merge'; ids: string[] }
  | { op: 'move'; id: string; parentId: string | null; index: number }
  | { op: 'add'; parentId: string | null; title: string; span?: Span | null; index?: number }
  | { op: 'acceptSuggestions'; ids: string[] };

export type SkipReason = 'no_lead_unit' | 'no_due_date' | 'due_date_past';

export interface PublishResult {
  programmeId: string;
  tasks: number;
  assigned: Array<{ taskId: string; title: string; leadUnitId: string }>;
  skipped: Array<{ taskId: string; title: string; code: SkipReason }>;
}

const path = (id: string) => `/api/v1/drafts/${encodeURIComponent(id)}`;

/** The drafts of one document, newest first. */
export function useDrafts(documentId: string, enabled = true) {
  return useQuery({
    queryKey: keys.draftList({ documentId }),
    queryFn: ({ signal }) => api.get<Items<DraftSummary>>('/api/v1/drafts', { documentId }, signal),
    enabled,
  });
}

export function useDraft(id: string) {
  return useQuery({
    queryKey: keys.draft(id),
    queryFn: ({ signal }) => api.get<DraftView>(path(id), undefined, signal),
  });
}

/** `POST /api/v1/documents/:id/drafts`: a new draft from the document's automatic decomposition. */
export function useCreateDraft() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { documentId: string; title?: string }) =>
      api.post<DraftView>(`/api/v1/documents/${encodeURIComponent(input.documentId)}/drafts`, input.title ? { title: input.title } : {}),
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
    mutationFn: (input: { version: number; title?: string; operations: DraftOperation[] }) => api.post<DraftView>(`${path(id)}/operations`, input),
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
    mutationFn: (input: { version: number; title?: string; assign?: boolean }) => api.post<PublishResult>(`${path(id)}/publish`, input),
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
    mutationFn: (version: number) => api.delete(`${path(id)}?version=${version}`),
    onSettled: () => qc.invalidateQueries({ queryKey: keys.drafts }),
  });
}
