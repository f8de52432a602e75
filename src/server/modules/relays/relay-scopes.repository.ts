/** Sets of 传达学习 campaigns as subqueries, for other modules to compose into their own queries. */
import type { ExpressionBuilder } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { programmesSupervisedBy } from '../supervision/index.ts';

/** The ids of the campaigns of the programmes a user supervises (not those of their unit: only the supervisors'). */
export function campaignIdsSupervisedBy(eb: ExpressionBuilder<DB, keyof DB>, userId: string) {
  return eb.selectFrom('relay_campaigns').select('relay_campaigns.id').where('relay_campaigns.programme_id', 'in', programmesSupervisedBy(eb, userId));
}
