/** What the search index needs of documents, and a document's title for other modules' statements. */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import type { DocumentSource, SourceSelection } from '../search-index/index.ts';

/** Documents by id, or a page of all documents after `after` (for the rebuild), as the search index reads them. */
export async function documentSearchSources(db: Kysely<DB>, by: SourceSelection): Promise<DocumentSource[]> {
  let q = db.selectFrom('documents').select(['id', 'title', 'text', 'created_at']);
  q = 'ids' in by ? q.where('id', 'in', by.ids.length ? [...by.ids] : ['']) : q.where('id', '>', by.after).orderBy('id').limit(by.limit);
  return (await q.execute()).map((r) => ({ id: r.id, title: r.title, text: r.text, createdAt: r.created_at }));
}
