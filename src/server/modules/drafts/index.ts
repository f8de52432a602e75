/** The drafts module's public surface. */
export { draftRoutes } from './drafts.routes.ts';
export { createDraft, discardDraft, editDraft, getDraft, listDrafts, publishDraft, visibleDraftsWhere, type Draft, type DraftView } from './drafts.service.ts';
