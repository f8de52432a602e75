/** HTTP for user administration and the user directory. */
import { usersEndpoints as ep } from '../../../contract/users.ts';
import type { AppContext } from '../../platform/context.ts';
import { routeSchema } from '../../platform/http/endpoint.ts';
import type { App } from '../../platform/http/types.ts';
import { presentUser } from './users.presenter.ts';
import { createUser, listUsers, resetPassword, updateUser } from './users.service.ts';

export async function userRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get(ep.list.path, {
    config: { permission: 'user.read' },
    schema: routeSchema(ep.list, { tags: ['users'], summary: 'List users (directory)' }),
  }, async (req) => ({ items: (await listUsers(ctx, req.actor!, req.query)).map(presentUser) }));

  app.post(ep.create.path, {
    config: { permission: 'user.manage' },
    schema: routeSchema(ep.create, { tags: ['users'], summary: 'Create a user; without a password one is generated and returned once' }),
  }, async (req, reply) => {
    const { user, generatedPassword } = await createUser(ctx, req.actor!, req.body);
    return reply.status(201).send({ user: presentUser(user), generatedPassword });
  });

  app.patch(ep.update.path, {
    config: { permission: 'user.manage' },
    schema: routeSchema(ep.update, { tags: ['users'], summary: 'Change a user (details, unit, roles, active)' }),
  }, async (req) => presentUser(await updateUser(ctx, req.actor!, req.params.id, req.body)));

  app.post(ep.resetPassword.path, {
    config: { permission: 'user.manage' },
    schema: routeSchema(ep.resetPassword, { tags: ['users'], summary: "Reset a user's password (ends their sessions); without a password one is generated" }),
  }, async (req) => resetPassword(ctx, req.actor!, req.params.id, req.body.password));
}
