/**
 * 整改 tasks under a work area: `inspections.area_task_id` links an inspection to the work area (督查整改：<topic>)
 * that holds the tasks made from its findings. Tasks made before this migration were top-level nodes (kind `area`),
 * which the dashboards, homes, ledger sheets and evaluation do not count as tasks; they move under such an area here.
 */
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';

// A UUIDv7 like the app's ids (migrations never import app code), so the new areas sort by creation time.
function uuidV7(ms: number): string {
  const b = randomBytes(16);
  b.writeUIntBE(ms, 0, 6);
  b[6] = 0x70 | ((b[6] ?? 0) & 0x0f);
  b[8] = 0x80 | ((b[8] ?? 0) & 0x3f);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const AREA_TITLE_PREFIX = '督查整改：';

interface Moved { inspection_id: string; programme_id: string; topic: string; task_id: string }

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('inspections').addColumn('area_task_id', 'text', (c) => c.references('tasks.id')).execute();

  const moved = (await sql<Moved>`
    select f.inspection_id, i.programme_id, i.topic, t.id as task_id
    from inspection_findings f
    join inspections i on i.id = f.inspection_id
    join tasks t on t.id = f.task_id
    where t.parent_id is null
    order by f.inspection_id, t.ordinal, t.id`.execute(db)).rows;
  const byInspection = new Map<string, Moved[]>();
  for (const m of moved) byInspection.set(m.inspection_id, [...(byInspection.get(m.inspection_id) ?? []), m]);

  const now = new Date();
  const at = now.toISOString();
  // Due for the health job at once, so the new area's light (rolled up from its tasks) is computed on its next run.
  const due = new Date(0).toISOString();
  for (const [inspectionId, tasks] of byInspection) {
    const { programme_id: programmeId, topic } = tasks[0]!;
    const areaId = uuidV7(now.getTime());
    const title = `${AREA_TITLE_PREFIX}${topic}`;
    const last = (await sql<{ m: number | null }>`select max(ordinal) as m from tasks where programme_id = ${programmeId} and parent_id is null`.execute(db)).rows[0];
    // Like every work area: a draft container without a lead unit. title_norm is the ledger's title filter key; the
    // app's analyser is app code, so this NFKC lower-case form stands in until the title is next edited.
    await sql`insert into tasks (id, programme_id, parent_id, area_id, depth, kind, ordinal, title, title_norm, state, weight, progress, tags_json, targets_json, health, health_changes_at, task_type, created_at, updated_at, version)
      values (${areaId}, ${programmeId}, null, ${areaId}, 0, 'area', ${Number(last?.m ?? -1) + 1}, ${title}, ${title.normalize('NFKC').toLowerCase()}, 'draft', 1, 0, '[]', '[]', 'none', ${due}, 'commitment', ${at}, ${at}, 1)`.execute(db);
    await sql`update inspections set area_task_id = ${areaId} where id = ${inspectionId}`.execute(db);
    for (const [i, t] of tasks.entries()) {
      // The task's own sub-tasks go one level down with it.
      await sql`update tasks set depth = depth + 1, kind = 'subtask', area_id = ${areaId} where area_id = ${t.task_id} and id <> ${t.task_id}`.execute(db);
      await sql`update tasks set parent_id = ${areaId}, area_id = ${areaId}, depth = 1, kind = 'task', ordinal = ${i}, version = version + 1, updated_at = ${at} where id = ${t.task_id}`.execute(db);
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // The moved tasks stay under their areas: putting them back at the top would hide them from the counts again.
  await db.schema.alterTable('inspections').dropColumn('area_task_id').execute();
}
