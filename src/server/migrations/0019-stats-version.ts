/**
 * Fast dashboards: a data version the dashboards' result cache is keyed by, moved by triggers in the same transaction
 * as every write to a table a dashboard number is computed from, and a covering index for the dashboards' grouped
 * scan of tasks. Additive (expand-only): instances of the previous build keep running; their writes move the
 * version too, because the database does it.
 *
 * The version is the sum of `n` over the rows of `stats_versions`. On SQLite (one writer at a time) there is one row
 * and a row trigger adds 1 per changed row. On PostgreSQL several transactions write at once, so a single counter
 * row would serialise them all (and, bumped early, could deadlock with their other row locks): there are 16 rows, a
 * transaction bumps the one of its backend (`pg_backend_pid() % 16`) at most once, and the bump is a deferred
 * constraint trigger — it runs at commit, after every other write of the transaction, so the row lock is held only
 * for the commit itself. Every committed change adds at least 1 to the sum, and a later snapshot sees a superset of
 * the commits an earlier one saw, so two different states never read the same version.
 */
import { sql, SqliteAdapter, type Kysely } from 'kysely';

function isSqlite(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

const PG_SLOTS = 16;

/**
 * The tables whose rows the dashboards and the homes' counted lists read, and for `tasks` the columns they read (an
 * update that changes none of them — `updated_at`, `version`, `health_changes_at`, a description — keeps the cached
 * dashboards). Extend this list (in a new migration) when a dashboard starts reading another table or column.
 */
export const STATS_TASK_COLUMNS = [
  'programme_id', 'parent_id', 'area_id', 'depth', 'kind', 'ordinal', 'label', 'title', 'title_norm', 'state', 'lead_unit_id',
  'due_date', 'progress', 'tags_json', 'health', 'health_json', 'assigned_at', 'signed_at',
] as const;
const WATCHED = ['task_co_units', 'task_units', 'report_counters', 'health_snapshots', 'units', 'programmes', 'programme_supervisors'] as const;
// Notices are read only by kind, task and creation time, which never change; reading a notice must not count.
const INSERT_DELETE_ONLY = ['notices'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  const sqlite = isSqlite(db);
  await db.schema
    .createTable('stats_versions')
    .addColumn('slot', 'integer', (c) => c.primaryKey())
    .addColumn('n', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  const slots = sqlite ? 1 : PG_SLOTS;
  await db.insertInto('stats_versions' as never).values(Array.from({ length: slots }, (_, slot) => ({ slot, n: 0 })) as never).execute();

  if (sqlite) {
    const bump = 'update stats_versions set n = n + 1;';
    const changed = STATS_TASK_COLUMNS.map((c) => `old.${c} is not new.${c}`).join(' or ');
    await sql.raw(`create trigger tasks_stats_ai after insert on tasks begin ${bump} end`).execute(db);
    await sql.raw(`create trigger tasks_stats_ad after delete on tasks begin ${bump} end`).execute(db);
    await sql.raw(`create trigger tasks_stats_au after update on tasks when ${changed} begin ${bump} end`).execute(db);
    for (const t of [...WATCHED, ...INSERT_DELETE_ONLY]) {
      await sql.raw(`create trigger ${t}_stats_ai after insert on ${t} begin ${bump} end`).execute(db);
      await sql.raw(`create trigger ${t}_stats_ad after delete on ${t} begin ${bump} end`).execute(db);
    }
    for (const t of WATCHED) await sql.raw(`create trigger ${t}_stats_au after update on ${t} begin ${bump} end`).execute(db);
  } else {
    // A transaction-local setting marks the bump done, so a statement touching 20,000 rows bumps once.
    await sql.raw(`create function luoshi_stats_bump() returns trigger language plpgsql as $$
      begin
        if coalesce(current_setting('luoshi.stats_bumped', true), '') <> 'on' then
          perform set_config('luoshi.stats_bumped', 'on', true);
          update stats_versions set n = n + 1 where slot = pg_backend_pid() % ${PG_SLOTS};
        end if;
        return null;
      end $$`).execute(db);
    const trigger = (name: string, event: string, table: string, when = '') =>
      sql.raw(`create constraint trigger ${name} after ${event} on ${table} deferrable initially deferred for each row ${when} execute function luoshi_stats_bump()`).execute(db);
    const changed = STATS_TASK_COLUMNS.map((c) => `old.${c} is distinct from new.${c}`).join(' or ');
    await trigger('tasks_stats_aid', 'insert or delete', 'tasks');
    await trigger('tasks_stats_au', 'update', 'tasks', `when (${changed})`);
    for (const t of WATCHED) await trigger(`${t}_stats_aiud`, 'insert or update or delete', t);
    for (const t of INSERT_DELETE_ONLY) await trigger(`${t}_stats_aid`, 'insert or delete', t);
  }

  // The dashboards' grouped scan reads every column it needs from this index, not the task rows.
  await db.schema
    .createIndex('tasks_dashboard_idx')
    .on('tasks')
    .columns(['programme_id', 'kind', 'area_id', 'lead_unit_id', 'health', 'state', 'due_date', 'progress', 'assigned_at', 'signed_at', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('tasks_dashboard_idx').execute();
  if (isSqlite(db)) {
    for (const t of ['tasks', ...WATCHED, ...INSERT_DELETE_ONLY]) {
      for (const e of ['ai', 'ad', 'au']) await sql.raw(`drop trigger if exists ${t}_stats_${e}`).execute(db);
    }
  } else {
    await sql.raw('drop trigger if exists tasks_stats_aid on tasks').execute(db);
    await sql.raw('drop trigger if exists tasks_stats_au on tasks').execute(db);
    for (const t of WATCHED) await sql.raw(`drop trigger if exists ${t}_stats_aiud on ${t}`).execute(db);
    for (const t of INSERT_DELETE_ONLY) await sql.raw(`drop trigger if exists ${t}_stats_aid on ${t}`).execute(db);
    await sql.raw('drop function if exists luoshi_stats_bump()').execute(db);
  }
  await db.schema.dropTable('stats_versions').execute();
}
