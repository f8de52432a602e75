/**
 * The notices module's read model over tables other modules own: tasks, milestones, reports, co-units, programme
 * supervisors, units and users. It reads them directly, never writes them. Why not through those modules'
 * services: the sweep looks at every open task every minute and needs one set-based query per table and page,
 * not one service call per task; and it must read them inside its own transaction (one connection) without the
 * authorization that a user-facing service applies. Writes go only to the notices module's own tables.
 */
import type { Kysely } from 'kysely';
import type { ReminderConfig, ReminderTaskSnapshot } from '../../../core/notices/index.ts';
import { cadenceProblems, REPORT_STATES, type Cadence, type ReportState } from '../../../core/reports/index.ts';
import type { TaskState } from '../../../core/tasks/index.ts';
import { toLocalDate } from '../../../core/time.ts';
import { fromJson } from '../../platform/db/json.ts';
import type { DB } from '../../platform/db/schema.ts';
import { supervisorIdsOf, supervisorsOfProgrammes } from '../supervision/index.ts';

/** States in which some reminder rule may fire; the others are quiet (see docs/lifecycle.md §5). */
export const SWEPT_STATES: readonly TaskState[] = ['assigned', 'signed', 'in_progress'];

export interface SweepTask {
  snapshot: ReminderTaskSnapshot;
  programmeId: string;
  config: ReminderConfig;
  /** The task's version when read: a notice is only recorded if the task has not changed since. */
  version: number;
  /** Problems with stored settings (bad cadence); the sweep reports them and carries on. */
  problems: string[];
}

/** Where the sweep goes on: the state it is reading and the last task id read in it. */
export interface SweepCursor {
  state: TaskState;
  afterId: string | null;
}

export interface SweepPage {
  tasks: SweepTask[];
  /** Where the next page starts; null when this was the last page. */
  next: SweepCursor | null;
}

/** Turns a programme's stored reminder override (JSON text or null) into the configuration to use. */
export type ReminderConfigResolver = (programmeId: string, stored: string | null) => ReminderConfig;

/** The next page of open tasks with everything `dueNotices` needs. */
export async function loadSweepPage(db: Kysely<DB>, cursor: SweepCursor | null, pageSize: number, resolveConfig: ReminderConfigResolver): Promise<SweepPage> {
  const at: SweepCursor = cursor ?? { state: SWEPT_STATES[0]!, afterId: null };
  // One state at a time in id order: `(state, id)` is indexed, so each page is an index range, never a re-sort of
  // every open task.
  let q = db
    .selectFrom('tasks')
    .select(['id', 'programme_id', 'title', 'state', 'due_date', 'start_date', 'signed_at', 'cadence_json', 'lead_unit_id', 'version'])
    .where('state', '=', at.state)
    .where('lead_unit_id', 'is not', null);
  if (at.afterId) q = q.where('id', '>', at.afterId);
  const rows = await q.orderBy('id').limit(pageSize).execute();
  const nextState = SWEPT_STATES[SWEPT_STATES.indexOf(at.state) + 1];
  const next: SweepCursor | null = rows.length === pageSize ? { state: at.state, afterId: rows[rows.length - 1]!.id } : nextState ? { state: nextState, afterId: null } : null;
  if (rows.length === 0) return { tasks: [], next };

  const ids = rows.map((r) => r.id);
  const programmeIds = [...new Set(rows.map((r) => r.programme_id))];
  // Sequential on purpose: inside a transaction there is one connection, and PGlite has one session.
  const milestones = await db.selectFrom('milestones').select(['id', 'task_id', 'title', 'due_date', 'status', 'done_at']).where('task_id', 'in', ids).orderBy('ordinal').execute();
  const reports = await db.selectFrom('reports').select(['task_id', 'unit_id', 'period_key', 'state']).where('task_id', 'in', ids).execute();
  // Sorted here, not in SQL: an ORDER BY unit_id would have PostgreSQL walk the whole unit index.
  const coUnits = (await db.selectFrom('task_co_units').select(['task_id', 'unit_id']).where('task_id', 'in', ids).execute()).sort((a, b) =>
    a.unit_id < b.unit_id ? -1 : a.unit_id > b.unit_id ? 1 : 0,
  );
  const supervisorsBy = await supervisorsOfProgrammes(db, programmeIds, { sorted: true });
  const programmes = await db.selectFrom('programmes').select(['id', 'reminder_config_json']).where('id', 'in', programmeIds).execute();
  const group = <T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> => {
    const m = new Map<string, T[]>();
    for (const it of items) {
      const list = m.get(key(it));
      if (list) list.push(it);
      else m.set(key(it), [it]);
    }
    return m;
  };
  const milestonesBy = group(milestones, (m) => m.task_id);
  const reportsBy = group(reports, (r) => r.task_id);
  const coUnitsBy = group(coUnits, (c) => c.task_id);
  const configs = new Map(programmes.map((p) => [p.id, resolveConfig(p.id, p.reminder_config_json)]));

  const tasks: SweepTask[] = rows.map((r) => {
    const config = configs.get(r.programme_id) ?? resolveConfig(r.programme_id, null);
    const problems: string[] = [];
    let cadence = fromJson<Cadence>(r.cadence_json);
    if (cadence) {
      const wrong = cadenceProblems(cadence);
      if (wrong.length) {
        problems.push(`task ${r.id}: cadence ignored (${wrong.join('; ')})`);
        cadence = null;
      }
    }
    // Reports are owed from the signing date (the unit accepted the work then), else from the planned start.
    const reportingSince = r.signed_at ? toLocalDate(new Date(r.signed_at), config.tz) : r.start_date;
    return {
      programmeId: r.programme_id,
      config,
      version: Number(r.version),
      problems,
      snapshot: {
        id: r.id,
        title: r.title,
        state: r.state as TaskState,
        dueDate: r.due_date,
        milestones: (milestonesBy.get(r.id) ?? []).map((m) => ({ id: m.id, title: m.title, dueDate: m.due_date, done: m.done_at !== null || m.status === 'done' })),
        cadence,
        reportingSince,
        reports: (reportsBy.get(r.id) ?? [])
          .filter((x): x is typeof x & { state: ReportState } => (REPORT_STATES as readonly string[]).includes(x.state))
          .map((x) => ({ unitId: x.unit_id, periodKey: x.period_key, state: x.state })),
        leadUnitId: r.lead_unit_id ?? '',
        coUnitIds: (coUnitsBy.get(r.id) ?? []).map((c) => c.unit_id),
        supervisorIds: supervisorsBy.get(r.programme_id) ?? [],
      },
    };
  });
  return { tasks, next };
}

/** The task's current version, or null when it is gone. */
export async function taskVersion(db: Kysely<DB>, taskId: string): Promise<{ version: number; state: string } | null> {
  const row = await db.selectFrom('tasks').select(['version', 'state']).where('id', '=', taskId).executeTakeFirst();
  return row ? { version: Number(row.version), state: row.state } : null;
}

export interface TaskFacts {
  id: string;
  programmeId: string;
  title: string;
  state: string;
  leadUnitId: string | null;
  coUnitIds: string[];
}

export async function findTaskFacts(db: Kysely<DB>, taskId: string): Promise<TaskFacts | null> {
  const row = await db.selectFrom('tasks').select(['id', 'programme_id', 'title', 'state', 'lead_unit_id']).where('id', '=', taskId).executeTakeFirst();
  if (!row) return null;
  const co = await db.selectFrom('task_co_units').select('unit_id').where('task_id', '=', taskId).orderBy('unit_id').execute();
  return { id: row.id, programmeId: row.programme_id, title: row.title, state: row.state, leadUnitId: row.lead_unit_id, coUnitIds: co.map((c) => c.unit_id) };
}

export async function programmeSupervisorIds(db: Kysely<DB>, programmeId: string): Promise<string[]> {
  return supervisorIdsOf(db, programmeId, { sorted: true });
}

export async function programmeExists(db: Kysely<DB>, programmeId: string): Promise<boolean> {
  return (await db.selectFrom('programmes').select('id').where('id', '=', programmeId).executeTakeFirst()) !== undefined;
}

export interface Person {
  userId: string;
  email: string | null;
  locale: string | null;
}

/** Active liaisons (联络员) of the units. */
export async function unitLiaisons(db: Kysely<DB>, unitIds: readonly string[]): Promise<Person[]> {
  if (unitIds.length === 0) return [];
  const rows = await db
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select(['users.id', 'users.email', 'users.locale'])
    .where('users.unit_id', 'in', [...unitIds])
    .where('users.active', '=', 1)
    .where('user_roles.role', '=', 'liaison')
    .orderBy('users.id')
    .execute();
  return rows.map((r) => ({ userId: r.id, email: r.email, locale: r.locale }));
}

/** The heads of the units, when set and still active. */
export async function unitHeads(db: Kysely<DB>, unitIds: readonly string[]): Promise<Person[]> {
  if (unitIds.length === 0) return [];
  const rows = await db
    .selectFrom('units')
    .innerJoin('users', 'users.id', 'units.head_user_id')
    .select(['users.id', 'users.email', 'users.locale'])
    .where('units.id', 'in', [...unitIds])
    .where('users.active', '=', 1)
    .orderBy('users.id')
    .execute();
  return rows.map((r) => ({ userId: r.id, email: r.email, locale: r.locale }));
}

/** The users, when active. */
export async function activeUsers(db: Kysely<DB>, userIds: readonly string[]): Promise<Person[]> {
  if (userIds.length === 0) return [];
  const rows = await db.selectFrom('users').select(['id', 'email', 'locale']).where('id', 'in', [...userIds]).where('active', '=', 1).orderBy('id').execute();
  return rows.map((r) => ({ userId: r.id, email: r.email, locale: r.locale }));
}

export async function userDisplayName(db: Kysely<DB>, userId: string): Promise<string | null> {
  const row = await db.selectFrom('users').select('display_name').where('id', '=', userId).executeTakeFirst();
  return row?.display_name ?? null;
}

/** Unit names by id, for notices that name a unit (where a reassigned task went). */
export async function unitNames(db: Kysely<DB>, unitIds: readonly string[]): Promise<Map<string, string>> {
  if (unitIds.length === 0) return new Map();
  const rows = await db.selectFrom('units').select(['id', 'name']).where('id', 'in', [...unitIds]).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Units (lead or co-unit) with open work in a programme: those a change to its reporting periods concerns. */
export async function programmeOpenUnitIds(db: Kysely<DB>, programmeId: string): Promise<string[]> {
  const lead = db.selectFrom('tasks').select('lead_unit_id as unit_id').where('programme_id', '=', programmeId).where('state', 'in', [...SWEPT_STATES]).where('lead_unit_id', 'is not', null);
  const co = db
    .selectFrom('task_co_units')
    .innerJoin('tasks', 'tasks.id', 'task_co_units.task_id')
    .select('task_co_units.unit_id as unit_id')
    .where('tasks.programme_id', '=', programmeId)
    .where('tasks.state', 'in', [...SWEPT_STATES]);
  const rows = await lead.union(co).execute();
  return rows.map((r) => r.unit_id).filter((id): id is string => id !== null).sort();
}
