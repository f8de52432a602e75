/** The stats (dashboards) module's public surface. */
export { statsRoutes } from './stats.routes.ts';
export { getStats, ledgerQueryOf, SIGN_DAYS } from './stats.service.ts';
export { takeHealthSnapshots } from './snapshots.ts';
