/**
 * Users as other modules reach them in SQL without naming this module's tables: the people a notice goes to (their
 * addresses), and query builders onto which a module joins its own table, so that it reads a user beside its rows in
 * one statement (a session with its user, a programme's supervisors, a task with its programme's supervisors).
 */
import { sql, type ExpressionBuilder, type Kysely, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import type { Role } from '../../../core/permissions.ts';
import type { DialectKind } from '../../platform/db/database.ts';
import type { DB } from '../../platform/db/schema.ts';
import { jsonRows } from '../../platform/db/sql-helpers.ts';

/** Whom a notice reaches, and in which language. */
export interface UserContact {
  userId: string;
  email: string | null;
  locale: string | null;
}

/** Ids of users: a list, or a subquery of another module that answers them (`headsOfUnits`). */
export type UserIds = readonly string[] | ((eb: ExpressionBuilder<DB, 'users'>) => SelectQueryBuilder<DB, keyof DB, { user_id: string | null }>);

/** The active users among these, by id, with their addresses. */
export async function activeUserContacts(db: Kysely<DB>, ids: UserIds): Promise<UserContact[]> {
  if (Array.isArray(ids) && ids.length === 0) return [];
  const rows = await db
    .selectFrom('users')
    .select(['id', 'email', 'locale'])
    .where((eb) => eb('users.id', 'in', typeof ids === 'function' ? ids(eb) : [...(ids as readonly string[])]))
    .where('users.active', '=', 1)
    .orderBy('users.id')
    .execute();
  return rows.map((r) => ({ userId: r.id, email: r.email, locale: r.locale }));
}

/** The active members of these units who hold the role (a unit's liaisons), by id, with their addresses. */
export async function activeUnitMembersWithRole(db: Kysely<DB>, unitIds: readonly string[], role: Role): Promise<UserContact[]> {
  if (unitIds.length === 0) return [];
  const rows = await db
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select(['users.id', 'users.email', 'users.locale'])
    .where('users.unit_id', 'in', [...unitIds])
    .where('users.active', '=', 1)
    .where('user_roles.role', '=', role)
    .orderBy('users.id')
    .execute();
  return rows.map((r) => ({ userId: r.id, email: r.email, locale: r.locale }));
}

/** Users with whether they are active and their addresses, for a module to join its own table onto. */
export function userContactsQuery(db: Kysely<DB>) {
  return db.selectFrom('users').select(['users.active', 'users.email', 'users.locale']);
}

/**
 * Users with their roles, a row per role (`role` null when there is none), for a module to join its own table onto;
 * `toUser(row, rows.map((r) => r.role))` makes the user.
 */
export function usersWithRolesQuery(db: Kysely<DB>) {
  return db.selectFrom('users').leftJoin('user_roles', 'user_roles.user_id', 'users.id').selectAll('users').select('user_roles.role');
}

/**
 * Whether the users a subquery names are active, and their addresses, as a JSON array (`{ userId, active, email,
 * locale }`) for another module's statement: `userIds` is raw SQL selecting one column of user ids, correlated to
 * the caller's row as it needs. Read it with `parseJsonRows` (no rows: `[]` on SQLite, null on PostgreSQL).
 */
export function userContactsJson(dialect: DialectKind, userIds: RawBuilder<unknown>): RawBuilder<unknown> {
  const rows = jsonRows(dialect, { userId: 'u.id', active: 'u.active', email: 'u.email', locale: 'u.locale' });
  return sql`(select ${rows} from users u where u.id in (${userIds}))`;
}
