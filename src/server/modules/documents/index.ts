/** The documents module's public surface. */
export { documentRoutes } from './documents.routes.ts';
export { canImportDocuments, canReadDocuments } from './documents.policy.ts';
export { displayTextOf, findDocumentBySha, getDecomposition, getDocument, importDocument, listDocuments, onRepairsAccepted, type DocumentSummary, type StoredDocument } from './documents.service.ts';
export { documentSearchSources } from './document-search.repository.ts';
export { documentTitleOf, findDocumentSummary } from './documents.repository.ts';
