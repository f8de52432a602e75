/** Sign-in, sessions, the caller's own profile and API tokens. */
import type { Locale } from '../../../core/locales.ts';
import { permissionsFor } from '../../../core/permissions.ts';
import type { Actor, UserActor } from '../../platform/auth/actor.ts';
import { checkPasswordPolicy, hashPassword, verifyDummy, verifyPassword } from '../../platform/auth/passwords.ts';
import { randomSecret, sha256Hex } from '../../platform/auth/secrets.ts';
import { appendAudit } from '../../platform/audit/audit-log.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, badRequest, forbidden, notFound, tooManyRequests, versionConflict } from '../../platform/errors.ts';
import { currentVersion } from '../../platform/db/sql-helpers.ts';
import { newId } from '../../platform/ids.ts';
import { findPasswordHash, findUserWithSecret, getUser, recordSignIn, updateUserRow, type User } from '../users/index.ts';
import * as repo from './session.repository.ts';

export const SESSION_COOKIE = 'luoshi_session';

const TOKEN_PREFIX = 'lsk_';
const TOUCH_EVERY_MS = 60_000;

/** The same answer for an unknown user and a wrong password, so sign-in does not reveal who has an account. */
const invalidCredentials = () => new AppError('invalid_credentials', 'Wrong username or password', 401);

function actorOf(user: User, via: UserActor['via']): UserActor {
  return {
    kind: 'user',
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    unitId: user.unitId,
    roles: user.roles,
    permissions: permissionsFor(user.roles),
    via,
  };
}

export interface SignInInput {
  username: string;
  password: string;
  address: string;
  userAgent: string | null;
  /** The cookie the browser already had, if any: it is discarded so a fixed session id cannot be reused. */
  previousToken?: string | null;
}

export interface SignInResult {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  user: User;
}

/**
 * Three buckets of failed sign-ins in the window: the (address, username) pair, which stops guessing one account from
 * one place without locking out the colleagues behind the same proxy; the address, a ceiling for spraying many
 * usernames; and the username from every address, which slows a guess spread over many addresses.
 */
async function throttle(ctx: AppContext, username: string, address: string, now: Date): Promise<void> {
  const { signInWindowMinutes, signInMaxFailuresPerUser, signInMaxFailuresPerAddress, signInMaxFailuresPerAccount } = ctx.config;
  const windowMs = signInWindowMinutes * 60_000;
  const since = new Date(now.getTime() - windowMs).toISOString();
  const checks: Array<[repo.FailureBucket, number]> = [
    [{ username, address }, signInMaxFailuresPerUser],
    [{ address }, signInMaxFailuresPerAddress],
    [{ username }, signInMaxFailuresPerAccount],
  ];
  for (const [bucket, max] of checks) {
    if ((await repo.countFailures(ctx.db, bucket, since)) >= max) {
      const oldest = await repo.oldestFailureSince(ctx.db, bucket, since);
      const retryAt = (oldest ? new Date(oldest).getTime() : now.getTime()) + windowMs;
      const retryAfter = Math.max(1, Math.ceil((retryAt - now.getTime()) / 1000));
      throw tooManyRequests(`Too many failed sign-ins; try again in ${Math.ceil(retryAfter / 60)} minutes`, retryAfter);
    }
  }
}

/** Verifies the password and opens a fresh session (rotated: a new id every sign-in). */
export async function signIn(ctx: AppContext, input: SignInInput): Promise<SignInResult> {
  const username = input.username.trim().toLowerCase();
  const now = ctx.clock.now();
  await throttle(ctx, username, input.address, now);
  const user = await findUserWithSecret(ctx.db, username);
  const ok = user ? await verifyPassword(user.passwordHash, input.password) : (await verifyDummy(input.password), false);
  if (!user || !ok || !user.active) {
    await repo.recordFailure(ctx.db, { id: newId(), username, address: input.address, at: now.toISOString() });
    throw invalidCredentials();
  }
  const token = randomSecret(32);
  const csrfToken = randomSecret(24);
  const expiresAt = new Date(now.getTime() + ctx.config.sessionMaxHours * 3_600_000);
  const idle = new Date(Math.min(expiresAt.getTime(), now.getTime() + ctx.config.sessionIdleHours * 3_600_000));
  await ctx.db.transaction().execute(async (trx) => {
    if (input.previousToken) await repo.deleteSession(trx, sha256Hex(input.previousToken));
    await repo.deleteExpiredSessions(trx, now.toISOString());
    await repo.clearFailures(trx, username);
    await repo.pruneFailures(trx, new Date(now.getTime() - 24 * 3_600_000).toISOString());
    await repo.insertSession(trx, {
      id: sha256Hex(token),
      user_id: user.id,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      idle_expires_at: idle.toISOString(),
      expires_at: expiresAt.toISOString(),
      address: input.address,
      user_agent: input.userAgent?.slice(0, 300) ?? null,
    });
    await recordSignIn(trx, user.id, now);
    const actor = actorOf(user, 'session');
    await appendAudit(trx, actor, { action: 'user.signed_in', objectType: 'user', objectId: user.id, context: { address: input.address } }, now);
  });
  const { passwordHash: _secret, ...plain } = user;
  return { token, csrfToken, expiresAt, user: { ...plain, lastSignInAt: now } };
}

export interface SessionAuth {
  actor: UserActor;
  sessionId: string;
  csrfToken: string;
}

/** Resolves a session cookie to its user, sliding the idle expiry; null when absent, expired or the user is inactive. */
export async function authenticateSession(ctx: AppContext, token: string): Promise<SessionAuth | null> {
  const now = ctx.clock.now();
  const id = sha256Hex(token);
  const found = await repo.findSessionWithUser(ctx.db, id);
  if (!found) return null;
  const { session, user } = found;
  const nowIso = now.toISOString();
  if (session.expires_at <= nowIso || session.idle_expires_at <= nowIso) {
    await repo.deleteSession(ctx.db, id);
    return null;
  }
  if (!user.active) return null;
  if (now.getTime() - new Date(session.last_seen_at).getTime() > TOUCH_EVERY_MS) {
    const idle = Math.min(new Date(session.expires_at).getTime(), now.getTime() + ctx.config.sessionIdleHours * 3_600_000);
    await repo.touchSession(ctx.db, id, nowIso, new Date(idle).toISOString());
  }
  return { actor: actorOf(user, 'session'), sessionId: id, csrfToken: session.csrf_token };
}

/** Resolves `Authorization: Bearer lsk_…` to its owner; revoked, expired or malformed tokens give null. */
export async function authenticateToken(ctx: AppContext, token: string): Promise<UserActor | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const row = await repo.findTokenByHash(ctx.db, sha256Hex(token));
  const now = ctx.clock.now();
  if (!row || row.revoked_at || (row.expires_at && row.expires_at <= now.toISOString())) return null;
  const user = await getUser(ctx.db, row.user_id).catch(() => null);
  if (!user || !user.active) return null;
  if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() > TOUCH_EVERY_MS) {
    await repo.touchToken(ctx.db, row.id, now.toISOString());
  }
  return actorOf(user, 'token');
}

export async function signOut(ctx: AppContext, actor: UserActor, sessionId: string): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.deleteSession(trx, sessionId);
    await appendAudit(trx, actor, { action: 'user.signed_out', objectType: 'user', objectId: actor.id }, now);
  });
}

function requireUser(actor: Actor): UserActor {
  if (actor.kind !== 'user') throw forbidden('Only a signed-in user can do this');
  return actor;
}

export async function getMe(ctx: AppContext, actor: Actor): Promise<User> {
  return getUser(ctx.db, requireUser(actor).id);
}

export interface ProfileInput {
  /** The version of the user record the caller saw; optional, since a language switch need not reload first. */
  version?: number;
  displayName?: string;
  email?: string | null;
  locale?: Locale | null;
}

/** The caller changes their own display name, e-mail or UI locale. */
export async function updateProfile(ctx: AppContext, actor: Actor, input: ProfileInput): Promise<User> {
  const me = requireUser(actor);
  const now = ctx.clock.now();
  const patch: Parameters<typeof updateUserRow>[2] = {};
  if (input.displayName !== undefined) {
    const n = input.displayName.normalize('NFC').trim();
    if (!n || n.length > 100) throw badRequest('invalid_display_name', 'Display name must have 1–100 characters');
    patch.displayName = n;
  }
  if (input.email !== undefined) {
    const e = input.email?.trim() || null;
    if (e && !/^[^\s@]+@[^\s@]+$/.test(e)) throw badRequest('invalid_email', 'E-mail address is not valid');
    patch.email = e;
  }
  if (input.locale !== undefined) patch.locale = input.locale;
  return ctx.db.transaction().execute(async (trx) => {
    const before = await getUser(trx, me.id);
    if (!(await updateUserRow(trx, me.id, patch, now, input.version))) throw versionConflict('user', await currentVersion(trx, 'users', me.id));
    const after = await getUser(trx, me.id);
    await appendAudit(trx, actor, { action: 'user.profile_updated', objectType: 'user', objectId: me.id, before, after }, now);
    return after;
  });
}

/** Changes the caller's password after checking the current one; every other session of theirs ends. */
export async function changeOwnPassword(
  ctx: AppContext,
  actor: Actor,
  input: { currentPassword: string; newPassword: string; keepSessionId: string | null },
): Promise<void> {
  const me = requireUser(actor);
  const stored = await findPasswordHash(ctx.db, me.id);
  if (!stored || !(await verifyPassword(stored, input.currentPassword))) {
    throw new AppError('invalid_credentials', 'The current password is wrong', 401);
  }
  checkPasswordPolicy(input.newPassword);
  const passwordHash = await hashPassword(input.newPassword);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await updateUserRow(trx, me.id, { passwordHash }, now);
    await repo.deleteOtherSessions(trx, me.id, input.keepSessionId);
    await appendAudit(trx, actor, { action: 'user.password_changed', objectType: 'user', objectId: me.id }, now);
  });
}

export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

function toToken(row: repo.ApiTokenRow): ApiToken {
  const d = (v: string | null) => (v ? new Date(v) : null);
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: new Date(row.created_at),
    lastUsedAt: d(row.last_used_at),
    expiresAt: d(row.expires_at),
    revokedAt: d(row.revoked_at),
  };
}

/** Creates a token for the caller; the secret is returned this once and only its hash is kept. */
export async function createApiToken(
  ctx: AppContext,
  actor: Actor,
  input: { name: string; expiresInDays?: number },
): Promise<{ token: string; record: ApiToken }> {
  const me = requireUser(actor);
  const name = input.name.trim();
  if (!name || name.length > 100) throw badRequest('invalid_name', 'Token name must have 1–100 characters');
  const now = ctx.clock.now();
  const secret = `${TOKEN_PREFIX}${randomSecret(32)}`;
  const row: repo.ApiTokenRow = {
    id: newId(now.getTime()),
    user_id: me.id,
    name,
    token_hash: sha256Hex(secret),
    prefix: secret.slice(0, TOKEN_PREFIX.length + 6),
    created_at: now.toISOString(),
    last_used_at: null,
    expires_at: input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000).toISOString() : null,
    revoked_at: null,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertToken(trx, row);
    await appendAudit(trx, actor, { action: 'api_token.created', objectType: 'api_token', objectId: row.id, after: { name, prefix: row.prefix, expiresAt: row.expires_at } }, now);
  });
  return { token: secret, record: toToken(row) };
}

export async function listApiTokens(ctx: AppContext, actor: Actor): Promise<ApiToken[]> {
  return (await repo.listTokens(ctx.db, requireUser(actor).id)).map(toToken);
}

/** Revokes one of the caller's tokens; someone else's token answers 404. */
export async function revokeApiToken(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  const me = requireUser(actor);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.findToken(trx, id);
    if (!row || row.user_id !== me.id) throw notFound('api_token');
    await repo.revokeToken(trx, id, now.toISOString());
    await appendAudit(trx, actor, { action: 'api_token.revoked', objectType: 'api_token', objectId: id }, now);
  });
}
