/** Document → API shape. */
import { Type, type Static } from 'typebox';
import { Nullable } from '../../platform/http/schemas.ts';
import type { DocumentSummary, StoredDocument } from './documents.repository.ts';

export const DocumentSummaryResponse = Type.Object({
  id: Type.String(),
  title: Type.String(),
  issuer: Nullable(Type.String()),
  date: Nullable(Type.String()),
  script: Type.String(),
  encoding: Type.String(),
  format: Type.String(),
  filename: Nullable(Type.String()),
  sha256: Type.String(),
  byteSize: Type.Integer(),
  length: Type.Integer(),
  createdAt: Type.String(),
});

export const DocumentResponse = Type.Intersect([DocumentSummaryResponse, Type.Object({ text: Type.String() })]);

export function presentDocumentSummary(d: DocumentSummary): Static<typeof DocumentSummaryResponse> {
  return {
    id: d.id,
    title: d.title,
    issuer: d.issuer,
    date: d.date,
    script: d.script,
    encoding: d.encoding,
    format: d.format,
    filename: d.filename,
    sha256: d.sha256,
    byteSize: d.byteSize,
    length: d.length,
    createdAt: d.createdAt.toISOString(),
  };
}

export function presentDocument(d: StoredDocument): Static<typeof DocumentResponse> {
  return { ...presentDocumentSummary(d), text: d.text };
}
