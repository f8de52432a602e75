/**
 * Evaluation rule sets, ratings and frozen periods; and the read model the scoring runs on — set-based queries
 * over tasks, reports and instructions for one period (like the audit reader, this module reads the loop's tables
 * and never writes them).
 */
import type { Kysely } from 'kysely';
import type { RuleSet, UnitFacts, UnitScore } from '../../../core/evaluation/index.ts';
import { addDays, daysBetween, endOfLocalDay, startOfLocalDay, toLocalDate, type IsoDate } from '../../../core/time.ts';
import type { DB } from '../../platform/db/schema.ts';
import { fromJson, toJson } from '../../platform/db/json.ts';

export interface StoredRuleSet {
  id: string;
  version: number;
  effectiveFrom: IsoDate;
  rules: RuleSet;
  note: string | null;
  createdBy: string | null;
  createdAt: Date;
}

export interface FrozenPeriod {
  periodKey: string;
  ruleSetId: string;
  units: UnitScore[];
  frozenBy: string | null;
  frozenAt: Date;
}

export interface Rating {
  unitId: string;
  periodKey: string;
  ratedBy: string;
  rating: number;
  comment: string | null;
}

const toRuleSet = (r: DB['evaluation_rule_sets']): StoredRuleSet => ({
  id: r.id,
  version: Number(r.version),
  effectiveFrom: r.effective_from,
  rules: fromJson<RuleSet>(r.rules_json)!,
  note: r.note,
  createdBy: r.created_by,
  createdAt: new Date(r.created_at),
});

export async function listRuleSets(db: Kysely<DB>): Promise<StoredRuleSet[]> {
  return (await db.selectFrom('evaluation_rule_sets').selectAll().orderBy('version', 'desc').execute()).map(toRuleSet);
}

/** The rules in force on a day: the latest version effective on or before it (the first version for earlier days). */
export async function ruleSetInForce(db: Kysely<DB>, day: IsoDate): Promise<StoredRuleSet> {
  const row =
    (await db.selectFrom('evaluation_rule_sets').selectAll().where('effective_from', '<=', day).orderBy('effective_from', 'desc').orderBy('version', 'desc').limit(1).executeTakeFirst()) ??
    (await db.selectFrom('evaluation_rule_sets').selectAll().orderBy('version').limit(1).executeTakeFirstOrThrow());
  return toRuleSet(row);
}

export async function findRuleSet(db: Kysely<DB>, id: string): Promise<StoredRuleSet | null> {
  const row = await db.selectFrom('evaluation_rule_sets').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRuleSet(row) : null;
}

export async function nextRuleVersion(db: Kysely<DB>): Promise<number> {
  const row = await db.selectFrom('evaluation_rule_sets').select((eb) => eb.fn.max('version').as('v')).executeTakeFirst();
  return Number(row?.v ?? 0) + 1;
}

export async function insertRuleSet(db: Kysely<DB>, r: StoredRuleSet): Promise<void> {
  await db
    .insertInto('evaluation_rule_sets')
    .values({ id: r.id, version: r.version, effective_from: r.effectiveFrom, rules_json: toJson(r.rules)!, note: r.note, created_by: r.createdBy, created_at: r.createdAt.toISOString() })
    .execute();
}

export async function findFrozen(db: Kysely<DB>, periodKey: string): Promise<FrozenPeriod | null> {
  const r = await db.selectFrom('evaluation_periods').selectAll().where('period_key', '=', periodKey).executeTakeFirst();
  return r ? { periodKey: r.period_key, ruleSetId: r.rule_set_id, units: fromJson<UnitScore[]>(r.results_json) ?? [], frozenBy: r.frozen_by, frozenAt: new Date(r.frozen_at) } : null;
}

export async function listFrozen(db: Kysely<DB>): Promise<Array<{ periodKey: string; frozenAt: Date; ruleSetId: string }>> {
  const rows = await db.selectFrom('evaluation_periods').select(['period_key', 'frozen_at', 'rule_set_id']).orderBy('period_key', 'desc').execute();
  return rows.map((r) => ({ periodKey: r.period_key, frozenAt: new Date(r.frozen_at), ruleSetId: r.rule_set_id }));
}

/** Stores a frozen period; the primary key makes a second freeze of the same period fail. */
export async function insertFrozen(db: Kysely<DB>, f: FrozenPeriod): Promise<boolean> {
  const res = await db
    .insertInto('evaluation_periods')
    .values({ period_key: f.periodKey, rule_set_id: f.ruleSetId, results_json: toJson(f.units)!, frozen_by: f.frozenBy, frozen_at: f.frozenAt.toISOString() })
    .onConflict((oc) => oc.column('period_key').doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function listRatings(db: Kysely<DB>, periodKey: string): Promise<Rating[]> {
  const rows = await db.selectFrom('evaluation_ratings').selectAll().where('period_key', '=', periodKey).orderBy('unit_id').orderBy('rated_by').execute();
  return rows.map((r) => ({ unitId: r.unit_id, periodKey: r.period_key, ratedBy: r.rated_by, rating: Number(r.rating), comment: r.comment }));
}

/** One rating per supervisor, unit and period: a second rating replaces the first. */
export async function upsertRating(db: Kysely<DB>, r: Rating & { id: string; now: Date }): Promise<Rating | null> {
  const before = await db.selectFrom('evaluation_ratings').selectAll().where('unit_id', '=', r.unitId).where('period_key', '=', r.periodKey).where('rated_by', '=', r.ratedBy).executeTakeFirst();
  const at = r.now.toISOString();
  await db
    .insertInto('evaluation_ratings')
    .values({ id: r.id, unit_id: r.unitId, period_key: r.periodKey, rated_by: r.ratedBy, rating: r.rating, comment: r.comment, created_at: at, updated_at: at })
    .onConflict((oc) => oc.columns(['unit_id', 'period_key', 'rated_by']).doUpdateSet({ rating: r.rating, comment: r.comment, updated_at: at }))
    .execute();
  return before ? { unitId: before.unit_id, periodKey: before.period_key, ratedBy: before.rated_by, rating: Number(before.rating), comment: before.comment } : null;
}

export async function unitExists(db: Kysely<DB>, id: string): Promise<boolean> {
  return (await db.selectFrom('units').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

// ── the read model ──

/** Every fact the scoring needs for the period, per unit, in a handful of set-based queries. */
export async function loadUnitFacts(db: Kysely<DB>, period: { key: string; start: IsoDate; end: IsoDate }, tz?: string): Promise<UnitFacts[]> {
  const s = startOfLocalDay(period.start, tz).toISOString();
  const e = endOfLocalDay(period.end, tz).toISOString();
  const facts = new Map<string, UnitFacts>();
  const unitNames = new Map((await db.selectFrom('units').select(['id', 'name']).execute()).map((u) => [u.id, u.name]));
  const of = (unitId: string): UnitFacts => {
    let f = facts.get(unitId);
    if (!f) {
      f = { unitId, unitName: unitNames.get(unitId) ?? unitId, assignments: [], reports: [], accepted: [], due: [], rectifications: [], overdue: [], ratings: [], instructions: [] };
      facts.set(unitId, f);
    }
    return f;
  };
  type Mutable<T> = { -readonly [K in keyof T]: T[K] extends ReadonlyArray<infer U> ? U[] : T[K] };
  const m = (unitId: string) => of(unitId) as unknown as Mutable<UnitFacts>;

  const assigned = await db
    .selectFrom('tasks')
    .select(['id', 'title', 'lead_unit_id', 'assigned_at', 'signed_at'])
    .where('lead_unit_id', 'is not', null)
    .where('assigned_at', '>=', s)
    .where('assigned_at', '<=', e)
    .execute();
  for (const t of assigned) m(t.lead_unit_id!).assignments.push({ taskId: t.id, title: t.title, assignedAt: t.assigned_at!, signedAt: t.signed_at });

  const submitted = await db
    .selectFrom('reports')
    .innerJoin('tasks', 'tasks.id', 'reports.task_id')
    .select(['reports.task_id', 'tasks.title', 'reports.unit_id', 'reports.late'])
    .where('reports.first_submitted_at', '>=', s)
    .where('reports.first_submitted_at', '<=', e)
    .execute();
  for (const r of submitted) m(r.unit_id).reports.push({ taskId: r.task_id, title: r.title, late: Number(r.late) === 1 });

  const accepted = await db
    .selectFrom('reports')
    .innerJoin('tasks', 'tasks.id', 'reports.task_id')
    .select(['reports.task_id', 'tasks.title', 'reports.unit_id', 'reports.revision'])
    .where('reports.state', '=', 'accepted')
    .where('reports.reviewed_at', '>=', s)
    .where('reports.reviewed_at', '<=', e)
    .execute();
  for (const r of accepted) m(r.unit_id).accepted.push({ taskId: r.task_id, title: r.title, revision: Number(r.revision) });

  const due = await db
    .selectFrom('tasks')
    .select(['id', 'title', 'lead_unit_id', 'due_date', 'closed_at', 'task_type'])
    .where('lead_unit_id', 'is not', null)
    .where('state', '!=', 'draft')
    .where('due_date', '>=', period.start)
    .where('due_date', '<=', period.end)
    .execute();
  for (const t of due) {
    const dueEnd = endOfLocalDay(t.due_date!, tz).toISOString();
    const closedOnTime = t.closed_at !== null && t.closed_at <= dueEnd;
    // 整改 tasks (made from inspection findings, migration 0010) are scored for speed, not counted in closure.
    if (t.task_type === 'rectification') {
      const closedDay = t.closed_at ? toLocalDate(new Date(t.closed_at), tz) : null;
      const daysLate = closedOnTime ? 0 : Math.max(0, daysBetween(t.due_date!, closedDay ?? period.end));
      m(t.lead_unit_id!).rectifications.push({ taskId: t.id, title: t.title, dueDate: t.due_date!, closedOnTime, daysLate });
    } else {
      m(t.lead_unit_id!).due.push({ taskId: t.id, title: t.title, dueDate: t.due_date!, closedOnTime });
    }
  }

  // Days in the period on which a task was open and past its due day.
  const late = await db
    .selectFrom('tasks')
    .select(['id', 'title', 'lead_unit_id', 'due_date', 'closed_at'])
    .where('lead_unit_id', 'is not', null)
    .where('state', 'not in', ['draft', 'suspended'])
    .where('due_date', '<', period.end)
    .where((eb) => eb.or([eb('closed_at', 'is', null), eb('closed_at', '>=', s)]))
    .execute();
  for (const t of late) {
    const from = t.due_date! >= period.start ? t.due_date! : addDays(period.start, -1);
    const closedDay = t.closed_at ? toLocalDate(new Date(t.closed_at), tz) : null;
    const to = closedDay && closedDay < period.end ? closedDay : period.end;
    const days = daysBetween(from, to);
    if (days > 0) m(t.lead_unit_id!).overdue.push({ taskId: t.id, title: t.title, days });
  }

  for (const r of await listRatings(db, period.key)) m(r.unitId).ratings.push({ rating: r.rating, ratedBy: r.ratedBy, comment: r.comment });

  const instructions = await db
    .selectFrom('instructions')
    .innerJoin('tasks', 'tasks.id', 'instructions.task_id')
    .select(['instructions.id', 'instructions.task_id', 'instructions.created_at', 'tasks.title', 'tasks.lead_unit_id'])
    .where('tasks.lead_unit_id', 'is not', null)
    .where('instructions.created_at', '>=', s)
    .where('instructions.created_at', '<=', e)
    .execute();
  if (instructions.length) {
    const answers = await db
      .selectFrom('reports')
      .select(['task_id', 'unit_id', 'first_submitted_at', 'submitted_at'])
      .where('task_id', 'in', [...new Set(instructions.map((i) => i.task_id))])
      .where('submitted_at', 'is not', null)
      .execute();
    for (const i of instructions) {
      // The unit answers a 批示 with its next report on the task (its first submission, or a later resubmission).
      let answeredAt: string | null = null;
      for (const a of answers) {
        if (a.task_id !== i.task_id || a.unit_id !== i.lead_unit_id) continue;
        for (const at of [a.first_submitted_at, a.submitted_at]) if (at && at > i.created_at && (!answeredAt || at < answeredAt)) answeredAt = at;
      }
      m(i.lead_unit_id!).instructions.push({ taskId: i.task_id, title: i.title, createdAt: i.created_at, answeredAt });
    }
  }
  return [...facts.values()];
}
