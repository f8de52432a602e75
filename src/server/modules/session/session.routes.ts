/** HTTP for sign-in/out, the caller's profile, password and API tokens. */
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { permissionsFor } from '../../../core/permissions.ts';
import { MAX_FILES_PER_REQUEST } from '../../platform/http/limits.ts';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/types.ts';
import { errorResponses, ErrorBody, IdParams, Nullable } from '../../platform/http/schemas.ts';
import { presentUser, UserResponse } from '../users/index.ts';
import type { User } from '../users/index.ts';
import type { UserActor } from '../../platform/auth/actor.ts';
import {
  changeOwnPassword, createApiToken, getMe, listApiTokens, LOCALES, revokeApiToken, SESSION_COOKIE, signIn, signOut,
  updateProfile, type ApiToken,
} from './session.service.ts';

const MeResponse = Type.Object({
  user: UserResponse,
  permissions: Type.Array(Type.String()),
  csrfToken: Nullable(Type.String()),
  /** Server limits the UI checks before sending (uploads are refused above them anyway). */
  limits: Type.Object({ uploadBytes: Type.Integer(), bodyBytes: Type.Integer(), filesPerRequest: Type.Integer() }),
});

const TokenResponse = Type.Object({
  id: Type.String(),
  name: Type.String(),
  prefix: Type.String(),
  createdAt: Type.String(),
  lastUsedAt: Nullable(Type.String()),
  expiresAt: Nullable(Type.String()),
  revokedAt: Nullable(Type.String()),
});

function presentToken(t: ApiToken) {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    expiresAt: t.expiresAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  };
}

function presentMe(user: User, permissions: Iterable<string>, csrfToken: string | null, limits: { uploadBytes: number; bodyBytes: number; filesPerRequest: number }) {
  return { user: presentUser(user), permissions: [...permissions].sort(), csrfToken, limits };
}

const Locale = Type.Union(LOCALES.map((l) => Type.Literal(l)));

export async function sessionRoutes(app: App, ctx: AppContext): Promise<void> {
  const cookieOptions = {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: ctx.config.secureCookies,
    path: '/',
  };
  const clearCookie = (reply: FastifyReply) => reply.clearCookie(SESSION_COOKIE, cookieOptions);
  const limits = { uploadBytes: ctx.config.uploadLimitBytes, bodyBytes: ctx.config.bodyLimitBytes, filesPerRequest: MAX_FILES_PER_REQUEST };

  app.post('/api/v1/session', {
    config: { public: true },
    schema: {
      tags: ['session'],
      summary: 'Sign in with username and password; sets the session cookie',
      security: [],
      body: Type.Object({
        username: Type.String({ minLength: 1, maxLength: 64 }),
        password: Type.String({ minLength: 1, maxLength: 256 }),
      }, { additionalProperties: false }),
      response: { 200: MeResponse, 400: ErrorBody, 401: ErrorBody, 429: ErrorBody },
    },
  }, async (req, reply) => {
    const result = await signIn(ctx, {
      username: req.body.username,
      password: req.body.password,
      address: req.ip,
      userAgent: req.headers['user-agent'] ?? null,
      previousToken: req.cookies[SESSION_COOKIE] ?? null,
    });
    void reply.setCookie(SESSION_COOKIE, result.token, { ...cookieOptions, expires: result.expiresAt });
    return presentMe(result.user, permissionsFor(result.user.roles), result.csrfToken, limits);
  });

  app.delete('/api/v1/session', {
    schema: { tags: ['session'], summary: 'Sign out (ends this session)', response: { 204: Type.Null(), ...errorResponses } },
  }, async (req, reply) => {
    if (req.sessionId) await signOut(ctx, req.actor as UserActor, req.sessionId);
    clearCookie(reply);
    return reply.status(204).send(null);
  });

  app.get('/api/v1/me', {
    schema: { tags: ['session'], summary: 'The signed-in user, their permissions and the CSRF token for writes', response: { 200: MeResponse, ...errorResponses } },
  }, async (req) => presentMe(await getMe(ctx, req.actor!), req.actor!.permissions, req.csrfToken, limits));

  app.patch('/api/v1/me', {
    schema: {
      tags: ['session'],
      summary: 'Change your display name, e-mail or UI language',
      body: Type.Object({
        version: Type.Optional(Type.Integer({ minimum: 1 })),
        displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
        email: Type.Optional(Nullable(Type.String({ maxLength: 254 }))),
        locale: Type.Optional(Nullable(Locale)),
      }, { additionalProperties: false }),
      response: { 200: MeResponse, ...errorResponses },
    },
  }, async (req) => presentMe(await updateProfile(ctx, req.actor!, req.body), req.actor!.permissions, req.csrfToken, limits));

  app.post('/api/v1/me/password', {
    schema: {
      tags: ['session'],
      summary: 'Change your password (other sessions end)',
      body: Type.Object({
        currentPassword: Type.String({ minLength: 1, maxLength: 256 }),
        newPassword: Type.String({ minLength: 1, maxLength: 256 }),
      }, { additionalProperties: false }),
      response: { 204: Type.Null(), ...errorResponses },
    },
  }, async (req, reply) => {
    await changeOwnPassword(ctx, req.actor!, { ...req.body, keepSessionId: req.sessionId });
    return reply.status(204).send(null);
  });

  app.get('/api/v1/me/tokens', {
    schema: { tags: ['session'], summary: 'Your API tokens (never the secrets)', response: { 200: Type.Object({ items: Type.Array(TokenResponse) }), ...errorResponses } },
  }, async (req) => ({ items: (await listApiTokens(ctx, req.actor!)).map(presentToken) }));

  app.post('/api/v1/me/tokens', {
    schema: {
      tags: ['session'],
      summary: 'Create an API token for scripts; the secret is shown once',
      body: Type.Object({
        name: Type.String({ minLength: 1, maxLength: 100 }),
        expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
      }, { additionalProperties: false }),
      response: { 201: Type.Object({ token: Type.String(), record: TokenResponse }), ...errorResponses },
    },
  }, async (req, reply) => {
    const { token, record } = await createApiToken(ctx, req.actor!, req.body);
    return reply.status(201).send({ token, record: presentToken(record) });
  });

  app.delete('/api/v1/me/tokens/:id', {
    schema: { tags: ['session'], summary: 'Revoke one of your API tokens', params: IdParams, response: { 204: Type.Null(), ...errorResponses } },
  }, async (req, reply) => {
    await revokeApiToken(ctx, req.actor!, req.params.id);
    return reply.status(204).send(null);
  });
}
