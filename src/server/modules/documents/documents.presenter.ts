/** Document → API shape. */
import { Type, type Static } from 'typebox';
import { Nullable } from '../../platform/http/schemas.ts';
import type { DocumentSummary, StoredDocument } from './documents.repository.ts';
import { displayTextOf } from './documents.service.ts';

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

export const DocumentResponse = Type.Intersect([
  DocumentSummaryResponse,
  Type.Object({
    /** The original text, exactly as decoded. */
    text: Type.String(),
    /** The text to show: the original with accepted repairs applied; same length, so spans fit both. */
    displayText: Type.String(),
    repairsAccepted: Type.Integer(),
    editionOf: Nullable(Type.String()),
  }),
]);

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
  return { ...presentDocumentSummary(d), text: d.text, displayText: displayTextOf(d), repairsAccepted: d.repairs.length, editionOf: d.editionOf };
}
