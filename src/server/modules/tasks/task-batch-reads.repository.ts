/**
 * Set-based reads of tasks for the modules above tasks that look at many of them outside any user's view (the
 * notices module's reminder sweep and recipients): no authorization here, the caller is a system job or has checked.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';

// Bound parameters per statement stay well under SQLite's limit (999 in older builds).
const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** A task that has a lead unit, with its dates and reporting cadence (stored JSON, for the caller to check). */
export interface LedTask {
  id: string;
  programmeId: string;
  title: string;
  state: string;
  dueDate: string | null;
  startDate: string | null;
  signedAt: string | null;
  cadenceJson: string | null;
  leadUnitId: string;
  version: number;
}

/** The next `limit` tasks in one state that have a lead unit, in id order after `afterId`: a range of the (state, id) index. */
export async function ledTasksInState(db: Kysely<DB>, state: string, afterId: string | null, limit: number): Promise<LedTask[]> {
  let q = db
    .selectFrom('tasks')
    .select(['id', 'programme_id', 'title', 'state', 'due_date', 'start_date', 'signed_at', 'cadence_json', 'lead_unit_id', 'version'])
    .where('state', '=', state)
    .where('lead_unit_id', 'is not', null);
  if (afterId) q = q.where('id', '>', afterId);
  const rows = await q.orderBy('id').limit(limit).execute();
  return rows.map((r) => ({
    id: r.id, programmeId: r.programme_id, title: r.title, state: r.state, dueDate: r.due_date, startDate: r.start_date, signedAt: r.signed_at,
    cadenceJson: r.cadence_json, leadUnitId: r.lead_unit_id!, version: Number(r.version),
  }));
}

/** The co-units of each task, sorted by unit id (a task without any is absent), in one query per 500 tasks. */
export async function coUnitIdsOfTasks(db: Kysely<DB>, taskIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const ids of chunks([...new Set(taskIds)])) {
    const rows = await db.selectFrom('task_co_units').select(['task_id', 'unit_id']).where('task_id', 'in', ids).execute();
    for (const r of rows) out.set(r.task_id, [...(out.get(r.task_id) ?? []), r.unit_id]);
  }
  // Sorted here, not in SQL: an ORDER BY unit_id would have PostgreSQL walk the whole unit index.
  for (const list of out.values()) list.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return out;
}

/** A task's version and state, or null when it is gone: whether facts read a moment ago still hold. */
export async function findTaskStamp(db: Kysely<DB>, taskId: string): Promise<{ version: number; state: string } | null> {
  const row = await db.selectFrom('tasks').select(['version', 'state']).where('id', '=', taskId).executeTakeFirst();
  return row ? { version: Number(row.version), state: row.state } : null;
}

/** Units that lead or co-lead a task of the programme in one of these states, each once, sorted. */
export async function unitsWithTasksInStates(db: Kysely<DB>, programmeId: string, states: readonly string[]): Promise<string[]> {
  const lead = db.selectFrom('tasks').select('lead_unit_id as unit_id').where('programme_id', '=', programmeId).where('state', 'in', [...states]).where('lead_unit_id', 'is not', null);
  const co = db
    .selectFrom('task_co_units')
    .innerJoin('tasks', 'tasks.id', 'task_co_units.task_id')
    .select('task_co_units.unit_id as unit_id')
    .where('tasks.programme_id', '=', programmeId)
    .where('tasks.state', 'in', [...states]);
  const rows = await lead.union(co).execute();
  return rows.map((r) => r.unit_id).filter((id): id is string => id !== null).sort();
}
