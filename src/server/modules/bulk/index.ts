/** The bulk-actions module's public surface. */
export { bulkRoutes } from './bulk.routes.ts';
export { runBulkAction, BulkRefused, type BulkAction, type BulkInput, type BulkRowResult } from './bulk.service.ts';
