/** Imported documents: the list and one document with its text. */
import { useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import { keys } from './keys.ts';
import type { DocumentDetail, DocumentSummary, Items } from './types.ts';

export function useDocuments() {
  return useQuery({ queryKey: keys.documents, queryFn: ({ signal }) => api.get<Items<DocumentSummary>>('/api/v1/documents', undefined, signal) });
}

export function useDocument(id: string) {
  return useQuery({
    queryKey: keys.document(id),
    queryFn: ({ signal }) => api.get<DocumentDetail>(`/api/v1/documents/${encodeURIComponent(id)}`, undefined, signal),
  });
}
