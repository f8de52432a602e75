/** HTTP for the 工作台 inbox. */
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/types.ts';
import { errorResponses } from '../../platform/http/schemas.ts';
import { InboxResponse, presentInbox } from './inbox.presenter.ts';
import { getInbox, INBOX_LIMIT } from './inbox.service.ts';

export async function inboxRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/v1/inbox', {
    config: { permission: 'task.read' },
    schema: {
      tags: ['inbox'],
      summary: `What waits for the caller: to sign, to report, returned, overdue, to review, recent instructions (each at most ${INBOX_LIMIT}, with full counts)`,
      response: { 200: InboxResponse, ...errorResponses },
    },
  }, async (req) => presentInbox(await getInbox(ctx, req.actor!)));
}
