import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../src/server/migrations/index.ts';
import { migrateToLatest } from '../../src/server/platform/db/database.ts';
import { newId } from '../../src/server/platform/ids.ts';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../support/databases.ts';

// Migration 0009 goes down and up again, and on the way up fills task_units and marks open tasks' lights due.
describe.each(DIALECTS)('migration 0009 on %s', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(dialect);
  });
  afterAll(async () => database.close());

  it('back-fills the membership table and the health schedule from existing tasks', async () => {
    const schema = database.kind === 'postgres' ? (await sql<{ s: string }>`select current_schema() as s`.execute(database.db)).rows[0]!.s : undefined;
    const migrator = new Migrator({ db: database.db, provider: { getMigrations: async () => migrations }, ...(schema ? { migrationTableSchema: schema, migrationLockTableSchema: schema } : {}) });
    const down = await migrator.migrateTo('0008-programme-intake');
    expect(down.error).toBeUndefined();

    const db = database.db;
    const at = '2024-03-01T00:00:00.000Z';
    const [lead, co] = [newId(), newId()];
    for (const id of [lead, co]) await sql`insert into units (id, name, parent_id, head_user_id, sort_order, active, created_at, updated_at, version) values (${id}, ${id}, null, null, 0, 1, ${at}, ${at}, 1)`.execute(db);
    const programme = newId();
    await sql`insert into programmes (id, title, description, status, health_thresholds_json, reminder_config_json, created_by, created_at, updated_at, version) values (${programme}, '方案', null, 'active', null, null, null, ${at}, ${at}, 1)`.execute(db);
    const tasks: Record<string, string> = {};
    for (const state of ['in_progress', 'closed', 'draft']) {
      const id = newId();
      tasks[state] = id;
      await sql`insert into tasks (id, programme_id, parent_id, area_id, depth, kind, ordinal, title, title_norm, state, lead_unit_id, weight, progress, tags_json, targets_json, health, created_at, updated_at, version)
        values (${id}, ${programme}, null, ${id}, 0, 'task', 0, '任务', '任务', ${state}, ${lead}, 1, 0, '[]', '[]', 'none', ${at}, ${at}, 1)`.execute(db);
    }
    await sql`insert into task_co_units (task_id, unit_id, part) values (${tasks.in_progress}, ${co}, null)`.execute(db);

    expect(await migrateToLatest(database)).toEqual(['0009-performance']);
    const members = await db.selectFrom('task_units').select(['task_id', 'unit_id', 'role']).where('task_id', '=', tasks.in_progress!).orderBy('role').execute();
    expect(members).toEqual([
      { task_id: tasks.in_progress, unit_id: co, role: 'co' },
      { task_id: tasks.in_progress, unit_id: lead, role: 'lead' },
    ]);
    expect(await db.selectFrom('task_units').select('task_id').where('task_id', '=', tasks.closed!).execute()).toHaveLength(1);
    const due = await db.selectFrom('tasks').select(['id', 'health_changes_at']).where('id', 'in', Object.values(tasks)).execute();
    const at0 = new Map(due.map((r) => [r.id, r.health_changes_at]));
    expect(at0.get(tasks.in_progress!)).toBe(new Date(0).toISOString());
    expect(at0.get(tasks.closed!)).toBeNull();
    expect(at0.get(tasks.draft!)).toBeNull();
  });
});
