/** Sessions, API tokens and failed sign-in records. */
import type { Kysely } from 'kysely';
import type { ApiTokensTable, DB, SessionsTable } from '../../platform/db/schema.ts';
import { toUser, usersWithRolesQuery, type User } from '../users/index.ts';

export type SessionRow = SessionsTable;

export async function insertSession(db: Kysely<DB>, row: SessionsTable): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

/**
 * A session with its user and the user's roles, in the one statement every signed-in request begins with (a row per
 * role). Null when there is no such session.
 */
export async function findSessionWithUser(db: Kysely<DB>, id: string): Promise<{ session: SessionsTable; user: User } | null> {
  const rows = await usersWithRolesQuery(db)
    .innerJoin('sessions', 'sessions.user_id', 'users.id')
    .select([
      'sessions.id as session_id', 'sessions.user_id as session_user_id', 'sessions.csrf_token as session_csrf_token', 'sessions.created_at as session_created_at',
      'sessions.last_seen_at as session_last_seen_at', 'sessions.idle_expires_at as session_idle_expires_at', 'sessions.expires_at as session_expires_at',
      'sessions.address as session_address', 'sessions.user_agent as session_user_agent',
    ])
    .where('sessions.id', '=', id)
    .execute();
  const first = rows[0];
  if (!first) return null;
  const {
    session_id, session_user_id, session_csrf_token, session_created_at, session_last_seen_at, session_idle_expires_at, session_expires_at, session_address,
    session_user_agent, role: _role, ...user
  } = first;
  return {
    session: {
      id: session_id, user_id: session_user_id, csrf_token: session_csrf_token, created_at: session_created_at, last_seen_at: session_last_seen_at,
      idle_expires_at: session_idle_expires_at, expires_at: session_expires_at, address: session_address, user_agent: session_user_agent,
    },
    user: toUser(user, rows.map((r) => r.role)),
  };
}

export async function touchSession(db: Kysely<DB>, id: string, lastSeenAt: string, idleExpiresAt: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: lastSeenAt, idle_expires_at: idleExpiresAt }).where('id', '=', id).execute();
}

export async function deleteSession(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Ends every session of a user (the users module calls it, through its port, on deactivation and password reset). */
export async function deleteSessionsOf(db: Kysely<DB>, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export async function deleteOtherSessions(db: Kysely<DB>, userId: string, keepId: string | null): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepId) q = q.where('id', '!=', keepId);
  await q.execute();
}

/** Expired sessions are swept opportunistically at sign-in; nothing depends on it for correctness. */
export async function deleteExpiredSessions(db: Kysely<DB>, nowIso: string): Promise<void> {
  await db.deleteFrom('sessions').where((eb) => eb.or([eb('expires_at', '<', nowIso), eb('idle_expires_at', '<', nowIso)])).execute();
}

export async function recordFailure(db: Kysely<DB>, row: { id: string; username: string; address: string; at: string }): Promise<void> {
  await db.insertInto('sign_in_failures').values(row).execute();
}

/** A throttling bucket: failures of one username, from one address, or of one username from one address. */
export interface FailureBucket {
  username?: string;
  address?: string;
}

function inBucket(db: Kysely<DB>, bucket: FailureBucket, sinceIso: string) {
  let q = db.selectFrom('sign_in_failures').where('at', '>=', sinceIso);
  if (bucket.username !== undefined) q = q.where('username', '=', bucket.username);
  if (bucket.address !== undefined) q = q.where('address', '=', bucket.address);
  return q;
}

export async function countFailures(db: Kysely<DB>, bucket: FailureBucket, sinceIso: string): Promise<number> {
  const row = await inBucket(db, bucket, sinceIso).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function oldestFailureSince(db: Kysely<DB>, bucket: FailureBucket, sinceIso: string): Promise<string | null> {
  const row = await inBucket(db, bucket, sinceIso)
    .select('at')
    .orderBy('at')
    .limit(1)
    .executeTakeFirst();
  return row?.at ?? null;
}

export async function clearFailures(db: Kysely<DB>, username: string): Promise<void> {
  await db.deleteFrom('sign_in_failures').where('username', '=', username).execute();
}

export async function pruneFailures(db: Kysely<DB>, beforeIso: string): Promise<void> {
  await db.deleteFrom('sign_in_failures').where('at', '<', beforeIso).execute();
}

export type ApiTokenRow = ApiTokensTable;

export async function insertToken(db: Kysely<DB>, row: ApiTokensTable): Promise<void> {
  await db.insertInto('api_tokens').values(row).execute();
}

export async function findTokenByHash(db: Kysely<DB>, hash: string): Promise<ApiTokensTable | null> {
  return (await db.selectFrom('api_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst()) ?? null;
}

export async function listTokens(db: Kysely<DB>, userId: string): Promise<ApiTokensTable[]> {
  return db.selectFrom('api_tokens').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').execute();
}

export async function findToken(db: Kysely<DB>, id: string): Promise<ApiTokensTable | null> {
  return (await db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

export async function revokeToken(db: Kysely<DB>, id: string, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}

export async function touchToken(db: Kysely<DB>, id: string, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}
