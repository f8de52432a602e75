/** Leaders' instructions (批示): Kysely queries and row ↔ domain mapping. */
import type { Kysely } from 'kysely';
import type { DB, InstructionsTable } from '../../platform/db/schema.ts';

export interface Instruction {
  id: string;
  taskId: string;
  reportId: string | null;
  authorId: string;
  text: string;
  createdAt: Date;
}

function toInstruction(r: InstructionsTable): Instruction {
  return { id: r.id, taskId: r.task_id, reportId: r.report_id, authorId: r.author_id, text: r.text, createdAt: new Date(r.created_at) };
}

export async function insertInstruction(db: Kysely<DB>, i: Instruction): Promise<void> {
  await db
    .insertInto('instructions')
    .values({ id: i.id, task_id: i.taskId, report_id: i.reportId, author_id: i.authorId, text: i.text, created_at: i.createdAt.toISOString() })
    .execute();
}

/** A task's instructions, oldest first, as its timeline reads them. */
export async function listInstructionsOfTask(db: Kysely<DB>, taskId: string): Promise<Instruction[]> {
  const rows = await db.selectFrom('instructions').selectAll().where('task_id', '=', taskId).orderBy('created_at').orderBy('id').execute();
  return rows.map(toInstruction);
}
