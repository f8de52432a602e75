/** Indicators (对标对表): making them (by hand or from decomposed targets), editing, reading, and their tasks' lights. */
import type { Kysely } from 'kysely';
import {
  directionOfTarget,
  expectedValue,
  indicatorPeriodBounds,
  indicatorPeriods,
  judgeIndicator,
  planProblems,
  round,
  type IndicatorFact,
  type IndicatorJudgement,
  type IndicatorPeriod,
} from '../../../core/indicators/index.ts';
import { toLocalDate, type IsoDate } from '../../../core/time.ts';
import type { CreateIndicatorBody, UpdateIndicatorBody } from '../../../contract/indicators.ts';
import { type Actor, supervisesProgramme } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/actor.ts';
import { appendAudit } from '../../platform/audit/audit-log.ts';
import type { AppContext } from '../../platform/context.ts';
import type { DB } from '../../platform/db/schema.ts';
import { badRequest, forbidden, notFound, versionConflict } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { getProgramme, programmeSupervisorIds } from '../programmes/index.ts';
import { listProgrammeTargets, loadTask, setTaskIndicatorFacts } from '../tasks/index.ts';
import { canSeeActual, indicatorAbilities, indicatorCapacitiesOf, indicatorScopeOf, type IndicatorAbilities, type IndicatorCapacities } from './indicators.policy.ts';
import {
  currentIndicatorVersion,
  findIndicator,
  insertIndicator,
  isIndicatorVisible,
  listActuals,
  listIndicatorRows,
  listIndicatorsOfTask,
  listPeers,
  namesFor,
  planOf,
  sourceKeysOf,
  unitExists,
  updateIndicatorRow,
  type Actual,
  type Indicator,
  type IndicatorFilter,
  type Peer,
} from './indicators.repository.ts';

export interface IndicatorAccess {
  indicator: Indicator;
  supervisorIds: string[];
  caps: IndicatorCapacities;
}

/** An indicator the actor may see, or 404 (existence is not revealed). */
export async function loadIndicator(db: Kysely<DB>, actor: Actor, id: string): Promise<IndicatorAccess> {
  const indicator = await findIndicator(db, id);
  if (!indicator) throw notFound('indicator');
  if (!(await isIndicatorVisible(db, indicatorScopeOf(actor), id))) throw notFound('indicator');
  const supervisorIds = await programmeSupervisorIds(db, indicator.programmeId);
  return { indicator, supervisorIds, caps: indicatorCapacitiesOf(actor, indicator, supervisorIds) };
}

export interface IndicatorView {
  indicator: Indicator;
  taskTitle: string | null;
  unitName: string;
  judgement: IndicatorJudgement;
  latest: Actual | null;
  abilities: IndicatorAbilities;
}

const todayOf = (now: Date): IsoDate => toLocalDate(now);

function latestAccepted(actuals: readonly Actual[]): Actual | null {
  let latest: Actual | null = null;
  // Period keys of one kind sort as text ('2024-Q1' < '2024-Q2', '2024-03' < '2024-11').
  for (const a of actuals) if (a.state === 'accepted' && (!latest || a.periodKey > latest.periodKey)) latest = a;
  return latest;
}

/** The judgement of an indicator's latest accepted actual against the time line. */
export function judge(i: Indicator, latest: Actual | null, today: IsoDate): IndicatorJudgement {
  const end = latest ? indicatorPeriodBounds(i.period, latest.periodKey)?.end ?? today : null;
  return judgeIndicator(planOf(i), latest && end ? { value: latest.value, periodEnd: end } : null, today);
}

async function viewsOf(db: Kysely<DB>, actor: Actor, indicators: readonly Indicator[], now: Date): Promise<IndicatorView[]> {
  const names = await namesFor(db, indicators);
  const actuals = await listActuals(db, indicators.map((i) => i.id), true);
  const byIndicator = new Map<string, Actual[]>();
  for (const a of actuals) byIndicator.set(a.indicatorId, [...(byIndicator.get(a.indicatorId) ?? []), a]);
  const supervisors = new Map<string, string[]>();
  const out: IndicatorView[] = [];
  for (const i of indicators) {
    let sup = supervisors.get(i.programmeId);
    if (!sup) supervisors.set(i.programmeId, (sup = await programmeSupervisorIds(db, i.programmeId)));
    const latest = latestAccepted(byIndicator.get(i.id) ?? []);
    out.push({
      indicator: i,
      taskTitle: i.taskId ? names.tasks.get(i.taskId) ?? null : null,
      unitName: names.units.get(i.responsibleUnitId) ?? '',
      judgement: judge(i, latest, todayOf(now)),
      latest,
      abilities: indicatorAbilities(actor, indicatorCapacitiesOf(actor, i, sup)),
    });
  }
  return out;
}

/** The actor's indicators (scoped in SQL), optionally of one programme, task or unit, or in one status. */
export async function listIndicators(ctx: AppContext, actor: Actor, filter: IndicatorFilter & { status?: string }): Promise<{ items: IndicatorView[]; canCreate: boolean }> {
  requirePermission(actor, 'task.read');
  const rows = await listIndicatorRows(ctx.db, indicatorScopeOf(actor), filter);
  const views = await viewsOf(ctx.db, actor, rows, ctx.clock.now());
  return { items: filter.status ? views.filter((v) => v.judgement.status === filter.status) : views, canCreate: actor.permissions.has('indicator.manage') };
}

export interface IndicatorDetail {
  view: IndicatorView;
  series: Array<{ periodKey: string; periodEnd: string; target: number; expected: number; actual: number | null; actualState: Actual['state'] | null }>;
  actuals: Actual[];
  caps: IndicatorCapacities;
  peers: Peer[];
  openPeriods: string[];
}

/** One indicator with its time line per period, the figures the caller may see, peers and reportable periods. */
export async function getIndicatorDetail(ctx: AppContext, actor: Actor, id: string, db: Kysely<DB> = ctx.db): Promise<IndicatorDetail> {
  requirePermission(actor, 'task.read');
  const { indicator, caps } = await loadIndicator(db, actor, id);
  const now = ctx.clock.now();
  const today = todayOf(now);
  const [view] = await viewsOf(db, actor, [indicator], now);
  const actuals = (await listActuals(db, [indicator.id])).filter((a) => canSeeActual(a.state, caps, actor));
  const byPeriod = new Map(actuals.map((a) => [a.periodKey, a]));
  const plan = planOf(indicator);
  const periods = indicatorPeriods(indicator.period, indicator.startDate, indicator.endDate);
  const series = periods.map((p) => {
    const a = byPeriod.get(p.key) ?? null;
    const end = p.end < indicator.endDate ? p.end : indicator.endDate;
    return { periodKey: p.key, periodEnd: end, target: indicator.target, expected: round(expectedValue(plan, end)), actual: a ? a.value : null, actualState: a ? a.state : null };
  });
  const openPeriods = view!.abilities.report ? periods.filter((p) => p.start <= today && byPeriod.get(p.key)?.state !== 'accepted').map((p) => p.key) : [];
  return { view: view!, series, actuals, caps, peers: await listPeers(db, indicator.id), openPeriods };
}

// ── writes ──

function checkPlan(i: Pick<Indicator, 'direction' | 'baseline' | 'target' | 'startDate' | 'endDate' | 'tolerance'>): void {
  const problems = planProblems({ direction: i.direction, baseline: i.baseline, target: i.target, startDate: i.startDate, endDate: i.endDate, tolerance: i.tolerance });
  if (problems.length) throw badRequest('invalid_indicator', problems.join('; '), { problems });
}

async function requireSupervisor(db: Kysely<DB>, actor: Actor, programmeId: string): Promise<string[]> {
  requirePermission(actor, 'indicator.manage');
  const supervisorIds = await programmeSupervisorIds(db, programmeId);
  if (!supervisesProgramme(actor, supervisorIds)) throw forbidden('Only a supervisor of the programme manages its indicators');
  return supervisorIds;
}

/** The facts a task's light reads: each of its indicators with the latest accepted actual. */
export async function syncTaskIndicatorFacts(db: Kysely<DB>, taskId: string, now: Date): Promise<void> {
  const indicators = await listIndicatorsOfTask(db, taskId);
  const actuals = await listActuals(db, indicators.map((i) => i.id), true);
  const facts: IndicatorFact[] = indicators.map((i) => {
    const latest = latestAccepted(actuals.filter((a) => a.indicatorId === i.id));
    const end = latest ? indicatorPeriodBounds(i.period, latest.periodKey)?.end ?? null : null;
    return { indicatorId: i.id, name: i.name, unit: i.unit, plan: planOf(i), latest: latest && end ? { value: latest.value, periodEnd: end } : null };
  });
  await setTaskIndicatorFacts(db, taskId, facts, now);
}

/** Creates an indicator by hand; a task, when named, must be of the same programme and visible to the caller. */
export async function createIndicator(ctx: AppContext, actor: Actor, input: CreateIndicatorBody): Promise<Indicator> {
  requirePermission(actor, 'indicator.manage');
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    await getProgramme(ctx, actor, input.programmeId, trx);
    await requireSupervisor(trx, actor, input.programmeId);
    const taskId = input.taskId ?? null;
    if (taskId) {
      const { task } = await loadTask(trx, actor, taskId);
      if (task.programmeId !== input.programmeId) throw badRequest('task_other_programme', 'The task belongs to another programme');
    }
    if (!(await unitExists(trx, input.responsibleUnitId))) throw badRequest('unit_not_found', 'The responsible unit does not exist', { field: 'responsibleUnitId' });
    const name = input.name.normalize('NFC').trim();
    if (!name) throw badRequest('name_required', 'The indicator needs a name');
    const indicator: Indicator = {
      id: newId(now.getTime()),
      programmeId: input.programmeId,
      taskId,
      name,
      unit: input.unit.trim(),
      baseline: input.baseline,
      target: input.target,
      direction: input.direction,
      period: input.period,
      tolerance: input.tolerance ?? null,
      responsibleUnitId: input.responsibleUnitId,
      startDate: input.startDate,
      endDate: input.endDate,
      sourceKey: null,
      createdBy: actor.kind === 'user' ? actor.id : null,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    checkPlan(indicator);
    await insertIndicator(trx, indicator);
    await appendAudit(trx, actor, { action: 'indicator.created', objectType: 'indicator', objectId: indicator.id, after: indicator, context: { programmeId: indicator.programmeId, ...(taskId ? { taskId } : {}) } }, now);
    if (taskId) await syncTaskIndicatorFacts(trx, taskId, now);
    return indicator;
  });
}

interface StoredTarget {
  text?: unknown;
  span?: unknown;
  metric?: unknown;
  value?: unknown;
  valueMax?: unknown;
  unit?: unknown;
  direction?: unknown;
}

/**
 * Makes an indicator of every decomposed target (value, unit, direction) of the programme's tasks that has none yet:
 * named by its metric (or the task), due over the task's dates (or the current year), yearly, baseline 0 for a
 * target to reach and the target itself for a ceiling or a level to hold; the task's lead unit is responsible.
 * Reported yearly unless the caller names another period.
 */
export async function createIndicatorsFromTargets(ctx: AppContext, actor: Actor, programmeId: string, period: IndicatorPeriod = 'year'): Promise<{ created: Indicator[]; skipped: Array<{ taskId: string; text: string; reason: string }> }> {
  requirePermission(actor, 'indicator.manage');
  const now = ctx.clock.now();
  const today = todayOf(now);
  return ctx.db.transaction().execute(async (trx) => {
    await getProgramme(ctx, actor, programmeId, trx);
    await requireSupervisor(trx, actor, programmeId);
    const existing = await sourceKeysOf(trx, programmeId);
    const created: Indicator[] = [];
    const skipped: Array<{ taskId: string; text: string; reason: string }> = [];
    const touched = new Set<string>();
    for (const task of await listProgrammeTargets(trx, programmeId)) {
      for (const raw of task.targets as StoredTarget[]) {
        const text = typeof raw.text === 'string' ? raw.text : '';
        const start = Array.isArray(raw.span) && typeof raw.span[0] === 'number' ? raw.span[0] : null;
        const value = typeof raw.value === 'number' && Number.isFinite(raw.value) ? raw.value : null;
        const sourceKey = `${task.taskId}#${start ?? text}`;
        if (existing.has(sourceKey)) continue;
        if (value === null) {
          skipped.push({ taskId: task.taskId, text, reason: 'no_value' });
          continue;
        }
        if (!task.leadUnitId) {
          skipped.push({ taskId: task.taskId, text, reason: 'no_lead_unit' });
          continue;
        }
        const direction = directionOfTarget(typeof raw.direction === 'string' ? raw.direction : 'at_least');
        const year = today.slice(0, 4);
        const startDate = task.startDate ?? `${year}-01-01`;
        const endDate = task.dueDate && task.dueDate > startDate ? task.dueDate : `${startDate.slice(0, 4)}-12-31`;
        const metric = typeof raw.metric === 'string' && raw.metric.trim() ? raw.metric.trim() : task.title;
        const indicator: Indicator = {
          id: newId(now.getTime()),
          programmeId,
          taskId: task.taskId,
          name: metric.slice(0, 200),
          unit: typeof raw.unit === 'string' ? raw.unit.slice(0, 40) : '',
          baseline: direction === 'at_least' ? 0 : value,
          target: value,
          direction,
          period,
          tolerance: null,
          responsibleUnitId: task.leadUnitId,
          startDate,
          endDate,
          sourceKey,
          createdBy: actor.kind === 'user' ? actor.id : null,
          createdAt: now,
          updatedAt: now,
          version: 1,
        };
        if (planProblems(planOf(indicator)).length) {
          skipped.push({ taskId: task.taskId, text, reason: 'bad_dates' });
          continue;
        }
        await insertIndicator(trx, indicator);
        await appendAudit(trx, actor, { action: 'indicator.created', objectType: 'indicator', objectId: indicator.id, after: { ...indicator, fromTarget: text }, context: { programmeId, taskId: task.taskId } }, now);
        existing.add(sourceKey);
        created.push(indicator);
        touched.add(task.taskId);
      }
    }
    for (const taskId of touched) await syncTaskIndicatorFacts(trx, taskId, now);
    return { created, skipped };
  });
}

/** Edits an indicator's plan or responsible unit (supervisors of its programme), on the version the caller saw. */
export async function updateIndicator(ctx: AppContext, actor: Actor, id: string, input: UpdateIndicatorBody): Promise<Indicator> {
  requirePermission(actor, 'indicator.manage');
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const { indicator } = await loadIndicator(trx, actor, id);
    await requireSupervisor(trx, actor, indicator.programmeId);
    if (input.responsibleUnitId && !(await unitExists(trx, input.responsibleUnitId))) throw badRequest('unit_not_found', 'The responsible unit does not exist', { field: 'responsibleUnitId' });
    const name = input.name === undefined ? indicator.name : input.name.normalize('NFC').trim();
    if (!name) throw badRequest('name_required', 'The indicator needs a name');
    const next: Indicator = {
      ...indicator,
      name,
      unit: input.unit?.trim() ?? indicator.unit,
      baseline: input.baseline ?? indicator.baseline,
      target: input.target ?? indicator.target,
      direction: input.direction ?? indicator.direction,
      tolerance: input.tolerance === undefined ? indicator.tolerance : input.tolerance,
      responsibleUnitId: input.responsibleUnitId ?? indicator.responsibleUnitId,
      startDate: input.startDate ?? indicator.startDate,
      endDate: input.endDate ?? indicator.endDate,
      updatedAt: now,
      version: input.version + 1,
    };
    checkPlan(next);
    if (input.version !== indicator.version || !(await updateIndicatorRow(trx, next, input.version))) {
      throw versionConflict('indicator', await currentIndicatorVersion(trx, id));
    }
    await appendAudit(trx, actor, { action: 'indicator.updated', objectType: 'indicator', objectId: id, before: indicator, after: next, context: { programmeId: indicator.programmeId, ...(indicator.taskId ? { taskId: indicator.taskId } : {}) } }, now);
    if (indicator.taskId) await syncTaskIndicatorFacts(trx, indicator.taskId, now);
    return next;
  });
}
