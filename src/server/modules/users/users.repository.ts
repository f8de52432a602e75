/** Users and their roles: parameterised queries and row ↔ domain mapping. */
import type { Expression, ExpressionBuilder, Kysely } from 'kysely';
import { isRole, type Role } from '../../../core/permissions.ts';
import type { DB, UsersTable } from '../../platform/db/schema.ts';
import { containsText } from '../../platform/db/sql-helpers.ts';

export interface User {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  unitId: string;
  locale: string | null;
  active: boolean;
  roles: Role[];
  lastSignInAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface UserWithSecret extends User {
  passwordHash: string;
}

/** A user from its row and its roles' rows (a join gives one row per role, `null` when it has none). */
export function toUser(row: UsersTable, roles: ReadonlyArray<string | null>): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    email: row.email,
    unitId: row.unit_id,
    locale: row.locale,
    active: row.active === 1,
    roles: roles.filter((r): r is string => r !== null).filter(isRole).sort(),
    lastSignInAt: row.last_sign_in_at ? new Date(row.last_sign_in_at) : null,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    version: Number(row.version),
  };
}

async function rolesOf(db: Kysely<DB>, userIds: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (userIds.length === 0) return map;
  const rows = await db.selectFrom('user_roles').select(['user_id', 'role']).where('user_id', 'in', userIds).execute();
  for (const r of rows) map.set(r.user_id, [...(map.get(r.user_id) ?? []), r.role]);
  return map;
}

// Every request's session lookup reads its user: the roles come in the same statement, one row per role.
export async function findUserById(db: Kysely<DB>, id: string): Promise<User | null> {
  const rows = await db
    .selectFrom('users')
    .leftJoin('user_roles', 'user_roles.user_id', 'users.id')
    .selectAll('users')
    .select('user_roles.role')
    .where('users.id', '=', id)
    .execute();
  const first = rows[0];
  if (!first) return null;
  const { role: _role, ...row } = first;
  return toUser(row, rows.map((r) => r.role));
}

/** Looks a user up by username (case-insensitive: usernames are stored lower-case) with the password hash. */
export async function findUserWithSecret(db: Kysely<DB>, username: string): Promise<UserWithSecret | null> {
  const row = await db.selectFrom('users').selectAll().where('username', '=', username.toLowerCase()).executeTakeFirst();
  if (!row) return null;
  return { ...toUser(row, (await rolesOf(db, [row.id])).get(row.id) ?? []), passwordHash: row.password_hash };
}

export async function findPasswordHash(db: Kysely<DB>, id: string): Promise<string | null> {
  const row = await db.selectFrom('users').select('password_hash').where('id', '=', id).executeTakeFirst();
  return row?.password_hash ?? null;
}

export interface UserFilter {
  unitId?: string;
  role?: Role;
  active?: boolean;
  /** Case-insensitive match on username or display name. */
  q?: string;
}

export async function listUsers(db: Kysely<DB>, filter: UserFilter = {}): Promise<User[]> {
  let query = db.selectFrom('users').selectAll('users');
  if (filter.unitId) query = query.where('users.unit_id', '=', filter.unitId);
  if (filter.active !== undefined) query = query.where('users.active', '=', filter.active ? 1 : 0);
  if (filter.role) {
    const role = filter.role;
    query = query.where((eb) =>
      eb.exists(eb.selectFrom('user_roles').select('user_roles.user_id').whereRef('user_roles.user_id', '=', 'users.id').where('user_roles.role', '=', role)),
    );
  }
  if (filter.q) {
    const q = filter.q;
    query = query.where((eb) => eb.or([containsText('users.username', q), containsText('users.display_name', q)]));
  }
  const rows = await query.orderBy('users.username').execute();
  const roles = await rolesOf(db, rows.map((r) => r.id));
  return rows.map((r) => toUser(r, roles.get(r.id) ?? []));
}

export interface NewUserRow {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  unitId: string;
  passwordHash: string;
  roles: Role[];
  now: Date;
}

export async function insertUser(db: Kysely<DB>, u: NewUserRow): Promise<void> {
  const at = u.now.toISOString();
  await db
    .insertInto('users')
    .values({
      id: u.id,
      username: u.username,
      display_name: u.displayName,
      email: u.email,
      unit_id: u.unitId,
      password_hash: u.passwordHash,
      locale: null,
      active: 1,
      last_sign_in_at: null,
      created_at: at,
      updated_at: at,
      version: 1,
    })
    .execute();
  await replaceRoles(db, u.id, u.roles);
}

export async function replaceRoles(db: Kysely<DB>, userId: string, roles: Role[]): Promise<void> {
  await db.deleteFrom('user_roles').where('user_id', '=', userId).execute();
  if (roles.length) await db.insertInto('user_roles').values(roles.map((role) => ({ user_id: userId, role }))).execute();
}

export interface UserPatch {
  displayName?: string;
  email?: string | null;
  unitId?: string;
  locale?: string | null;
  active?: boolean;
  passwordHash?: string;
}

/** Applies a patch; with `expectedVersion` the update only happens if nobody changed the row meanwhile. */
export async function updateUserRow(
  db: Kysely<DB>,
  id: string,
  patch: UserPatch,
  now: Date,
  expectedVersion?: number,
): Promise<boolean> {
  let query = db
    .updateTable('users')
    .set((eb) => ({
      ...(patch.displayName !== undefined ? { display_name: patch.displayName } : {}),
      ...(patch.email !== undefined ? { email: patch.email } : {}),
      ...(patch.unitId !== undefined ? { unit_id: patch.unitId } : {}),
      ...(patch.locale !== undefined ? { locale: patch.locale } : {}),
      ...(patch.active !== undefined ? { active: patch.active ? 1 : 0 } : {}),
      ...(patch.passwordHash !== undefined ? { password_hash: patch.passwordHash } : {}),
      updated_at: now.toISOString(),
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id);
  if (expectedVersion !== undefined) query = query.where('version', '=', expectedVersion);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function countActiveAdmins(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('users.active', '=', 1)
    .where('user_roles.role', '=', 'admin')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Records a sign-in without bumping `version`: signing in is not an edit an administrator could collide with. */
export async function recordSignIn(db: Kysely<DB>, id: string, at: Date): Promise<void> {
  await db.updateTable('users').set({ last_sign_in_at: at.toISOString() }).where('id', '=', id).execute();
}

// Bound parameters per statement stay well under SQLite's limit (999 in older builds).
const NAMES_CHUNK = 500;

/**
 * Display names by user id, in one query per 500 ids (readers without access to the user directory still see who
 * acted). The one reader of `users.display_name` for other modules: tasks' decisions, the ledger export's owners.
 */
export async function displayNamesOf(db: Kysely<DB>, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const map = new Map<string, string>();
  for (let i = 0; i < unique.length; i += NAMES_CHUNK) {
    const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', unique.slice(i, i + NAMES_CHUNK)).execute();
    for (const r of rows) map.set(r.id, r.display_name);
  }
  return map;
}

/** A user's unit and whether they are active, or null when there is no such user (for the units and tasks modules). */
export async function findUserUnit(db: Kysely<DB>, userId: string): Promise<{ unitId: string | null; active: boolean } | null> {
  const row = await db.selectFrom('users').select(['unit_id', 'active']).where('id', '=', userId).executeTakeFirst();
  return row ? { unitId: row.unit_id, active: row.active === 1 } : null;
}

/** Which of these users are active and hold the role (a programme's supervisors must be), in one query. */
export async function activeUsersWithRole(db: Kysely<DB>, ids: readonly string[], role: Role): Promise<Set<string>> {
  const rows = await db
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select('users.id')
    .where('users.id', 'in', ids)
    .where('users.active', '=', 1)
    .where('user_roles.role', '=', role)
    .execute();
  return new Set(rows.map((r) => r.id));
}

/**
 * A user's display name as a correlated subquery, so a list owned by another module shows it beside its rows in the
 * same statement without naming this table: `.select((eb) => displayNameOf(eb, eb.ref('x.user_id')).as('user_name'))`.
 */
export function displayNameOf(eb: ExpressionBuilder<DB, keyof DB>, userId: Expression<string | null>) {
  return eb.selectFrom('users').select('users.display_name').where('users.id', '=', userId);
}

/** Which of these users exist and are active (a team member must be), one query per 500 ids. */
export async function activeUserIds(db: Kysely<DB>, ids: readonly string[]): Promise<Set<string>> {
  const unique = [...new Set(ids)];
  const out = new Set<string>();
  for (let i = 0; i < unique.length; i += NAMES_CHUNK) {
    const rows = await db.selectFrom('users').select('id').where('id', 'in', unique.slice(i, i + NAMES_CHUNK)).where('active', '=', 1).execute();
    for (const r of rows) out.add(r.id);
  }
  return out;
}
