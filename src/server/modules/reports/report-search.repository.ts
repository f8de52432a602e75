/** What the search index needs of reports: their rows in the index's source shape. */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import type { ReportSource, SourceSelection } from '../search-index/index.ts';
import { taskTitleOf } from '../tasks/index.ts';

/** Reports by id, or a page of all reports after `after` (for the rebuild), each with its task's title. */
export async function reportSearchSources(db: Kysely<DB>, by: SourceSelection): Promise<ReportSource[]> {
  let q = db
    .selectFrom('reports')
    .select((eb) => ['reports.id', 'reports.task_id', taskTitleOf(eb, eb.ref('reports.task_id')).as('task_title'), 'reports.text', 'reports.problems', 'reports.coordination', 'reports.next_steps', 'reports.updated_at']);
  q = 'ids' in by ? q.where('reports.id', 'in', by.ids.length ? [...by.ids] : ['']) : q.where('reports.id', '>', by.after).orderBy('reports.id').limit(by.limit);
  return (await q.execute()).map((r) => ({
    // A report always has its task (foreign key), so the title is there.
    id: r.id, taskId: r.task_id, taskTitle: r.task_title ?? '', text: r.text, problems: r.problems, coordination: r.coordination, nextSteps: r.next_steps, updatedAt: r.updated_at,
  }));
}
