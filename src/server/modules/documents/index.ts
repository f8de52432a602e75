/** The documents module's public surface. */
export { documentRoutes } from './documents.routes.ts';
export { findDocumentBySha, getDecomposition, getDocument, importDocument, listDocuments, type DocumentSummary, type StoredDocument } from './documents.service.ts';
