/** The drafts module's public surface. */
export { draftRoutes } from './drafts.routes.ts';
export { createDraft, discardDraft, editDraft, getDraft, listDrafts, publishDraft, registerDraftRepairs, visibleDraftsWhere, type Draft, type DraftView } from './drafts.service.ts';
export { draftIdsWhere } from './draft-scopes.repository.ts';
