/**
 * The search query over `search_entries`: full-text match, filters and the caller's visibility, all in one SQL
 * statement (plus its count). Who sees what, and which rows belong to a programme or a unit, are the owning modules'
 * rules: they come in as subqueries of ids (`IdQuery`) that the owners build, composed here into the one statement.
 */
import type { ExpressionBuilder, Kysely, OperandExpression } from 'kysely';
import { sql } from 'kysely';
import { fulltextMatch, fulltextOrder, type FulltextTerm } from '../../platform/db/fulltext.ts';
import type { DialectKind } from '../../platform/db/database.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { SearchType } from './search-index.repository.ts';

/** A subquery of one column of ids, built by the module that owns them (e.g. the tasks the caller sees). */
export type IdQuery = (eb: ExpressionBuilder<DB, keyof DB>) => OperandExpression<string>;

export interface SearchScope {
  /** Documents are readable by anyone holding `document.read`. */
  documents: boolean;
  tasks: IdQuery;
  reports: IdQuery;
  findings: IdQuery;
  /** Null when the caller may not read relay records at all (no `document.read`). */
  relayRecords: IdQuery | null;
}

export interface SearchFilter {
  terms: readonly FulltextTerm[];
  type?: SearchType;
  /** One programme's: its tasks (and their reports), its documents, its inspections' findings, its campaigns' records. */
  programme?: { tasks: IdQuery; documents: IdQuery; inspections: IdQuery; campaigns: IdQuery };
  /** One unit's: the tasks it leads or co-handles (and their reports), the findings addressed to it, its records. */
  unit?: { ledTasks: IdQuery; coHandledTasks: IdQuery; findings: IdQuery; relayRecords: IdQuery };
  limit: number;
  offset: number;
}

export interface SearchRow {
  type: string;
  ref_id: string;
  part: number;
  task_id: string | null;
  parent_id: string | null;
  title: string;
  body: string;
  updated_at: string;
}

function base(db: Kysely<DB>, dialect: DialectKind, filter: SearchFilter, scope: SearchScope) {
  let q = db.selectFrom('search_entries').where(fulltextMatch(dialect, filter.terms, filter.type));
  if (filter.type) q = q.where('search_entries.type', '=', filter.type);
  // What the caller may see, by each object's own rule (through the owning modules' subqueries).
  q = q.where((eb) =>
    eb.or([
      ...(scope.documents ? [eb('search_entries.type', '=', 'document')] : []),
      eb.and([eb('search_entries.type', '=', 'task'), eb('search_entries.task_id', 'in', scope.tasks(eb))]),
      eb.and([eb('search_entries.type', '=', 'report'), eb('search_entries.ref_id', 'in', scope.reports(eb))]),
      eb.and([eb('search_entries.type', '=', 'finding'), eb('search_entries.ref_id', 'in', scope.findings(eb))]),
      ...(scope.relayRecords ? [eb.and([eb('search_entries.type', '=', 'relay'), eb('search_entries.ref_id', 'in', scope.relayRecords(eb))])] : []),
    ]),
  );
  if (filter.programme) {
    const p = filter.programme;
    q = q.where((eb) =>
      eb.or([
        eb.and([eb('search_entries.type', 'in', ['task', 'report']), eb('search_entries.task_id', 'in', p.tasks(eb))]),
        eb.and([eb('search_entries.type', '=', 'document'), eb('search_entries.ref_id', 'in', p.documents(eb))]),
        eb.and([eb('search_entries.type', '=', 'finding'), eb('search_entries.parent_id', 'in', p.inspections(eb))]),
        eb.and([eb('search_entries.type', '=', 'relay'), eb('search_entries.parent_id', 'in', p.campaigns(eb))]),
      ]),
    );
  }
  if (filter.unit) {
    const u = filter.unit;
    q = q.where((eb) =>
      eb.or([
        eb.and([
          eb('search_entries.type', 'in', ['task', 'report']),
          eb.or([eb('search_entries.task_id', 'in', u.ledTasks(eb)), eb('search_entries.task_id', 'in', u.coHandledTasks(eb))]),
        ]),
        eb.and([eb('search_entries.type', '=', 'finding'), eb('search_entries.ref_id', 'in', u.findings(eb))]),
        eb.and([eb('search_entries.type', '=', 'relay'), eb('search_entries.ref_id', 'in', u.relayRecords(eb))]),
      ]),
    );
  }
  return q;
}

/** Counting stops here: "more than 1,000" is all a reader needs, and an exact count of 30,000 matches costs a scan. */
export const COUNT_CAP = 1000;

/** A page of matching entries, newest first, and how many match (exactly up to COUNT_CAP, else COUNT_CAP + capped). */
export async function searchEntries(db: Kysely<DB>, dialect: DialectKind, filter: SearchFilter, scope: SearchScope): Promise<{ rows: SearchRow[]; total: number; capped: boolean }> {
  const [rows, count] = await Promise.all([
    // The page's keys first, its rows after: the matching and ordering then carry only the key (not every match's
    // text, which PostgreSQL keeps out of line for long paragraphs), and only the page's few rows are read whole.
    db
      .selectFrom('search_entries')
      .select(['search_entries.type', 'search_entries.ref_id', 'search_entries.part', 'search_entries.task_id', 'search_entries.parent_id', 'search_entries.title', 'search_entries.body', 'search_entries.updated_at'])
      .where('search_entries.id', 'in', base(db, dialect, filter, scope).select('search_entries.id').orderBy(fulltextOrder(dialect)).limit(filter.limit).offset(filter.offset))
      .orderBy(fulltextOrder(dialect))
      .execute(),
    db
      .selectFrom(base(db, dialect, filter, scope).select(sql<number>`1`.as('one')).limit(COUNT_CAP + 1).as('matches'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  const n = Number(count.n);
  return { rows: rows.map((r) => ({ ...r, part: Number(r.part) })), total: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP };
}
