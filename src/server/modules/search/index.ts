/** The search module's public surface. */
export { searchRoutes } from './search.routes.ts';
export { search, type SearchHit, type SearchInput } from './search.service.ts';
export { searchScopeOf } from './search.scope.ts';
export { rebuildSearchIndex } from './search-reindex.ts';
