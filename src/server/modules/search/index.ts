/** The search module's public surface. */
export { searchRoutes } from './search.routes.ts';
export { search, searchScopeOf, type SearchHit, type SearchInput } from './search.service.ts';
