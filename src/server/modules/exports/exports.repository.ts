/**
 * Read-only lookups the exports need around the ledger's rows: names of units, work-area titles and each task's latest
 * report (people's names come from the users module's `displayNamesOf`). The rows themselves come from the tasks module
 * (its filters and its SQL scope); reports are scoped by the reports module's exported clause, so an export never shows
 * a report its reader could not open.
 */
import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';

const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** Every unit's name by id (the organisation tree is small). */
export async function unitNames(db: Kysely<DB>): Promise<Map<string, string>> {
  const rows = await db.selectFrom('units').select(['id', 'name']).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export interface AreaHeading {
  id: string;
  title: string;
  ordinal: number;
}

/** The work areas (top-level tasks) with these ids; a row's area is shown as its sheet's heading. */
export async function areaHeadings(db: Kysely<DB>, ids: readonly string[]): Promise<Map<string, AreaHeading>> {
  const map = new Map<string, AreaHeading>();
  for (const part of chunks([...new Set(ids)])) {
    const rows = await db.selectFrom('tasks').select(['id', 'title', 'ordinal']).where('id', 'in', part).execute();
    for (const r of rows) map.set(r.id, { id: r.id, title: r.title, ordinal: Number(r.ordinal) });
  }
  return map;
}

export interface LatestReport {
  taskId: string;
  unitId: string;
  submittedAt: string;
  progress: number;
  text: string;
  state: string;
}

/** Each task's most recently submitted report (submitted or accepted) among those `visible` lets the reader see. */
export async function latestReports(
  db: Kysely<DB>,
  taskIds: readonly string[],
  visible: (eb: ExpressionBuilder<DB, 'reports'>) => Expression<SqlBool>,
): Promise<Map<string, LatestReport>> {
  const map = new Map<string, LatestReport>();
  for (const part of chunks(taskIds)) {
    const rows = await db
      .selectFrom('reports')
      .select(['task_id', 'unit_id', 'submitted_at', 'progress', 'text', 'state'])
      .where('task_id', 'in', part)
      .where('state', 'in', ['submitted', 'accepted'])
      .where('submitted_at', 'is not', null)
      .where(visible)
      .orderBy('task_id')
      .orderBy('submitted_at', 'desc')
      .execute();
    for (const r of rows) {
      if (map.has(r.task_id)) continue;
      map.set(r.task_id, { taskId: r.task_id, unitId: r.unit_id, submittedAt: r.submitted_at!, progress: Number(r.progress), text: r.text, state: r.state });
    }
  }
  return map;
}

export interface FirstTimeAcceptance {
  taskId: string;
  unitId: string;
  periodKey: string;
  reviewedAt: string;
}

/** Reports of the programme accepted at their first submission, reviewed within [from, to). */
export async function firstTimeAcceptances(db: Kysely<DB>, programmeId: string, from: string, to: string): Promise<FirstTimeAcceptance[]> {
  const rows = await db
    .selectFrom('reports')
    .innerJoin('tasks', 'tasks.id', 'reports.task_id')
    .select(['reports.task_id', 'reports.unit_id', 'reports.period_key', 'reports.reviewed_at'])
    .where('tasks.programme_id', '=', programmeId)
    .where('reports.state', '=', 'accepted')
    .where('reports.revision', '=', 1)
    .where('reports.reviewed_at', '>=', from)
    .where('reports.reviewed_at', '<', to)
    .orderBy('reports.reviewed_at')
    .execute();
  return rows.map((r) => ({ taskId: r.task_id, unitId: r.unit_id, periodKey: r.period_key, reviewedAt: r.reviewed_at! }));
}

/** The name of a user's unit (the issuing office of a briefing defaults to its author's unit). */
export async function unitNameOfUser(db: Kysely<DB>, userId: string): Promise<string | null> {
  const row = await db.selectFrom('users').innerJoin('units', 'units.id', 'users.unit_id').select('units.name').where('users.id', '=', userId).executeTakeFirst();
  return row?.name ?? null;
}
