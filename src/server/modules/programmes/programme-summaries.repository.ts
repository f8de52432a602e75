/**
 * A programme's heading facts for the modules that list programmes beside their own rows, and subqueries they
 * compose into their own statements: a programme's title, and when a programme last changed.
 */
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';

const CHUNK = 500;

export interface ProgrammeSummary {
  id: string;
  title: string;
  description: string | null;
  /** As stored (ISO-8601 UTC), so a page can show and key on it unchanged. */
  updatedAt: string;
}

/** The title, description and last change of the given programmes (unknown ids are left out), in no set order. */
export async function programmeSummariesOf(db: Kysely<DB>, ids: readonly string[]): Promise<ProgrammeSummary[]> {
  const unique = [...new Set(ids)];
  const out: ProgrammeSummary[] = [];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const rows = await db
      .selectFrom('programmes')
      .select(['programmes.id', 'programmes.title', 'programmes.description', 'programmes.updated_at'])
      .where('programmes.id', 'in', unique.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) out.push({ id: r.id, title: r.title, description: r.description, updatedAt: r.updated_at });
  }
  return out;
}

/** When the programme (any programme, for null) last changed, as a one-value subquery. */
export function programmeChangedAt(eb: ExpressionBuilder<DB, keyof DB>, programmeId: string | null) {
  const q = eb.selectFrom('programmes').select((e) => e.fn.max('programmes.updated_at').as('v'));
  return programmeId === null ? q : q.where('programmes.id', '=', programmeId);
}
