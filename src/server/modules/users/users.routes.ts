/** HTTP for user administration and the user directory. */
import { CreateUserBody, CreateUserResponse, ResetPasswordBody, ResetPasswordResponse, UpdateUserBody, UserListQuery, UserListResponse, UserResponse } from '../../../contract/users.ts';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/types.ts';
import { errorResponses, IdParams } from '../../platform/http/schemas.ts';
import { presentUser } from './users.presenter.ts';
import { createUser, listUsers, resetPassword, updateUser } from './users.service.ts';

export async function userRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/v1/users', {
    config: { permission: 'user.read' },
    schema: {
      tags: ['users'],
      summary: 'List users (directory)',
      querystring: UserListQuery,
      response: { 200: UserListResponse, ...errorResponses },
    },
  }, async (req) => ({ items: (await listUsers(ctx, req.actor!, req.query)).map(presentUser) }));

  app.post('/api/v1/users', {
    config: { permission: 'user.manage' },
    schema: {
      tags: ['users'],
      summary: 'Create a user; without a password one is generated and returned once',
      body: CreateUserBody,
      response: { 201: CreateUserResponse, ...errorResponses },
    },
  }, async (req, reply) => {
    const { user, generatedPassword } = await createUser(ctx, req.actor!, req.body);
    return reply.status(201).send({ user: presentUser(user), generatedPassword });
  });

  app.patch('/api/v1/users/:id', {
    config: { permission: 'user.manage' },
    schema: {
      tags: ['users'],
      summary: 'Change a user (details, unit, roles, active)',
      params: IdParams,
      body: UpdateUserBody,
      response: { 200: UserResponse, ...errorResponses },
    },
  }, async (req) => presentUser(await updateUser(ctx, req.actor!, req.params.id, req.body)));

  app.post('/api/v1/users/:id/password', {
    config: { permission: 'user.manage' },
    schema: {
      tags: ['users'],
      summary: "Reset a user's password (ends their sessions); without a password one is generated",
      params: IdParams,
      body: ResetPasswordBody,
      response: { 200: ResetPasswordResponse, ...errorResponses },
    },
  }, async (req) => resetPassword(ctx, req.actor!, req.params.id, req.body.password));
}
