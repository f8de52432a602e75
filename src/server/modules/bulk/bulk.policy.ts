/**
 * Who runs a bulk action on the ledger: the bulk module's rule, once. Each row is then checked by the rule of the
 * module that owns the single action (a reminder's by the notices module, an assignment's by the tasks module).
 */
import type { Permission } from '../../../core/permissions.ts';
import type { BulkAction } from './bulk.service.ts';

/** The permission a bulk action needs: a 催办 is a reminder, the others change tasks as an assignment does. */
export function bulkPermission(action: BulkAction): Permission {
  return action === 'remind' ? 'notice.remind' : 'task.assign';
}
