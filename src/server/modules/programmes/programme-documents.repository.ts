/** A programme's documents, for other modules' statements. */
import type { ExpressionBuilder } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';

/** The ids of the documents a programme was built from, as a subquery. */
export function documentIdsOfProgramme(eb: ExpressionBuilder<DB, keyof DB>, programmeId: string) {
  return eb.selectFrom('programme_documents').select('programme_documents.document_id').where('programme_documents.programme_id', '=', programmeId);
}
