/** What the search index needs of tasks: the tasks' own rows in the index's source shape. */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import type { SourceSelection, TaskSource } from '../search-index/index.ts';

/** Tasks by id, or a page of all tasks after `after` (for the rebuild), as the search index reads them. */
export async function taskSearchSources(db: Kysely<DB>, by: SourceSelection): Promise<TaskSource[]> {
  let q = db.selectFrom('tasks').select(['id', 'title', 'description', 'updated_at']);
  q = 'ids' in by ? q.where('id', 'in', by.ids.length ? [...by.ids] : ['']) : q.where('id', '>', by.after).orderBy('id').limit(by.limit);
  return (await q.execute()).map((r) => ({ id: r.id, title: r.title, description: r.description, updatedAt: r.updated_at }));
}
