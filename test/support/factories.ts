/**
 * Factories: each test builds the organisation it needs; missing parents are created on the way. They go through
 * the services (so rows are valid and audited), except that password hashing is shared to keep tests fast.
 */
import type { Role } from '../../src/core/permissions.ts';
import { systemActor } from '../../src/server/platform/auth/actor.ts';
import type { AppContext } from '../../src/server/platform/context.ts';
import type { App } from '../../src/server/platform/http/types.ts';
import { createUnit, type Unit } from '../../src/server/modules/units/index.ts';
import { createUser, type User } from '../../src/server/modules/users/index.ts';

export const PASSWORD = 'correct horse battery';

let counter = 0;
const next = (prefix: string) => `${prefix}${process.pid}x${++counter}`;

export async function buildUnit(ctx: AppContext, input: { name?: string; parentId?: string | null } = {}): Promise<Unit> {
  return createUnit(ctx, systemActor('test'), { name: input.name ?? next('单位'), parentId: input.parentId ?? null });
}

export async function buildUser(
  ctx: AppContext,
  input: { roles?: Role[]; unitId?: string; username?: string; displayName?: string; password?: string; email?: string } = {},
): Promise<User> {
  const unitId = input.unitId ?? (await buildUnit(ctx)).id;
  const { user } = await createUser(ctx, systemActor('test'), {
    username: input.username ?? next('user'),
    displayName: input.displayName,
    unitId,
    roles: input.roles ?? ['viewer'],
    password: input.password ?? PASSWORD,
    email: input.email ?? null,
  });
  return user;
}

export interface SignedIn {
  user: User;
  /** Headers to send with every request: the cookie, plus the CSRF token for writes. */
  headers: { cookie: string; 'x-csrf-token': string };
  csrfToken: string;
  cookie: string;
}

/** Signs a user in through the real route and returns the headers for later requests. */
export async function signIn(app: App, user: User, password = PASSWORD): Promise<SignedIn> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: user.username, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const setCookie = res.cookies.find((c) => c.name === 'luoshi_session');
  if (!setCookie) throw new Error('no session cookie');
  const body = JSON.parse(res.body) as { csrfToken: string };
  const cookie = `luoshi_session=${setCookie.value}`;
  return { user, cookie, csrfToken: body.csrfToken, headers: { cookie, 'x-csrf-token': body.csrfToken } };
}

/** Creates a user with the given roles and signs them in. */
export async function signedInUser(app: App, ctx: AppContext, roles: Role[], extra: { unitId?: string } = {}): Promise<SignedIn> {
  const user = await buildUser(ctx, { roles, ...extra });
  return signIn(app, user);
}
