/**
 * Imported documents: the list (with search), one document with its text, import by upload or paste, the automatic
 * decomposition, the proposed repairs of machine-converted Traditional text, and the comparison of two documents.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
// Type-only: the decomposition JSON is exactly the engine's `Decomposition` (a self-contained file, erased at build).
import type { Comparison, Decomposition, Repair } from '../../core/intake/types.ts';
import { api } from './client.ts';
import { keys } from './keys.ts';
import type { DocumentDetail, DocumentSummary, Items } from './types.ts';

export type { AreaRef, Appendix, Comparison, DecomposedItem, Decomposition, Formulation, GlossaryEntry, ItemKind, Repair, Span, Target } from '../../core/intake/types.ts';

/** `GET /api/v1/documents/:id/repairs` — one proposed correction; the server never applies it. */

/** The answer to an import: the stored document and a first count of what the engine found. */
export interface ImportResult {
  document: DocumentSummary;
  items: number;
  coverage: { directiveSentences: number; covered: number };
  /** Set when the text is the other script's edition of a document imported before. */
  editionOf: DocumentSummary | null;
}

const path = (id: string) => `/api/v1/documents/${encodeURIComponent(id)}`;

/** Where the original file is downloaded, byte for byte. */
export const originalUrl = (id: string) => `${path(id)}/original`;

/** The documents, newest first; `q` searches the text in either script (发展 finds 發展). */
export function useDocuments(q = '') {
  return useQuery({
    queryKey: keys.documentList({ q }),
    queryFn: ({ signal }) => api.get<Items<DocumentSummary>>('/api/v1/documents', { q }, signal),
    placeholderData: keepPreviousData,
  });
}

/** One document with its text; idle while `id` is empty (a page that learns the id from another answer). */
export function useDocument(id: string) {
  return useQuery({
    queryKey: keys.document(id),
    queryFn: ({ signal }) => api.get<DocumentDetail>(path(id), undefined, signal),
    enabled: id !== '',
  });
}

/** The decomposition stored at import; it never changes, so it is fetched once per session. */
export function useDecomposition(id: string) {
  return useQuery({
    queryKey: keys.decomposition(id),
    queryFn: ({ signal }) => api.get<Decomposition>(`${path(id)}/decomposition`, undefined, signal),
    staleTime: Infinity,
  });
}

/** `GET /api/v1/documents/:id/text?script=`: the text converted by the server (OpenCC) for reading. */
export interface ConvertedText {
  script: 'hans' | 'hant';
  text: string;
  /** Same length as the original, so every span still fits; when false, show the original instead. */
  aligned: boolean;
}

/** The text in Simplified or Traditional script; idle for `null` (the original). A document never changes. */
export function useDocumentText(id: string, script: 'hans' | 'hant' | null) {
  return useQuery({
    queryKey: keys.documentText(id, script ?? ''),
    queryFn: ({ signal }) => api.get<ConvertedText>(`${path(id)}/text`, { script }, signal),
    enabled: script !== null,
    staleTime: Infinity,
  });
}

/** A proposed repair and whether a reviewer accepted it. */
export type RepairProposal = Repair & { accepted: boolean };

export function useRepairs(id: string) {
  return useQuery({
    queryKey: keys.repairs(id),
    queryFn: ({ signal }) => api.get<Items<RepairProposal>>(`${path(id)}/repairs`, undefined, signal),
  });
}

/**
 * `PUT /api/v1/documents/:id/repairs`: accepts the given repairs (by start offset) and declines the rest. The
 * displayed text and the open drafts' titles change with them, so those are reloaded.
 */
export function useAcceptRepairs(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (starts: number[]) => api.put<DocumentDetail>(`${path(id)}/repairs`, { accepted: starts }),
    onSuccess: (doc) => qc.setQueryData(keys.document(id), doc),
    onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: keys.document(id) }), qc.invalidateQueries({ queryKey: keys.drafts })]),
  });
}

/** The same text in the other script, linked at import. */
export function useEditions(id: string) {
  return useQuery({
    queryKey: [...keys.document(id), 'editions'],
    queryFn: ({ signal }) => api.get<Items<DocumentSummary>>(`${path(id)}/editions`, undefined, signal),
  });
}

/** 提法对比 of an older document `a` and a newer `b`; idle until both are chosen. */
export function useComparison(a: string | null, b: string | null) {
  return useQuery({
    queryKey: keys.comparison(a ?? '', b ?? ''),
    queryFn: ({ signal }) => api.get<Comparison>('/api/v1/documents/compare', { a, b }, signal),
    enabled: Boolean(a && b),
    staleTime: Infinity,
  });
}

/** `POST /api/v1/documents` as multipart/form-data. */
function uploadDocument(input: { file: File; title?: string }): Promise<ImportResult> {
  const form = new FormData();
  // The server reads only the fields that come before the file part: the title goes first.
  if (input.title?.trim()) form.append('title', input.title.trim());
  form.append('file', input.file, input.file.name);
  return api.upload<ImportResult>('/api/v1/documents', form);
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
      api.post<ImportResult>('/api/v1/documents/text', { text: input.text, ...(input.title?.trim() ? { title: input.title.trim() } : {}) }),
    onSettled: () => qc.invalidateQueries({ queryKey: keys.documentLists }),
  });
}
