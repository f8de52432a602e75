/** HTTP for user administration and the user directory. */
import { Type } from 'typebox';
import { ROLES } from '../../../core/permissions.ts';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/types.ts';
import { errorResponses, IdParams, Nullable } from '../../platform/http/schemas.ts';
import { presentUser, UserResponse } from './users.presenter.ts';
import { createUser, listUsers, resetPassword, updateUser } from './users.service.ts';

const Role = Type.Union(ROLES.map((r) => Type.Literal(r)));
const Password = Type.String({ minLength: 1, maxLength: 256 });

export async function userRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/v1/users', {
    config: { permission: 'user.read' },
    schema: {
      tags: ['users'],
      summary: 'List users (directory)',
      querystring: Type.Object({
        unitId: Type.Optional(Type.String()),
        role: Type.Optional(Role),
        active: Type.Optional(Type.Boolean()),
        q: Type.Optional(Type.String({ maxLength: 100 })),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(UserResponse) }), ...errorResponses },
    },
  }, async (req) => ({ items: (await listUsers(ctx, req.actor!, req.query)).map(presentUser) }));

  app.post('/api/v1/users', {
    config: { permission: 'user.manage' },
    schema: {
      tags: ['users'],
      summary: 'Create a user; without a password one is generated and returned once',
      body: Type.Object({
        username: Type.String({ minLength: 1, maxLength: 64 }),
        displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
        email: Type.Optional(Nullable(Type.String({ maxLength: 254 }))),
        unitId: Type.String({ minLength: 1 }),
        roles: Type.Array(Role, { minItems: 1 }),
        password: Type.Optional(Password),
      }, { additionalProperties: false }),
      response: { 201: Type.Object({ user: UserResponse, generatedPassword: Nullable(Type.String()) }), ...errorResponses },
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
      body: Type.Object({
        version: Type.Integer({ minimum: 1 }),
        displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
        email: Type.Optional(Nullable(Type.String({ maxLength: 254 }))),
        unitId: Type.Optional(Type.String({ minLength: 1 })),
        roles: Type.Optional(Type.Array(Role, { minItems: 1 })),
        active: Type.Optional(Type.Boolean()),
      }, { additionalProperties: false }),
      response: { 200: UserResponse, ...errorResponses },
    },
  }, async (req) => presentUser(await updateUser(ctx, req.actor!, req.params.id, req.body)));

  app.post('/api/v1/users/:id/password', {
    config: { permission: 'user.manage' },
    schema: {
      tags: ['users'],
      summary: "Reset a user's password (ends their sessions); without a password one is generated",
      params: IdParams,
      body: Type.Object({ password: Type.Optional(Password) }, { additionalProperties: false }),
      response: { 200: Type.Object({ generatedPassword: Nullable(Type.String()) }), ...errorResponses },
    },
  }, async (req) => resetPassword(ctx, req.actor!, req.params.id, req.body.password));
}
