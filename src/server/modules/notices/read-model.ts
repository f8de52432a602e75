/**
 * What the notices module reads of the tasks, programmes, reports, units and users it sends notices about, each
 * through the owning module's exports (reports, which sit above notices, through the `ReportStates` port). The sweep
 * looks at every open task every minute, so a page costs one set-based query per table, never one per task; and it
 * reads inside the caller's transaction (one connection) without the authorization a user-facing service applies.
 */
import type { Kysely } from 'kysely';
import type { ReminderConfig, ReminderTaskSnapshot } from '../../../core/notices/index.ts';
import { cadenceProblems, REPORT_STATES, type Cadence, type ReportState } from '../../../core/reports/index.ts';
import type { TaskState } from '../../../core/tasks/index.ts';
import { toLocalDate } from '../../../core/time.ts';
import { fromJson } from '../../platform/db/json.ts';
import type { DB } from '../../platform/db/schema.ts';
import { findProgrammeStatus, reminderConfigsOf } from '../programmes/index.ts';
import { supervisorIdsOf, supervisorsOfProgrammes } from '../supervision/index.ts';
import { coUnitIdsOfTasks, findTask, findTaskStamp, ledTasksInState, listMilestones, unitsWithTasksInStates } from '../tasks/index.ts';
import { headsOfUnits, unitNamesOf } from '../units/index.ts';
import { activeUnitMembersWithRole, activeUserContacts, displayNamesOf } from '../users/index.ts';
import type { ReportStates } from './report-port.ts';

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
export async function loadSweepPage(
  db: Kysely<DB>,
  cursor: SweepCursor | null,
  pageSize: number,
  resolveConfig: ReminderConfigResolver,
  reports: ReportStates,
): Promise<SweepPage> {
  const at: SweepCursor = cursor ?? { state: SWEPT_STATES[0]!, afterId: null };
  // One state at a time in id order: `(state, id)` is indexed, so each page is an index range, never a re-sort of
  // every open task.
  const rows = await ledTasksInState(db, at.state, at.afterId, pageSize);
  const nextState = SWEPT_STATES[SWEPT_STATES.indexOf(at.state) + 1];
  const next: SweepCursor | null = rows.length === pageSize ? { state: at.state, afterId: rows[rows.length - 1]!.id } : nextState ? { state: nextState, afterId: null } : null;
  if (rows.length === 0) return { tasks: [], next };

  const ids = rows.map((r) => r.id);
  const programmeIds = [...new Set(rows.map((r) => r.programmeId))];
  // Sequential on purpose: inside a transaction there is one connection, and PGlite has one session.
  const milestones = await listMilestones(db, ids);
  const reportStates = await reports.reportStatesOfTasks(db, ids);
  const coUnitsBy = await coUnitIdsOfTasks(db, ids);
  const supervisorsBy = await supervisorsOfProgrammes(db, programmeIds, { sorted: true });
  const storedConfigs = await reminderConfigsOf(db, programmeIds);
  const group = <T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> => {
    const m = new Map<string, T[]>();
    for (const it of items) {
      const list = m.get(key(it));
      if (list) list.push(it);
      else m.set(key(it), [it]);
    }
    return m;
  };
  const milestonesBy = group(milestones, (m) => m.taskId);
  const reportsBy = group(reportStates, (r) => r.taskId);
  const configs = new Map([...storedConfigs].map(([id, stored]) => [id, resolveConfig(id, stored)]));

  const tasks: SweepTask[] = rows.map((r) => {
    const config = configs.get(r.programmeId) ?? resolveConfig(r.programmeId, null);
    const problems: string[] = [];
    let cadence = fromJson<Cadence>(r.cadenceJson);
    if (cadence) {
      const wrong = cadenceProblems(cadence);
      if (wrong.length) {
        problems.push(`task ${r.id}: cadence ignored (${wrong.join('; ')})`);
        cadence = null;
      }
    }
    // Reports are owed from the signing date (the unit accepted the work then), else from the planned start.
    const reportingSince = r.signedAt ? toLocalDate(new Date(r.signedAt), config.tz) : r.startDate;
    return {
      programmeId: r.programmeId,
      config,
      version: r.version,
      problems,
      snapshot: {
        id: r.id,
        title: r.title,
        state: r.state as TaskState,
        dueDate: r.dueDate,
        milestones: (milestonesBy.get(r.id) ?? []).map((m) => ({ id: m.id, title: m.title, dueDate: m.dueDate, done: m.doneAt !== null || m.done })),
        cadence,
        reportingSince,
        reports: (reportsBy.get(r.id) ?? [])
          .filter((x): x is typeof x & { state: ReportState } => (REPORT_STATES as readonly string[]).includes(x.state))
          .map((x) => ({ unitId: x.unitId, periodKey: x.periodKey, state: x.state })),
        leadUnitId: r.leadUnitId,
        coUnitIds: coUnitsBy.get(r.id) ?? [],
        supervisorIds: supervisorsBy.get(r.programmeId) ?? [],
      },
    };
  });
  return { tasks, next };
}

/** The task's current version, or null when it is gone. */
export async function taskVersion(db: Kysely<DB>, taskId: string): Promise<{ version: number; state: string } | null> {
  return findTaskStamp(db, taskId);
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
  const task = await findTask(db, taskId);
  if (!task) return null;
  return { id: task.id, programmeId: task.programmeId, title: task.title, state: task.state, leadUnitId: task.leadUnitId, coUnitIds: task.coUnits.map((c) => c.unitId) };
}

export async function programmeSupervisorIds(db: Kysely<DB>, programmeId: string): Promise<string[]> {
  return supervisorIdsOf(db, programmeId, { sorted: true });
}

export async function programmeExists(db: Kysely<DB>, programmeId: string): Promise<boolean> {
  return (await findProgrammeStatus(db, programmeId)) !== null;
}

export interface Person {
  userId: string;
  email: string | null;
  locale: string | null;
}

/** Active liaisons (联络员) of the units. */
export async function unitLiaisons(db: Kysely<DB>, unitIds: readonly string[]): Promise<Person[]> {
  return activeUnitMembersWithRole(db, unitIds, 'liaison');
}

/** The heads of the units, when set and still active. */
export async function unitHeads(db: Kysely<DB>, unitIds: readonly string[]): Promise<Person[]> {
  if (unitIds.length === 0) return [];
  return activeUserContacts(db, (eb) => headsOfUnits(eb, unitIds));
}

/** The users, when active. */
export async function activeUsers(db: Kysely<DB>, userIds: readonly string[]): Promise<Person[]> {
  return activeUserContacts(db, userIds);
}

export async function userDisplayName(db: Kysely<DB>, userId: string): Promise<string | null> {
  return (await displayNamesOf(db, [userId])).get(userId) ?? null;
}

/** Unit names by id, for notices that name a unit (where a reassigned task went). */
export async function unitNames(db: Kysely<DB>, unitIds: readonly string[]): Promise<Map<string, string>> {
  return unitNamesOf(db, unitIds);
}

/** Units (lead or co-unit) with open work in a programme: those a change to its reporting periods concerns. */
export async function programmeOpenUnitIds(db: Kysely<DB>, programmeId: string): Promise<string[]> {
  return unitsWithTasksInStates(db, programmeId, SWEPT_STATES);
}
