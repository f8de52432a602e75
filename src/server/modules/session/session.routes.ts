/** HTTP for sign-in/out, the caller's profile, password and API tokens. */
import type { FastifyReply } from 'fastify';
import { ErrorBody } from '../../../contract/common.ts';
import { sessionEndpoints as ep, type ApiTokenResponse, type MeResponse } from '../../../contract/session.ts';
import { permissionsFor, type Permission } from '../../../core/permissions.ts';
import { MAX_FILES_PER_REQUEST } from '../../platform/http/limits.ts';
import type { AppContext } from '../../platform/context.ts';
import { routeSchema } from '../../platform/http/endpoint.ts';
import type { App } from '../../platform/http/types.ts';
import { presentUser } from '../users/index.ts';
import type { User } from '../users/index.ts';
import type { UserActor } from '../../platform/auth/actor.ts';
import {
  changeOwnPassword, createApiToken, getMe, listApiTokens, revokeApiToken, SESSION_COOKIE, signIn, signOut, updateProfile, type ApiToken,
} from './session.service.ts';

function presentToken(t: ApiToken): ApiTokenResponse {
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

function presentMe(user: User, permissions: Iterable<Permission>, csrfToken: string | null, limits: MeResponse['limits']): MeResponse {
  return { user: presentUser(user), permissions: [...permissions].sort(), csrfToken, limits };
}

export async function sessionRoutes(app: App, ctx: AppContext): Promise<void> {
  const cookieOptions = {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: ctx.config.secureCookies,
    path: '/',
  };
  const clearCookie = (reply: FastifyReply) => reply.clearCookie(SESSION_COOKIE, cookieOptions);
  const limits = { uploadBytes: ctx.config.uploadLimitBytes, bodyBytes: ctx.config.bodyLimitBytes, filesPerRequest: MAX_FILES_PER_REQUEST };

  app.post(ep.signIn.path, {
    config: { public: true },
    schema: routeSchema(ep.signIn, {
      tags: ['session'],
      summary: 'Sign in with username and password; sets the session cookie',
      security: [],
      otherResponses: { 429: ErrorBody },
    }),
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

  app.delete(ep.signOut.path, {
    schema: routeSchema(ep.signOut, { tags: ['session'], summary: 'Sign out (ends this session)' }),
  }, async (req, reply) => {
    if (req.sessionId) await signOut(ctx, req.actor as UserActor, req.sessionId);
    clearCookie(reply);
    return reply.status(204).send(null);
  });

  app.get(ep.me.path, {
    schema: routeSchema(ep.me, { tags: ['session'], summary: 'The signed-in user, their permissions and the CSRF token for writes' }),
  }, async (req) => presentMe(await getMe(ctx, req.actor!), req.actor!.permissions, req.csrfToken, limits));

  app.patch(ep.updateProfile.path, {
    schema: routeSchema(ep.updateProfile, { tags: ['session'], summary: 'Change your display name, e-mail or UI language' }),
  }, async (req) => presentMe(await updateProfile(ctx, req.actor!, req.body), req.actor!.permissions, req.csrfToken, limits));

  app.post(ep.changePassword.path, {
    schema: routeSchema(ep.changePassword, { tags: ['session'], summary: 'Change your password (other sessions end)' }),
  }, async (req, reply) => {
    await changeOwnPassword(ctx, req.actor!, { ...req.body, keepSessionId: req.sessionId });
    return reply.status(204).send(null);
  });

  app.get(ep.listTokens.path, {
    schema: routeSchema(ep.listTokens, { tags: ['session'], summary: 'Your API tokens (never the secrets)' }),
  }, async (req) => ({ items: (await listApiTokens(ctx, req.actor!)).map(presentToken) }));

  app.post(ep.createToken.path, {
    schema: routeSchema(ep.createToken, { tags: ['session'], summary: 'Create an API token for scripts; the secret is shown once' }),
  }, async (req, reply) => {
    const { token, record } = await createApiToken(ctx, req.actor!, req.body);
    return reply.status(201).send({ token, record: presentToken(record) });
  });

  app.delete(ep.revokeToken.path, {
    schema: routeSchema(ep.revokeToken, { tags: ['session'], summary: 'Revoke one of your API tokens' }),
  }, async (req, reply) => {
    await revokeApiToken(ctx, req.actor!, req.params.id);
    return reply.status(204).send(null);
  });
}
