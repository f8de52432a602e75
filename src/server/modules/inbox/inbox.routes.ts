/** HTTP for the 工作台 inbox. */
import { InboxListParams, InboxListQuery } from '../../../contract/inbox.ts';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/types.ts';
import { errorResponses } from '../../platform/http/schemas.ts';
import { InboxListResponse, InboxResponse, presentInbox } from './inbox.presenter.ts';
import { getInbox, getInboxList, INBOX_LIMIT } from './inbox.service.ts';
import { HomeResponse } from '../../../contract/home.ts';
import { getHome } from './home.service.ts';

export async function inboxRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/v1/inbox', {
    config: { permission: 'task.read' },
    schema: {
      tags: ['inbox'],
      summary: `What waits for the caller: to sign, to report, returned, overdue, to review, recent instructions (each at most ${INBOX_LIMIT}, with full counts)`,
      response: { 200: InboxResponse, ...errorResponses },
    },
  }, async (req) => presentInbox(await getInbox(ctx, req.actor!)));

  app.get('/api/v1/home', {
    config: { permission: 'task.read' },
    schema: {
      tags: ['inbox'],
      summary: 'The role home: health of the caller’s tasks, red and yellow tasks with reasons, units most overdue and not signed, 批示 and what came of them, overdue tasks not yet chased',
      response: { 200: HomeResponse, ...errorResponses },
    },
  }, async (req) => getHome(ctx, req.actor!));

  app.get('/api/v1/inbox/:list', {
    config: { permission: 'task.read' },
    schema: {
      tags: ['inbox'],
      summary: 'The next page of one inbox list: pass the `next` cursor of the page before as `after`',
      params: InboxListParams,
      querystring: InboxListQuery,
      response: { 200: InboxListResponse, ...errorResponses },
    },
  }, async (req) => getInboxList(ctx, req.actor!, req.params.list, req.query));
}
