/**
 * The dashboards' own tables: the daily health snapshots and the data version. The counts over tasks come from the
 * tasks module (`taskCountsByAreaLeadHealth` and the like), which owns them.
 */
import type { Kysely } from 'kysely';
import type { DB, HealthSnapshotsTable } from '../../platform/db/schema.ts';

/** Inserts the day's snapshots; a row another instance wrote first for the same key is kept (unique key). */
export async function insertSnapshots(db: Kysely<DB>, rows: HealthSnapshotsTable[]): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += 200) {
    const r = await db
      .insertInto('health_snapshots')
      .values(rows.slice(i, i + 200))
      .onConflict((oc) => oc.columns(['programme_id', 'area_id', 'day']).doNothing())
      .executeTakeFirst();
    inserted += Number(r.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}

/** Whether the day's snapshots were already taken (by this or another instance). */
export async function hasSnapshotsFor(db: Kysely<DB>, day: string): Promise<boolean> {
  return (await db.selectFrom('health_snapshots').select('day').where('day', '=', day).limit(1).executeTakeFirst()) !== undefined;
}

/** Snapshot sums per day since `from`, over the given programmes, for the whole programme or one work area. */
export async function snapshotSeries(db: Kysely<DB>, programmeIds: readonly string[], areaId: string, from: string) {
  if (!programmeIds.length) return [];
  const rows = await db
    .selectFrom('health_snapshots')
    .where('programme_id', 'in', [...programmeIds])
    .where('area_id', '=', areaId)
    .where('day', '>=', from)
    .select((eb) => [
      'day',
      eb.fn.sum<number>('red').as('red'),
      eb.fn.sum<number>('yellow').as('yellow'),
      eb.fn.sum<number>('blue').as('blue'),
      eb.fn.sum<number>('green').as('green'),
      eb.fn.sum<number>('grey').as('grey'),
      eb.fn.sum<number>('closed').as('closed'),
      eb.fn.sum<number>('total').as('total'),
    ])
    .groupBy('day')
    .orderBy('day')
    .execute();
  return rows.map((r) => ({ day: r.day, red: Number(r.red), yellow: Number(r.yellow), blue: Number(r.blue), green: Number(r.green), grey: Number(r.grey), closed: Number(r.closed), total: Number(r.total) }));
}

/** The dashboards' data version (migration 0019): one indexed read of at most 16 rows. */
export async function readStatsVersion(db: Kysely<DB>): Promise<number> {
  const r = await db.selectFrom('stats_versions').select((eb) => eb.fn.sum<number>('n').as('v')).executeTakeFirst();
  return Number(r?.v ?? 0);
}
