/**
 * Imported documents: the list (with search), one document with its text, import by upload or paste, the automatic
 * decomposition, the proposed repairs of machine-converted Traditional text, and the comparison of two documents.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ConvertedTextResponse, DocumentImportResponse, DocumentResponse, DocumentSummaryResponse, RepairResponse,
} from '../../contract/documents.ts';
import { call, urlOf } from './client.ts';
import { fieldsOf } from './fields.ts';
import { keys } from './keys.ts';

export type { AreaRef, Appendix, Comparison, DecomposedItem, Decomposition, Formulation, GlossaryEntry, ItemKind, Repair, Span, Target } from '../../core/intake/types.ts';

export type { ConvertedTextResponse as ConvertedText, DocumentImportResponse as ImportResult, RepairResponse as RepairProposal } from '../../contract/documents.ts';

/** Where the original file is downloaded, byte for byte. */
export const originalUrl = (id: string) => urlOf('GET /api/v1/documents/:id/original', { params: { id } });

/** The documents, newest first; `q` searches the text in either script (发展 finds 發展). */
export function useDocuments(q = '') {
  return useQuery({
    queryKey: keys.documentList({ q }),
    queryFn: ({ signal }) => call('GET /api/v1/documents', { query: { q }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** One document with its text; idle while `id` is empty (a page that learns the id from another answer). */
export function useDocument(id: string) {
  return useQuery({
    queryKey: keys.document(id),
    queryFn: ({ signal }) => call('GET /api/v1/documents/:id', { params: { id }, signal }),
    enabled: id !== '',
  });
}

/** The decomposition stored at import; it never changes, so it is fetched once per session. */
export function useDecomposition(id: string) {
  return useQuery({
    queryKey: keys.decomposition(id),
    queryFn: ({ signal }) => call('GET /api/v1/documents/:id/decomposition', { params: { id }, signal }),
    staleTime: Infinity,
  });
}

/** The text in Simplified or Traditional script; idle for `null` (the original). A document never changes. */
export function useDocumentText(id: string, script: 'hans' | 'hant' | null) {
  return useQuery({
    queryKey: keys.documentText(id, script ?? ''),
    // `enabled` keeps the query idle while `script` is null.
    queryFn: ({ signal }) => call('GET /api/v1/documents/:id/text', { params: { id }, query: { script: script ?? 'hans' }, signal }),
    enabled: script !== null,
    staleTime: Infinity,
  });
}

export function useRepairs(id: string) {
  return useQuery({
    queryKey: keys.repairs(id),
    queryFn: ({ signal }) => call('GET /api/v1/documents/:id/repairs', { params: { id }, signal }),
  });
}

/**
 * `PUT /api/v1/documents/:id/repairs`: accepts the given repairs (by start offset) and declines the rest. The
 * displayed text and the open drafts' titles change with them, so those are reloaded.
 */
export function useAcceptRepairs(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (starts: number[]) => call('PUT /api/v1/documents/:id/repairs', { params: { id }, body: { accepted: starts } }),
    onSuccess: (doc) => qc.setQueryData(keys.document(id), doc),
    onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: keys.document(id) }), qc.invalidateQueries({ queryKey: keys.drafts })]),
  });
}

/** The same text in the other script, linked at import. */
export function useEditions(id: string) {
  return useQuery({
    queryKey: [...keys.document(id), 'editions'],
    queryFn: ({ signal }) => call('GET /api/v1/documents/:id/editions', { params: { id }, signal }),
  });
}

/** 提法对比 of an older document `a` and a newer `b`; idle until both are chosen. */
export function useComparison(a: string | null, b: string | null) {
  return useQuery({
    queryKey: keys.comparison(a ?? '', b ?? ''),
    // `enabled` keeps the query idle until both are chosen.
    queryFn: ({ signal }) => call('GET /api/v1/documents/compare', { query: { a: a ?? '', b: b ?? '' }, signal }),
    enabled: Boolean(a && b),
    staleTime: Infinity,
  });
}

/** `POST /api/v1/documents` as multipart/form-data. */
function uploadDocument(input: { file: File; title?: string }) {
  const form = new FormData();
  // The server reads only the fields that come before the file part: the title goes first.
  if (input.title?.trim()) form.append('title', input.title.trim());
  form.append('file', input.file, input.file.name);
  return call('POST /api/v1/documents', { body: form });
}

/** Upload a file (.txt in UTF-8/GB18030/Big5/UTF-16, .docx, .pdf with text, .html). */
export function useImportFile() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: uploadDocument,
    onSettled: () => qc.invalidateQueries({ queryKey: keys.documentLists }),
  });
}

/** Import pasted text. */
export function useImportText() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { text: string; title?: string }) =>
      call('POST /api/v1/documents/text', { body: { text: input.text, ...(input.title?.trim() ? { title: input.title.trim() } : {}) } }),
    onSettled: () => qc.invalidateQueries({ queryKey: keys.documentLists }),
  });
}

// What the UI reads of the answers fetched here (see fields.ts): a field the contract adds fails the build until listed.
export const documentSummaryFields = fieldsOf<DocumentSummaryResponse>()({
  id: 'shown', title: 'shown', issuer: 'shown', date: 'shown', script: 'shown', encoding: 'shown', format: 'shown', filename: 'shown',
  sha256: 'ignored', byteSize: 'shown', length: 'shown', createdAt: 'shown',
});
export const documentFields = fieldsOf<DocumentResponse>()({
  id: 'shown', title: 'shown', issuer: 'shown', date: 'shown', script: 'shown', encoding: 'shown', format: 'shown', filename: 'shown',
  sha256: 'ignored', byteSize: 'shown', length: 'shown', createdAt: 'shown', text: 'shown', displayText: 'shown', repairsAccepted: 'ignored',
  editionOf: 'ignored',
});
export const convertedTextFields = fieldsOf<ConvertedTextResponse>()({ script: 'shown', text: 'shown', aligned: 'shown' });
export const repairFields = fieldsOf<RepairResponse>()({
  span: 'shown', from: 'shown', to: 'shown', reason: 'shown', confidence: 'shown', accepted: 'shown',
});
export const documentImportFields = fieldsOf<DocumentImportResponse>()({ document: 'shown', items: 'shown', coverage: 'shown', editionOf: 'shown' });
