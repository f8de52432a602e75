/** Use cases for user accounts: create, update (unit, roles, deactivate), reset password, directory. */
import { isRole, type Role } from '../../../core/permissions.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { checkPasswordPolicy, hashPassword } from '../../platform/auth/passwords.ts';
import { randomSecret } from '../../platform/auth/secrets.ts';
import { appendAudit } from '../../platform/audit/audit-log.ts';
import type { AppContext } from '../../platform/context.ts';
import { isUniqueViolation } from '../../platform/db/database.ts';
import type { DB } from '../../platform/db/schema.ts';
import { badRequest, conflict, forbidden, notFound, versionConflict } from '../../platform/errors.ts';
import { currentVersion } from '../../platform/db/sql-helpers.ts';
import { newId } from '../../platform/ids.ts';
import type { Kysely } from 'kysely';
import { findUnitById, releaseHeadships } from '../units/index.ts';
import { sessionEnderOf } from './session-port.ts';
import * as repo from './users.repository.ts';
import type { User } from './users.repository.ts';
import { canManageUsers, canReadUsers, losesAdmin, mayRemoveAdmin } from './users.policy.ts';

export type { User, UserFilter } from './users.repository.ts';

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;

function cleanUsername(username: string): string {
  const u = username.trim().toLowerCase();
  if (!USERNAME.test(u)) {
    throw badRequest('invalid_username', 'Username must be 2–64 characters: letters, digits, dot, dash or underscore');
  }
  return u;
}

function cleanDisplayName(name: string): string {
  const n = name.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (!n || n.length > 100) throw badRequest('invalid_display_name', 'Display name must have 1–100 characters');
  return n;
}

function cleanRoles(roles: readonly string[]): Role[] {
  if (roles.length === 0) throw badRequest('invalid_roles', 'A user needs at least one role');
  const bad = roles.filter((r) => !isRole(r));
  if (bad.length) throw badRequest('invalid_roles', `Unknown role: ${bad.join(', ')}`);
  return [...new Set(roles as Role[])].sort();
}

function cleanEmail(email: string | null | undefined): string | null {
  if (email === undefined || email === null || email.trim() === '') return null;
  const e = email.trim();
  if (!/^[^\s@]+@[^\s@]+$/.test(e) || e.length > 254) throw badRequest('invalid_email', 'E-mail address is not valid');
  return e;
}

async function requireActiveUnit(db: Kysely<DB>, unitId: string): Promise<void> {
  const unit = await findUnitById(db, unitId);
  if (!unit) throw badRequest('unit_not_found', 'The unit does not exist');
  if (!unit.active) throw conflict('unit_inactive', 'The unit is deactivated');
}

/** Gets a user or throws `user_not_found`. */
export async function getUser(db: Kysely<DB>, id: string): Promise<User> {
  const user = await repo.findUserById(db, id);
  if (!user) throw notFound('user');
  return user;
}

export async function findUserByUsername(ctx: AppContext, username: string): Promise<User | null> {
  const u = await repo.findUserWithSecret(ctx.db, username);
  if (!u) return null;
  const { passwordHash: _omit, ...user } = u;
  return user;
}

/** The user directory; anyone with `user.read` sees it (for pickers), managers see the same rows with more fields. */
export async function listUsers(ctx: AppContext, actor: Actor, filter: repo.UserFilter): Promise<User[]> {
  if (!canReadUsers(actor)) throw forbidden('Missing permission user.read');
  return repo.listUsers(ctx.db, filter);
}

export interface CreateUserInput {
  username: string;
  displayName?: string;
  email?: string | null;
  unitId: string;
  roles: string[];
  /** When absent a random password is generated and returned once. */
  password?: string;
}

export async function createUser(
  ctx: AppContext,
  actor: Actor,
  input: CreateUserInput,
): Promise<{ user: User; generatedPassword: string | null }> {
  if (!canManageUsers(actor)) throw forbidden('Missing permission user.manage');
  const username = cleanUsername(input.username);
  const displayName = cleanDisplayName(input.displayName ?? username);
  const roles = cleanRoles(input.roles);
  const email = cleanEmail(input.email);
  const generatedPassword = input.password === undefined ? randomSecret(12) : null;
  const password = input.password ?? (generatedPassword as string);
  checkPasswordPolicy(password);
  const passwordHash = await hashPassword(password);
  const now = ctx.clock.now();
  const id = newId(now.getTime());
  try {
    const user = await ctx.db.transaction().execute(async (trx) => {
      await requireActiveUnit(trx, input.unitId);
      await repo.insertUser(trx, { id, username, displayName, email, unitId: input.unitId, passwordHash, roles, now });
      const created = await getUser(trx, id);
      await appendAudit(trx, actor, { action: 'user.created', objectType: 'user', objectId: id, after: created }, now);
      return created;
    });
    return { user, generatedPassword };
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('username_taken', `The username ${username} is taken`);
    throw err;
  }
}

export interface UpdateUserInput {
  version: number;
  displayName?: string;
  email?: string | null;
  unitId?: string;
  roles?: string[];
  active?: boolean;
}

/** Changes a user's details, unit, roles or active flag; deactivation ends their sessions at once. */
export async function updateUser(ctx: AppContext, actor: Actor, id: string, input: UpdateUserInput): Promise<User> {
  if (!canManageUsers(actor)) throw forbidden('Missing permission user.manage');
  const now = ctx.clock.now();
  const patch: repo.UserPatch = {};
  if (input.displayName !== undefined) patch.displayName = cleanDisplayName(input.displayName);
  if (input.email !== undefined) patch.email = cleanEmail(input.email);
  if (input.active !== undefined) patch.active = input.active;
  const roles = input.roles !== undefined ? cleanRoles(input.roles) : undefined;
  return ctx.db.transaction().execute(async (trx) => {
    const before = await getUser(trx, id);
    if (input.unitId !== undefined && input.unitId !== before.unitId) {
      await requireActiveUnit(trx, input.unitId);
      patch.unitId = input.unitId;
    }
    if (losesAdmin(before, { roles, active: input.active }) && !mayRemoveAdmin(await repo.countActiveAdmins(trx))) {
      throw conflict('last_admin', 'At least one active administrator must remain');
    }
    if (!(await repo.updateUserRow(trx, id, patch, now, input.version))) {
      throw versionConflict('user', await currentVersion(trx, 'users', id));
    }
    if (roles) await repo.replaceRoles(trx, id, roles);
    // A unit's head belongs to the unit: someone who moves away stops heading it.
    if (patch.unitId !== undefined) await releaseHeadships(trx, id, patch.unitId);
    if (input.active === false) await sessionEnderOf(ctx).endSessionsOf(trx, id);
    const after = await getUser(trx, id);
    const action = input.active === false && before.active ? 'user.deactivated'
      : input.active === true && !before.active ? 'user.reactivated'
      : 'user.updated';
    await appendAudit(trx, actor, { action, objectType: 'user', objectId: id, before, after }, now);
    return after;
  });
}

/** An administrator sets a new password for someone; all their sessions end. */
export async function resetPassword(
  ctx: AppContext,
  actor: Actor,
  id: string,
  password?: string,
): Promise<{ generatedPassword: string | null }> {
  if (!canManageUsers(actor)) throw forbidden('Missing permission user.manage');
  const generatedPassword = password === undefined ? randomSecret(12) : null;
  const next = password ?? (generatedPassword as string);
  checkPasswordPolicy(next);
  const passwordHash = await hashPassword(next);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await getUser(trx, id);
    await repo.updateUserRow(trx, id, { passwordHash }, now);
    await sessionEnderOf(ctx).endSessionsOf(trx, id);
    await appendAudit(trx, actor, { action: 'user.password_reset', objectType: 'user', objectId: id }, now);
  });
  return { generatedPassword };
}
