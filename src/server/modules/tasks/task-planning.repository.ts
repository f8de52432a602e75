/**
 * The SQL of planning: the programme facts a plan edit checks (its status; units and owners are
 * checked through the units and users modules), the next ordinal among siblings, milestones by id, and the targets
 * indicators are made of.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { fromJson } from '../../platform/db/json.ts';

/** The programme's status (through the view programmes publishes), or undefined when there is no such programme. */
export async function findProgrammeStatus(db: Kysely<DB>, programmeId: string): Promise<{ id: string; status: string } | undefined> {
  return db.selectFrom('programme_settings').select(['id', 'status']).where('id', '=', programmeId).executeTakeFirst();
}

/** The ordinal a new task takes under `parentId` (or at the top of the programme): after its last sibling. */
export async function nextOrdinal(db: Kysely<DB>, programmeId: string, parentId: string | null): Promise<number> {
  const last = await db
    .selectFrom('tasks')
    .select((eb) => eb.fn.max('ordinal').as('m'))
    .where('programme_id', '=', programmeId)
    .where((eb) => (parentId ? eb('parent_id', '=', parentId) : eb('parent_id', 'is', null)))
    .executeTakeFirst();
  return Number(last?.m ?? -1) + 1;
}

/** The task a milestone belongs to, or undefined when there is no such milestone. */
export async function findMilestoneTaskId(db: Kysely<DB>, id: string): Promise<string | undefined> {
  const row = await db.selectFrom('milestones').select(['id', 'task_id']).where('id', '=', id).executeTakeFirst();
  return row?.task_id;
}

export async function insertMilestone(db: Kysely<DB>, m: { id: string; taskId: string; ordinal: number; title: string; dueDate: string; now: Date }): Promise<void> {
  const at = m.now.toISOString();
  await db.insertInto('milestones').values({ id: m.id, task_id: m.taskId, ordinal: m.ordinal, title: m.title, due_date: m.dueDate, status: 'pending', done_at: null, created_at: at, updated_at: at }).execute();
}

/** A programme's tasks that carry decomposed targets (value, unit, direction), for making indicators of them. */
export async function listProgrammeTargets(db: Kysely<DB>, programmeId: string): Promise<Array<{ taskId: string; title: string; state: string; leadUnitId: string | null; startDate: string | null; dueDate: string | null; targets: unknown[] }>> {
  const rows = await db
    .selectFrom('tasks')
    .select(['id', 'title', 'state', 'lead_unit_id', 'start_date', 'due_date', 'targets_json'])
    .where('programme_id', '=', programmeId)
    .where('targets_json', '!=', '[]')
    .orderBy('depth')
    .orderBy('ordinal')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ taskId: r.id, title: r.title, state: r.state, leadUnitId: r.lead_unit_id, startDate: r.start_date, dueDate: r.due_date, targets: fromJson<unknown[]>(r.targets_json) ?? [] }));
}
