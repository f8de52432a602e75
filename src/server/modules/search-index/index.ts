/** The search index's public surface: owning modules call these in their write transactions (see search for queries). */
export { indexDocuments, indexFindings, indexRelayRecords, indexReports, indexWrittenReport, indexTasks, rebuildSearchIndex, type RebuildResult } from './search-index.service.ts';
export type { SearchType } from './search-index.repository.ts';
