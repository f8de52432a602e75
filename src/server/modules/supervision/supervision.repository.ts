/**
 * Who supervises which programme (`programme_supervisors`, 督办 responsibility). Almost every list is scoped by it, and
 * the programmes module sits above tasks, so the table has its own module near the bottom of the graph (only users,
 * whose addresses it reads beside its rows, and units lie below it): the only code that reads or writes it. The
 * programmes module sets a programme's supervisors through it; every other module's scope uses
 * `programmesSupervisedBy` instead of writing the subquery again.
 */
import { sql, type ExpressionBuilder, type Kysely, type RawBuilder } from 'kysely';
import type { DialectKind } from '../../platform/db/database.ts';
import type { DB } from '../../platform/db/schema.ts';
import { parseJsonRows } from '../../platform/db/sql-helpers.ts';
import { userContactsJson, userContactsQuery } from '../users/index.ts';

/** The ids of the programmes a user supervises, as a subquery for a scope: `eb('x.programme_id', 'in', …)`. */
export function programmesSupervisedBy(eb: ExpressionBuilder<DB, keyof DB>, userId: string) {
  return eb.selectFrom('programme_supervisors').select('programme_supervisors.programme_id').where('programme_supervisors.user_id', '=', userId);
}

/** Whether lists of supervisors come sorted by user id (notices name them in a stable order). */
export interface SupervisorOrder {
  sorted?: boolean;
}

/** The supervisors of one programme. */
export async function supervisorIdsOf(db: Kysely<DB>, programmeId: string, order: SupervisorOrder = {}): Promise<string[]> {
  let q = db.selectFrom('programme_supervisors').select('user_id').where('programme_id', '=', programmeId);
  if (order.sorted) q = q.orderBy('user_id');
  return (await q.execute()).map((r) => r.user_id);
}

/** The supervisors of each of these programmes, in one query (a programme without any is absent). */
export async function supervisorsOfProgrammes(db: Kysely<DB>, programmeIds: readonly string[], order: SupervisorOrder = {}): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (programmeIds.length === 0) return out;
  let q = db.selectFrom('programme_supervisors').select(['programme_id', 'user_id']).where('programme_id', 'in', [...new Set(programmeIds)]);
  if (order.sorted) q = q.orderBy('user_id');
  const rows = await q.execute();
  for (const r of rows) out.set(r.programme_id, [...(out.get(r.programme_id) ?? []), r.user_id]);
  return out;
}

/** Replaces a programme's supervisors. */
export async function setSupervisors(db: Kysely<DB>, programmeId: string, userIds: readonly string[]): Promise<void> {
  await db.deleteFrom('programme_supervisors').where('programme_id', '=', programmeId).execute();
  if (userIds.length) await db.insertInto('programme_supervisors').values(userIds.map((user_id) => ({ programme_id: programmeId, user_id }))).execute();
}

/** A supervisor of a programme, with what a notice to them needs. */
export interface SupervisorFacts {
  userId: string;
  active: boolean;
  email: string | null;
  locale: string | null;
}

/** The programme's supervisors with their addresses, so a notice to them need not read their users again. */
export async function supervisorsOf(db: Kysely<DB>, programmeId: string): Promise<SupervisorFacts[]> {
  const rows = await userContactsQuery(db)
    .innerJoin('programme_supervisors', 'programme_supervisors.user_id', 'users.id')
    .select('programme_supervisors.user_id')
    .where('programme_supervisors.programme_id', '=', programmeId)
    .execute();
  return rows.map((r) => ({ userId: r.user_id, active: r.active === 1, email: r.email, locale: r.locale }));
}

/**
 * `supervisorsOf` as a subquery for another module's statement (a task read with its programme's supervisors): a JSON
 * array, read back with `supervisorsFromJson`. `programmeIdColumn` is a plain reference (`tasks.programme_id`).
 */
export function supervisorsJson(dialect: DialectKind, programmeIdColumn: string): RawBuilder<unknown> {
  return userContactsJson(dialect, sql`select ps.user_id from programme_supervisors ps where ps.programme_id = ${sql.ref(programmeIdColumn)}`);
}

/** The supervisors a `supervisorsJson` subquery answered. */
export function supervisorsFromJson(value: unknown): SupervisorFacts[] {
  return parseJsonRows<{ userId: string; active: number; email: string | null; locale: string | null }>(value).map((r) => ({
    userId: r.userId,
    active: Number(r.active) === 1,
    email: r.email ?? null,
    locale: r.locale ?? null,
  }));
}
