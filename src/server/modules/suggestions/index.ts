/** The suggestions module's public surface. */
export { suggestionRoutes } from './suggestions.routes.ts';
export { unitSuggester, type Suggestion } from './suggestions.service.ts';
export { presentSuggestion } from './suggestions.presenter.ts';
