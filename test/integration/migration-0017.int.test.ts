import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../src/server/migrations/index.ts';
import { migrateToLatest } from '../../src/server/platform/db/database.ts';
import { newId } from '../../src/server/platform/ids.ts';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../support/databases.ts';

// Migration 0017 moves the 整改 tasks made before it (top-level nodes) under one work area per inspection.
describe.each(DIALECTS)('migration 0017 on %s', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(dialect);
  });
  afterAll(async () => database.close());

  it('makes a 督查整改 area per inspection and moves its top-level finding tasks, with their sub-tasks, under it', async () => {
    const schema = database.kind === 'postgres' ? (await sql<{ s: string }>`select current_schema() as s`.execute(database.db)).rows[0]!.s : undefined;
    const migrator = new Migrator({ db: database.db, provider: { getMigrations: async () => migrations }, ...(schema ? { migrationTableSchema: schema, migrationLockTableSchema: schema } : {}) });
    expect((await migrator.migrateTo('0016-public')).error).toBeUndefined();

    const db = database.db;
    const at = '2024-03-01T00:00:00.000Z';
    const unit = newId();
    await sql`insert into units (id, name, parent_id, head_user_id, sort_order, active, created_at, updated_at, version) values (${unit}, '单位', null, null, 0, 1, ${at}, ${at}, 1)`.execute(db);
    const programme = newId();
    await sql`insert into programmes (id, title, description, status, health_thresholds_json, reminder_config_json, created_by, created_at, updated_at, version) values (${programme}, '方案', null, 'active', null, null, null, ${at}, ${at}, 1)`.execute(db);
    const task = async (title: string, parent: { id: string; area: string; depth: number } | null, kind: string, ordinal: number) => {
      const id = newId();
      await sql`insert into tasks (id, programme_id, parent_id, area_id, depth, kind, ordinal, title, title_norm, state, lead_unit_id, weight, progress, tags_json, targets_json, health, task_type, created_at, updated_at, version)
        values (${id}, ${programme}, ${parent?.id ?? null}, ${parent?.area ?? id}, ${parent ? parent.depth + 1 : 0}, ${kind}, ${ordinal}, ${title}, ${title}, 'assigned', ${unit}, 1, 0, '[]', '[]', 'none', 'rectification', ${at}, ${at}, 1)`.execute(db);
      return id;
    };
    const area = await task('现有方面', null, 'area', 0);
    const plain = await task('普通任务', { id: area, area, depth: 0 }, 'task', 0);
    const inspection = newId();
    await sql`insert into inspections (id, programme_id, topic, kind, state, description, start_date, end_date, created_by, closed_at, created_at, updated_at, version) values (${inspection}, ${programme}, '窗口服务督查', 'special', 'in_progress', null, null, null, null, null, ${at}, ${at}, 1)`.execute(db);
    const finding = async (taskId: string | null) => {
      const id = newId();
      await sql`insert into inspection_findings (id, inspection_id, visit_id, unit_id, source, title, description, severity, task_id, na_reason, na_by, na_at, created_by, created_at, updated_at, version) values (${id}, ${inspection}, null, ${unit}, 'finding', '问题', null, 'general', ${taskId}, null, null, null, null, ${at}, ${at}, 1)`.execute(db);
    };
    const r1 = await task('整改：一', null, 'area', 1);
    const r1sub = await task('子任务', { id: r1, area: r1, depth: 0 }, 'task', 0);
    const r2 = await task('整改：二', null, 'area', 2);
    await finding(r1);
    await finding(r2);
    await finding(null);

    expect(await migrateToLatest(database)).toContain('0017-rectification-areas');
    const link = await db.selectFrom('inspections').select('area_task_id').where('id', '=', inspection).executeTakeFirstOrThrow();
    const newArea = link.area_task_id!;
    const rows = new Map((await db.selectFrom('tasks').select(['id', 'parent_id', 'area_id', 'depth', 'kind', 'title', 'state', 'ordinal', 'health_changes_at']).where('programme_id', '=', programme).execute()).map((r) => [r.id, r]));
    expect(rows.get(newArea)).toMatchObject({ parent_id: null, area_id: newArea, depth: 0, kind: 'area', title: '督查整改：窗口服务督查', state: 'draft', ordinal: 3, health_changes_at: new Date(0).toISOString() });
    expect(rows.get(r1)).toMatchObject({ parent_id: newArea, area_id: newArea, depth: 1, kind: 'task' });
    expect(rows.get(r2)).toMatchObject({ parent_id: newArea, area_id: newArea, depth: 1, kind: 'task' });
    expect(rows.get(r1sub)).toMatchObject({ parent_id: r1, area_id: newArea, depth: 2, kind: 'subtask' });
    expect(rows.get(plain)).toMatchObject({ parent_id: area, area_id: area, depth: 1, kind: 'task' });
    expect(rows.size).toBe(6);
  });
});
