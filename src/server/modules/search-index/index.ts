/**
 * The search index's public surface: owning modules hand it their rows in their write transactions (and read their
 * own rows for the rebuild in the `*Source` shapes); search runs the query with the owners' scopes.
 */
export { indexDocumentSources, indexFindingSources, indexRelayRecordSources, indexTaskSources, indexWrittenReport, rebuildSearchIndexFrom, type RebuildResult, type SearchSources } from './search-index.service.ts';
export type { DocumentSource, FindingSource, RelayRecordSource, ReportSource, SearchType, SourceSelection, TaskSource } from './search-index.repository.ts';
export { COUNT_CAP, searchEntries, type IdQuery, type SearchFilter, type SearchRow, type SearchScope } from './search-query.repository.ts';
