/**
 * Evaluation rule sets, ratings and frozen periods; and the read model the scoring runs on — set-based facts of
 * tasks, reports and instructions for one period, each read through the module that owns it.
 */
import type { Kysely } from 'kysely';
import type { RuleSet, UnitFacts, UnitScore } from '../../../core/evaluation/index.ts';
import { addDays, daysBetween, endOfLocalDay, startOfLocalDay, toLocalDate, type IsoDate } from '../../../core/time.ts';
import type { DB } from '../../platform/db/schema.ts';
import { fromJson, toJson } from '../../platform/db/json.ts';
import { instructionsGivenBetween } from '../instructions/index.ts';
import { reportsAcceptedBetween, reportsFirstSubmittedBetween, submissionsOfTasks } from '../reports/index.ts';
import { tasksAssignedBetween, tasksDueBetween, tasksPastDueDuring } from '../tasks/index.ts';
import { unitActivityOf, unitNamesOf } from '../units/index.ts';

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

/** Whether the unit exists (active or not). */
export async function unitExists(db: Kysely<DB>, id: string): Promise<boolean> {
  return (await unitActivityOf(db, [id])).has(id);
}

// ── the read model ──

/**
 * Every fact the scoring needs for the period, per unit, in a handful of set-based queries — each through the
 * module that owns the table (tasks, reports, instructions, units).
 */
export async function loadUnitFacts(db: Kysely<DB>, period: { key: string; start: IsoDate; end: IsoDate }, tz?: string): Promise<UnitFacts[]> {
  const s = startOfLocalDay(period.start, tz).toISOString();
  const e = endOfLocalDay(period.end, tz).toISOString();
  const facts = new Map<string, UnitFacts>();
  const of = (unitId: string): UnitFacts => {
    let f = facts.get(unitId);
    if (!f) {
      f = { unitId, unitName: unitId, assignments: [], reports: [], accepted: [], due: [], rectifications: [], overdue: [], ratings: [], instructions: [] };
      facts.set(unitId, f);
    }
    return f;
  };
  type Mutable<T> = { -readonly [K in keyof T]: T[K] extends ReadonlyArray<infer U> ? U[] : T[K] };
  const m = (unitId: string) => of(unitId) as unknown as Mutable<UnitFacts>;

  for (const t of await tasksAssignedBetween(db, s, e)) m(t.leadUnitId).assignments.push({ taskId: t.id, title: t.title, assignedAt: t.assignedAt, signedAt: t.signedAt });

  for (const r of await reportsFirstSubmittedBetween(db, s, e)) m(r.unitId).reports.push({ taskId: r.taskId, title: r.taskTitle, late: r.late });

  for (const r of await reportsAcceptedBetween(db, s, e)) m(r.unitId).accepted.push({ taskId: r.taskId, title: r.taskTitle, revision: r.revision });

  for (const t of await tasksDueBetween(db, period.start, period.end)) {
    const dueEnd = endOfLocalDay(t.dueDate, tz).toISOString();
    const closedOnTime = t.closedAt !== null && t.closedAt <= dueEnd;
    // 整改 tasks (made from inspection findings, migration 0010) are scored for speed, not counted in closure.
    if (t.taskType === 'rectification') {
      const closedDay = t.closedAt ? toLocalDate(new Date(t.closedAt), tz) : null;
      const daysLate = closedOnTime ? 0 : Math.max(0, daysBetween(t.dueDate, closedDay ?? period.end));
      m(t.leadUnitId).rectifications.push({ taskId: t.id, title: t.title, dueDate: t.dueDate, closedOnTime, daysLate });
    } else {
      m(t.leadUnitId).due.push({ taskId: t.id, title: t.title, dueDate: t.dueDate, closedOnTime });
    }
  }

  // Days in the period on which a task was open and past its due day.
  for (const t of await tasksPastDueDuring(db, period.end, s)) {
    const from = t.dueDate >= period.start ? t.dueDate : addDays(period.start, -1);
    const closedDay = t.closedAt ? toLocalDate(new Date(t.closedAt), tz) : null;
    const to = closedDay && closedDay < period.end ? closedDay : period.end;
    const days = daysBetween(from, to);
    if (days > 0) m(t.leadUnitId).overdue.push({ taskId: t.id, title: t.title, days });
  }

  for (const r of await listRatings(db, period.key)) m(r.unitId).ratings.push({ rating: r.rating, ratedBy: r.ratedBy, comment: r.comment });

  const instructions = await instructionsGivenBetween(db, s, e);
  if (instructions.length) {
    const answers = await submissionsOfTasks(db, instructions.map((i) => i.taskId));
    for (const i of instructions) {
      // The unit answers a 批示 with its next report on the task (its first submission, or a later resubmission).
      let answeredAt: string | null = null;
      for (const a of answers) {
        if (a.taskId !== i.taskId || a.unitId !== i.leadUnitId) continue;
        for (const at of [a.firstSubmittedAt, a.submittedAt]) if (at && at > i.createdAt && (!answeredAt || at < answeredAt)) answeredAt = at;
      }
      m(i.leadUnitId).instructions.push({ taskId: i.taskId, title: i.taskTitle, createdAt: i.createdAt, answeredAt });
    }
  }

  // Names last, for exactly the units that have facts (a unit since deleted keeps its id as its name).
  const names = await unitNamesOf(db, [...facts.keys()]);
  for (const f of facts.values()) f.unitName = names.get(f.unitId) ?? f.unitId;
  return [...facts.values()];
}
