/** HTTP for the 工作台 inbox and the role home. */
import { homeEndpoints } from '../../../contract/home.ts';
import { inboxEndpoints as ep } from '../../../contract/inbox.ts';
import type { AppContext } from '../../platform/context.ts';
import { routeSchema } from '../../platform/http/endpoint.ts';
import type { App } from '../../platform/http/types.ts';
import { getHome } from './home.service.ts';
import { presentInbox } from './inbox.presenter.ts';
import { getInbox, getInboxList, INBOX_LIMIT } from './inbox.service.ts';

export async function inboxRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get(ep.get.path, {
    config: { permission: 'task.read' },
    schema: routeSchema(ep.get, {
      tags: ['inbox'],
      summary: `What waits for the caller: to sign, to report, returned, overdue, to review, recent instructions (each at most ${INBOX_LIMIT}, with full counts)`,
    }),
  }, async (req) => presentInbox(await getInbox(ctx, req.actor!)));

  app.get(homeEndpoints.get.path, {
    config: { permission: 'task.read' },
    schema: routeSchema(homeEndpoints.get, {
      tags: ['inbox'],
      summary: 'The role home: health of the caller’s tasks, red and yellow tasks with reasons, units most overdue and not signed, 批示 and what came of them, overdue tasks not yet chased',
    }),
  }, async (req) => getHome(ctx, req.actor!));

  app.get(ep.list.path, {
    config: { permission: 'task.read' },
    schema: routeSchema(ep.list, { tags: ['inbox'], summary: 'The next page of one inbox list: pass the `next` cursor of the page before as `after`' }),
  }, async (req) => getInboxList(ctx, req.actor!, req.params.list, req.query));
}
