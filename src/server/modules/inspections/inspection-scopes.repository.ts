/** Sets of inspections as subqueries, for other modules to compose into their own queries. */
import type { ExpressionBuilder } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { programmesSupervisedBy } from '../supervision/index.ts';

/** The ids of the inspections of the programmes a user supervises (not those they visit as members or units). */
export function inspectionIdsSupervisedBy(eb: ExpressionBuilder<DB, keyof DB>, userId: string) {
  return eb.selectFrom('inspections').select('inspections.id').where('inspections.programme_id', 'in', programmesSupervisedBy(eb, userId));
}
