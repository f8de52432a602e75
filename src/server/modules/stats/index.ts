/** The stats (dashboards) module's public surface. */
export { statsRoutes } from './stats.routes.ts';
export { getStats, ledgerQueryOf, listByHealth, listMatching, SIGN_DAYS } from './stats.service.ts';
export { takeHealthSnapshots } from './snapshots.ts';
export { OVERDUE_STATES } from '../tasks/index.ts';
