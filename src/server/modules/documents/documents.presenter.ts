/** Document → API shape. */
import type { DocumentResponse, DocumentSummaryResponse } from '../../../contract/documents.ts';
import type { DocumentSummary, StoredDocument } from './documents.repository.ts';
import { displayTextOf } from './documents.service.ts';

export function presentDocumentSummary(d: DocumentSummary): DocumentSummaryResponse {
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

export function presentDocument(d: StoredDocument): DocumentResponse {
  return { ...presentDocumentSummary(d), text: d.text, displayText: displayTextOf(d), repairsAccepted: d.repairs.length, editionOf: d.editionOf };
}
