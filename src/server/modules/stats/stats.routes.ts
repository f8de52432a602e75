/** HTTP for the dashboards (统计). */
import { statsEndpoints as ep } from '../../../contract/stats.ts';
import type { AppContext } from '../../platform/context.ts';
import { routeSchema } from '../../platform/http/endpoint.ts';
import type { App } from '../../platform/http/types.ts';
import { statsCacheOf } from './stats-cache.ts';
import { getStats } from './stats.service.ts';

export async function statsRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get(ep.get.path, {
    config: { permission: 'task.read' },
    schema: routeSchema(ep.get, {
      tags: ['stats'],
      summary: 'Dashboards (统计) over the tasks the ledger lists for the same filter: counts by work area and unit, on-time rates, red and overdue lists, weekly trend, tree map',
    }),
  }, async (req) => getStats(ctx, req.actor!, req.query));

  // A low hit ratio under steady writes is expected (each write invalidates); one under no writes is not.
  app.metrics.gauge('luoshi_stats_cache', 'The dashboard result cache of this instance: entries held, hits and misses since start', ['measure'], () => {
    const cache = statsCacheOf(ctx);
    return [
      { labels: { measure: 'entries' }, value: cache.size },
      { labels: { measure: 'hits' }, value: cache.hits },
      { labels: { measure: 'misses' }, value: cache.misses },
    ];
  });
}
