/**
 * Daily health snapshots (the trend's history): once per local day, the counts of every programme and work area.
 * Safe on any number of instances: the rows' primary key is (programme, area, day) and inserts skip existing keys,
 * so whichever instance writes a day first wins and later runs that day change nothing.
 */
import { toLocalDate, DEFAULT_TZ } from '../../../core/time.ts';
import type { AppContext } from '../../platform/context.ts';
import type { HealthSnapshotsTable } from '../../platform/db/schema.ts';
import { publishedTaskHealthCounts } from '../tasks/index.ts';
import { hasSnapshotsFor, insertSnapshots } from './stats.repository.ts';

// The day this process last found taken, so a tick asks the database once a day, not every interval.
const lastDay = new WeakMap<AppContext, string>();

/** Takes the snapshots of `now`'s local day unless they exist; answers how many rows were written. */
export async function takeHealthSnapshots(ctx: AppContext, now: Date): Promise<number> {
  const day = toLocalDate(now, DEFAULT_TZ);
  if (lastDay.get(ctx) === day) return 0;
  if (await hasSnapshotsFor(ctx.db, day)) {
    lastDay.set(ctx, day);
    return 0;
  }
  const cells = await publishedTaskHealthCounts(ctx.db);
  const rows = new Map<string, HealthSnapshotsTable>();
  const at = now.toISOString();
  const row = (programmeId: string, areaId: string) => {
    const key = `${programmeId}|${areaId}`;
    let r = rows.get(key);
    if (!r) rows.set(key, (r = { programme_id: programmeId, area_id: areaId, day, red: 0, yellow: 0, blue: 0, green: 0, grey: 0, closed: 0, total: 0, taken_at: at }));
    return r;
  };
  for (const c of cells) {
    const n = Number(c.n);
    for (const r of [row(c.programme_id, ''), row(c.programme_id, c.area_id ?? '')]) {
      if (Number(c.closed) === 1) r.closed += n;
      else if (c.health === 'red' || c.health === 'yellow' || c.health === 'blue' || c.health === 'green' || c.health === 'grey') r[c.health] += n;
      else continue;
      r.total += n;
    }
  }
  const written = await ctx.db.transaction().execute((trx) => insertSnapshots(trx, [...rows.values()]));
  if (rows.size) lastDay.set(ctx, day);
  return written;
}
