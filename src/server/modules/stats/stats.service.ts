/**
 * The dashboards (统计): every number counts the tasks the ledger lists for the same filter and the same caller —
 * the filter and the scope are the ledger's own WHERE clause (`ledgerWhere`), and each number comes with the ledger
 * query that lists what it counts. Report figures come from per-task counters, never from scanning reports.
 */
import type { StatsBucket, StatsListItem, StatsQuery, StatsResponse, StatsUnitBucket, TreeNode, TrendPoint, HealthCounts, LedgerQuery } from '../../../contract/stats.ts';
import { addDays, DEFAULT_TZ, toLocalDate, weekKey } from '../../../core/time.ts';
import { HEALTH_COLOURS as COLOURS, worstColour, type HealthColour } from '../../../core/tasks/index.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { mayGiveInstructions } from '../instructions/index.ts';
import { maySendReminders } from '../notices/index.ts';
import { getProgramme, listProgrammes } from '../programmes/index.ts';
import { sumReportCounters, type ReportCounts } from '../reports/index.ts';
import {
  countTasksWhere,
  ledgerCriteriaOf,
  ledgerWhere,
  listTasksByUrgency,
  OVERDUE_STATES,
  taskCountsByAreaLeadHealth,
  taskCountsByCoUnit,
  taskTitlesOf,
  taskTreeLeaves,
  visibilityOf,
  type CountCell,
  type LedgerCriteria,
  type ListedTask,
  type TaskWhere,
} from '../tasks/index.ts';
import { listUnits } from '../units/index.ts';
import { presentListItem } from './stats.presenter.ts';
import { cachedForScope, type Computed } from './stats-cache.ts';
import { snapshotSeries } from './stats.repository.ts';

/** 签收 is on time within this many days of 交办 (the issue is silent; three days is common office practice). */
export const SIGN_DAYS = 3;
/** How many items the red and overdue lists carry (their totals are exact). */
const LIST_LIMIT = 50;
/** Above this many tasks the tree map shows work areas only. */
const TREE_LEAF_LIMIT = 1500;
/** Weeks of history in the trend. */
const TREND_WEEKS = 12;

const zeroCounts = (): HealthCounts => ({ red: 0, yellow: 0, blue: 0, green: 0, grey: 0, none: 0 });

function bucketsOf(cells: readonly CountCell[], names: (key: string) => string): StatsBucket[] {
  const map = new Map<string, StatsBucket & { progressSum: number }>();
  for (const c of cells) {
    if (c.key === null) continue;
    let b = map.get(c.key);
    if (!b) map.set(c.key, (b = { id: c.key, name: names(c.key), total: 0, closed: 0, overdue: 0, progress: 0, health: zeroCounts(), progressSum: 0 }));
    b.total += c.n;
    b.closed += c.closed;
    b.overdue += c.overdue;
    b.progressSum += c.progress;
    const colour = (COLOURS as readonly string[]).includes(c.health) ? c.health : 'none';
    b.health[colour] += c.n;
  }
  return [...map.values()].map(({ progressSum, ...b }) => ({ ...b, progress: b.total ? Math.round((progressSum / b.total) * 10) / 10 : 0 }));
}

function sumBuckets(buckets: readonly StatsBucket[], id: string, name: string): StatsBucket {
  const t: StatsBucket = { id, name, total: 0, closed: 0, overdue: 0, progress: 0, health: zeroCounts() };
  let progressSum = 0;
  for (const b of buckets) {
    t.total += b.total;
    t.closed += b.closed;
    t.overdue += b.overdue;
    progressSum += b.progress * b.total;
    for (const c of COLOURS) t.health[c] += b.health[c];
  }
  t.progress = t.total ? Math.round((progressSum / t.total) * 10) / 10 : 0;
  return t;
}

const rate = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10000) / 10000 : null);

/** The filter as ledger URL parameters (lists joined with commas), so the UI can link to exactly these tasks. */
export function ledgerQueryOf(f: LedgerCriteria): LedgerQuery {
  const out: LedgerQuery = {};
  for (const [k, v] of Object.entries(f)) {
    if (v === undefined || v === null || v === '') continue;
    out[k] = Array.isArray(v) ? v.join(',') : String(v);
  }
  return out;
}

/** A list filter narrowed to `only` (the intersection with what the caller already asked for); null when empty. */
function narrow<T extends string>(asked: readonly T[] | undefined, only: readonly T[]): T[] | null {
  const result = asked?.length ? only.filter((x) => asked.includes(x)) : [...only];
  return result.length ? result : null;
}

/** Which parts of the dashboards to compute (the homes need only the counts). */
export interface StatsParts {
  lists?: boolean;
  trend?: boolean;
  tree?: boolean;
}

/** The criteria as a cache key: the same filter however its parameters were ordered or left empty. */
function keyOf(criteria: LedgerCriteria): [string, unknown][] {
  return Object.entries(criteria)
    .filter(([, v]) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Checked on every request, cached or not: what the computation's own calls would check. */
function requireReadable(actor: Actor): void {
  requirePermission(actor, 'task.read');
  requirePermission(actor, 'unit.read');
  requirePermission(actor, 'programme.read');
}

/**
 * The dashboards for the caller's scope under the ledger's filter (`kind` defaults to `task`), from the result cache
 * while nothing they count has changed (see `stats-cache.ts`).
 */
export async function getStats(ctx: AppContext, actor: Actor, query: StatsQuery, parts: StatsParts = {}): Promise<StatsResponse> {
  requireReadable(actor);
  const want = { lists: true, trend: true, tree: true, ...parts };
  const criteria: LedgerCriteria = { ...ledgerCriteriaOf(query) };
  if (!criteria.kind?.length) criteria.kind = ['task'];
  // Never from the cache: whether the caller may see the programme at all.
  if (criteria.programmeId) await getProgramme(ctx, actor, criteria.programmeId);
  const stats = await cachedForScope(ctx, actor, ['stats', keyOf(criteria), want], (now, today) => computeStats(ctx, actor, criteria, want, now, today));
  return { ...stats, abilities: { instruct: mayGiveInstructions(actor), remind: maySendReminders(actor) } };
}

async function computeStats(ctx: AppContext, actor: Actor, criteria: LedgerCriteria, want: Required<StatsParts>, now: Date, today: string): Promise<Computed<Omit<StatsResponse, 'abilities'>>> {
  const where = ledgerWhere(actor, criteria);

  const units = await listUnits(ctx, actor);
  const unitNames = new Map(units.map((u) => [u.id, u.name]));
  const cells = await taskCountsByAreaLeadHealth(ctx.db, ctx.database.kind, where, today, SIGN_DAYS * 86400, new Date(now.getTime() - SIGN_DAYS * 86400_000).toISOString());
  const areaInfo = await taskTitlesOf(ctx.db, cells.map((c) => c.areaId).filter((k): k is string => k !== null));
  const areaName = (id: string) => {
    const a = areaInfo.get(id);
    return a ? [a.label, a.title].filter(Boolean).join(' ') : id;
  };
  const byArea = bucketsOf(cells.map((c) => ({ ...c, key: c.areaId })), areaName);
  const totals = sumBuckets(byArea, 'all', '');

  const reports = await sumReportCounters(ctx.db, where);
  const noReports: ReportCounts = { submitted: 0, onTime: 0, accepted: 0, acceptedFirst: 0 };
  const byUnit: StatsUnitBucket[] = bucketsOf([...cells, ...(await taskCountsByCoUnit(ctx.db, where, today))], (id) => unitNames.get(id) ?? id)
    // Under a unit filter only that unit's bar is drillable (the ledger takes one unit), so only it is shown.
    .filter((b) => !criteria.unitId || b.id === criteria.unitId)
    .map((b) => ({ ...b, reports: reports.byUnit.get(b.id) ?? noReports }))
    .sort((a, b) => b.health.red - a.health.red || b.overdue - a.overdue || b.total - a.total || a.name.localeCompare(b.name, 'zh-Hans'));

  const signing = { onTime: 0, late: 0, unsignedOverdue: 0 };
  // The signing rate changes with time alone when an unsigned task's three days run out: the result expires then.
  let validUntil = Infinity;
  for (const c of cells) {
    signing.onTime += c.signedOnTime;
    signing.late += c.signedLate;
    signing.unsignedOverdue += c.unsignedOverdue;
    if (c.nextUnsignedAssignedAt) validUntil = Math.min(validUntil, Date.parse(c.nextUnsignedAssignedAt) + SIGN_DAYS * 86400_000);
  }

  const present = (rows: ListedTask[]) => presentList(ctx, rows, unitNames, today);
  const red = { total: totals.health.red, items: want.lists ? await present(await listTasksByUrgency(ctx.db, where, { health: 'red' }, LIST_LIMIT)) : [] };
  const overdue = { total: totals.overdue, items: want.lists ? await present(await listTasksByUrgency(ctx.db, where, { overdueBefore: today }, LIST_LIMIT)) : [] };

  const states = narrow(criteria.state, OVERDUE_STATES);
  const yesterday = addDays(today, -1);
  const base = ledgerQueryOf(criteria);
  const closedStates = narrow(criteria.state, ['closed'] as const);
  const redHealth = narrow(criteria.health, ['red'] as const);
  const drill = {
    all: base,
    closed: closedStates ? { ...base, state: closedStates.join(',') } : null,
    overdue: states ? { ...base, state: states.join(','), dueTo: criteria.dueTo && criteria.dueTo < yesterday ? criteria.dueTo : yesterday } : null,
    red: redHealth ? { ...base, health: 'red' } : null,
  };

  const value = {
    filter: base,
    today,
    totals,
    byArea,
    byUnit,
    rates: {
      signing: { days: SIGN_DAYS, ...signing, rate: rate(signing.onTime, signing.onTime + signing.late + signing.unsignedOverdue) },
      reporting: { submitted: reports.total.submitted, onTime: reports.total.onTime, rate: rate(reports.total.onTime, reports.total.submitted) },
      firstAcceptance: { accepted: reports.total.accepted, acceptedFirst: reports.total.acceptedFirst, rate: rate(reports.total.acceptedFirst, reports.total.accepted) },
    },
    red,
    overdue,
    trend: want.trend ? await trendOf(ctx, actor, criteria, totals, today) : { points: [livePoint(totals, today)], history: false },
    tree: want.tree ? await treeOf(ctx, actor, criteria, where, byArea, areaInfo) : [],
    drill,
  };
  return { value, validUntil };
}

/** The live point has the snapshots' definition: published tasks, open ones by colour plus closed ones. */
function livePoint(totals: StatsBucket, today: string): TrendPoint {
  const h = totals.health;
  return { day: today, red: h.red, yellow: h.yellow, blue: h.blue, green: h.green, grey: h.grey, closed: totals.closed, total: h.red + h.yellow + h.blue + h.green + h.grey + totals.closed, live: true };
}

/**
 * Weekly history from the daily snapshots (the last snapshot of each week), then "now". Snapshots hold whole
 * programmes and work areas, so history is given only when the filter narrows no further and the caller sees the
 * programmes whole (leaders, administrators, viewers; supervisors for their programmes).
 */
async function trendOf(ctx: AppContext, actor: Actor, f: LedgerCriteria, totals: StatsBucket, today: string) {
  const live = livePoint(totals, today);
  const narrowed = f.parentId || f.unitId || f.health?.length || f.state?.length || f.tag || f.dueFrom || f.dueTo || f.q?.trim() || f.kind?.join(',') !== 'task';
  const v = visibilityOf(actor);
  let programmeIds: string[] = [];
  // A supervisor who is not also a liaison lists exactly the programmes they supervise.
  if (v.all || v.viewer || (v.supervisorUserId && !v.liaisonUnitId)) programmeIds = (await listProgrammes(ctx, actor)).map((p) => p.id);
  if (f.programmeId) programmeIds = programmeIds.filter((id) => id === f.programmeId);
  if (narrowed || !programmeIds.length) return { points: [live], history: false };
  const series = await snapshotSeries(ctx.db, programmeIds, f.areaId ?? '', addDays(today, -7 * TREND_WEEKS));
  const byWeek = new Map<string, (typeof series)[number]>();
  for (const s of series) if (s.day < today) byWeek.set(weekKey(s.day), s);
  const points: TrendPoint[] = [...byWeek.values()].filter((p) => weekKey(p.day) !== weekKey(today)).map((p) => ({ ...p, live: false }));
  return { points: [...points, live], history: true };
}

const worst = (c: HealthCounts): HealthColour => worstColour(COLOURS.filter((k) => c[k] > 0));

/** The programme as a tree map: programmes (when none is chosen), work areas, and tasks when there are not too many. */
async function treeOf(ctx: AppContext, actor: Actor, f: LedgerCriteria, where: ReturnType<typeof ledgerWhere>, byArea: StatsBucket[], areaInfo: Map<string, { title: string; programmeId: string }>): Promise<TreeNode[]> {
  const nodes: TreeNode[] = [];
  if (!f.programmeId) {
    const titles = new Map((await listProgrammes(ctx, actor)).map((p) => [p.id, p.title]));
    const perProgramme = new Map<string, StatsBucket[]>();
    for (const a of byArea) {
      const pid = areaInfo.get(a.id)?.programmeId;
      if (pid) perProgramme.set(pid, [...(perProgramme.get(pid) ?? []), a]);
    }
    for (const [pid, areas] of perProgramme) {
      const sum = sumBuckets(areas, pid, titles.get(pid) ?? pid);
      nodes.push({ id: pid, parentId: null, kind: 'programme', name: sum.name, value: sum.total, health: worst(sum.health), counts: sum.health });
    }
  }
  for (const a of byArea) {
    nodes.push({ id: a.id, parentId: f.programmeId ? null : (areaInfo.get(a.id)?.programmeId ?? null), kind: 'area', name: a.name, value: a.total, health: worst(a.health), counts: a.health });
  }
  const total = byArea.reduce((n, a) => n + a.total, 0);
  if (total <= TREE_LEAF_LIMIT) {
    const leaves = await taskTreeLeaves(ctx.db, where, TREE_LEAF_LIMIT);
    for (const t of leaves) {
      const counts = zeroCounts();
      const colour = (COLOURS as readonly string[]).includes(t.health) ? (t.health as HealthColour) : 'none';
      counts[colour] = 1;
      nodes.push({ id: t.id, parentId: t.area_id ?? null, kind: 'task', name: [t.label, t.title].filter(Boolean).join(' '), value: 1, health: colour, counts });
    }
  }
  return nodes;
}

async function presentList(ctx: AppContext, rows: ListedTask[], unitNames: ReadonlyMap<string, string>, today: string): Promise<StatsListItem[]> {
  const titles = await taskTitlesOf(ctx.db, rows.map((r) => r.areaId));
  return rows.map((r) => presentListItem(r, titles.get(r.areaId)?.title ?? '', r.leadUnitId ? (unitNames.get(r.leadUnitId) ?? null) : null, today));
}

/** The caller's tasks of one colour under a ledger filter (`kind` defaults to `task`), with reasons; total exact. */
export async function listByHealth(ctx: AppContext, actor: Actor, query: StatsQuery, health: HealthColour, limit = LIST_LIMIT): Promise<{ total: number; items: StatsListItem[] }> {
  requireReadable(actor);
  const criteria: LedgerCriteria = { ...ledgerCriteriaOf(query) };
  if (!criteria.kind?.length) criteria.kind = ['task'];
  if (criteria.health?.length && !criteria.health.includes(health)) return { total: 0, items: [] };
  const where = ledgerWhere(actor, { ...criteria, health: [health] });
  return cachedForScope(ctx, actor, ['byHealth', keyOf(criteria), health, limit], async (_now, today) => {
    const rows = await listTasksByUrgency(ctx.db, where, { health }, limit);
    const total = await countTasksWhere(ctx.db, where);
    const unitNames = new Map((await listUnits(ctx, actor)).map((u) => [u.id, u.name]));
    return { value: { total, items: await presentList(ctx, rows, unitNames, today) } };
  });
}

/**
 * The caller's tasks under a ledger filter that also match `extra` (another module's read-model clause), due first.
 * `cacheKey` names `extra` for the result cache (a clause is code, so the caller names it); `extra` may read only
 * tables whose writes move the data version (migration 0019). Without a key the result is computed every time.
 */
export async function listMatching(ctx: AppContext, actor: Actor, query: StatsQuery, extra: TaskWhere, limit = LIST_LIMIT, cacheKey?: string): Promise<{ total: number; items: StatsListItem[] }> {
  requireReadable(actor);
  const criteria: LedgerCriteria = { ...ledgerCriteriaOf(query) };
  if (!criteria.kind?.length) criteria.kind = ['task'];
  const scoped = ledgerWhere(actor, criteria);
  const where: TaskWhere = (eb) => eb.and([scoped(eb), extra(eb)]);
  const compute = async (today: string) => {
    const rows = await listTasksByUrgency(ctx.db, where, { where: extra }, limit);
    const unitNames = new Map((await listUnits(ctx, actor)).map((u) => [u.id, u.name]));
    return { total: await countTasksWhere(ctx.db, where), items: await presentList(ctx, rows, unitNames, today) };
  };
  if (cacheKey === undefined) return compute(toLocalDate(ctx.clock.now(), DEFAULT_TZ));
  return cachedForScope(ctx, actor, ['matching', cacheKey, keyOf(criteria), limit], async (_now, today) => ({ value: await compute(today) }));
}
