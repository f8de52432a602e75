/** The inbox module's public surface: other modules import only from here. */
export { inboxRoutes } from './inbox.routes.ts';
export { getInbox, type Inbox } from './inbox.service.ts';
