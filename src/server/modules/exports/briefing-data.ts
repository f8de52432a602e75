/**
 * The facts of a 通报 (briefing) on one programme for a period, computed from what the closed loop recorded: how many
 * tasks, how many closed (and closed in the period), red and overdue now, each lead unit's standing, the red items
 * with their reasons, and what deserves praise (closed before the deadline, reports accepted at first submission).
 *
 * Best and worst units, the rule (documented in docs/exports.md): only lead units with at least one task count.
 * Best = the highest completion rate (closed ÷ tasks), then fewer red and overdue items, then more tasks; named only
 * when it has closed something. Worst = among the other units, the most red plus overdue items, then the lower
 * completion rate; named only when that number is above zero.
 */
import { calendarDaysBetween, DEFAULT_TZ, endOfLocalDay, startOfLocalDay, toLocalDate } from '../../../core/time.ts';
import type { ExportLang } from '../../../contract/exports.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { badRequest, forbidden } from '../../platform/errors.ts';
import { getProgramme } from '../programmes/index.ts';
import { firstTimeAcceptances } from '../reports/index.ts';
import type { Task } from '../tasks/index.ts';
import { unitNamesById } from '../units/index.ts';
import { unitNameOfUser } from '../users/index.ts';
import { mayBrief } from './exports.policy.ts';
import { loadRows } from './ledger-data.ts';

export interface UnitStanding {
  unitId: string;
  unit: string;
  tasks: number;
  closed: number;
  red: number;
  yellow: number;
  overdue: number;
  /** closed ÷ tasks, 0–1. */
  rate: number;
}

export interface RedItem {
  title: string;
  unit: string;
  dueDate: string | null;
  reason: string;
}

export interface EarlyClosure {
  title: string;
  unit: string;
  closedOn: string;
  daysEarly: number;
}

export interface FirstTimeItem {
  title: string;
  unit: string;
  periodKey: string;
}

export interface Briefing {
  lang: ExportLang;
  programmeTitle: string;
  office: string;
  from: string;
  to: string;
  /** The date the facts are as of: the period's end, or today when the period has not ended. */
  asOf: string;
  tasks: number;
  closed: number;
  closedInPeriod: number;
  red: number;
  yellow: number;
  overdue: number;
  units: UnitStanding[];
  best: UnitStanding | null;
  worst: UnitStanding | null;
  redItems: RedItem[];
  earlyClosures: EarlyClosure[];
  firstTime: FirstTimeItem[];
}

const MAX_PERIOD_DAYS = 366 * 5;

function better(a: UnitStanding, b: UnitStanding): number {
  return b.rate - a.rate || (a.red + a.overdue) - (b.red + b.overdue) || b.tasks - a.tasks || a.unit.localeCompare(b.unit, 'zh');
}

function worse(a: UnitStanding, b: UnitStanding): number {
  return (b.red + b.overdue) - (a.red + a.overdue) || a.rate - b.rate || a.unit.localeCompare(b.unit, 'zh');
}

/** Loads the facts of a briefing; 404 for a programme the actor cannot see, 403 for one they may not brief on. */
export async function loadBriefing(
  ctx: AppContext,
  actor: Actor,
  input: { programmeId: string; from: string; to: string; lang?: ExportLang; office?: string },
): Promise<Briefing> {
  requirePermission(actor, 'programme.read');
  const programme = await getProgramme(ctx, actor, input.programmeId);
  if (!mayBrief(actor, programme.supervisorIds)) throw forbidden('Only the programme’s supervisors, leaders and administrators issue briefings');
  if (input.from > input.to) throw badRequest('invalid_period', '`from` must not be after `to`');
  if (calendarDaysBetween(input.from, input.to) > MAX_PERIOD_DAYS) throw badRequest('invalid_period', 'A briefing covers at most five years');

  const today = toLocalDate(ctx.clock.now(), DEFAULT_TZ);
  const asOf = input.to < today ? input.to : today;
  const periodStart = startOfLocalDay(input.from, DEFAULT_TZ);
  const periodEnd = endOfLocalDay(input.to, DEFAULT_TZ);
  const tasks = (await loadRows(ctx, actor, { programmeId: programme.id, kind: ['task', 'subtask'] })).filter((t) => t.state !== 'draft');
  const names = await unitNamesById(ctx.db);
  const unitOf = (t: Task) => (t.leadUnitId ? (names.get(t.leadUnitId) ?? '') : '');
  const isOverdue = (t: Task) => t.state !== 'closed' && t.state !== 'suspended' && t.dueDate !== null && t.dueDate < asOf;

  const byUnit = new Map<string, UnitStanding>();
  for (const t of tasks) {
    if (!t.leadUnitId) continue;
    const s = byUnit.get(t.leadUnitId) ?? { unitId: t.leadUnitId, unit: unitOf(t), tasks: 0, closed: 0, red: 0, yellow: 0, overdue: 0, rate: 0 };
    s.tasks += 1;
    if (t.state === 'closed') s.closed += 1;
    if (t.health === 'red') s.red += 1;
    if (t.health === 'yellow') s.yellow += 1;
    if (isOverdue(t)) s.overdue += 1;
    s.rate = s.closed / s.tasks;
    byUnit.set(t.leadUnitId, s);
  }
  const units = [...byUnit.values()].sort(better);
  const best = units.find((u) => u.closed > 0) ?? null;
  const worstCandidate = units.filter((u) => u !== best).sort(worse)[0] ?? null;
  const worst = worstCandidate && worstCandidate.red + worstCandidate.overdue > 0 ? worstCandidate : null;

  const lang = input.lang ?? 'zh-Hans';
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const firstTime = (await firstTimeAcceptances(ctx.db, programme.id, periodStart.toISOString(), periodEnd.toISOString()))
    .filter((r) => byId.has(r.taskId))
    .map((r) => ({ title: byId.get(r.taskId)!.title, unit: names.get(r.unitId) ?? '', periodKey: r.periodKey }));

  const closedInPeriod = tasks.filter((t) => t.state === 'closed' && t.closedAt && t.closedAt >= periodStart && t.closedAt < periodEnd);
  const earlyClosures = closedInPeriod
    .map((t) => ({ t, closedOn: toLocalDate(t.closedAt!, DEFAULT_TZ) }))
    .filter(({ t, closedOn }) => t.dueDate !== null && closedOn < t.dueDate)
    .map(({ t, closedOn }) => ({ title: t.title, unit: unitOf(t), closedOn, daysEarly: calendarDaysBetween(closedOn, t.dueDate!) }))
    .sort((a, b) => b.daysEarly - a.daysEarly);

  const office = input.office?.trim() || (actor.kind === 'user' ? await unitNameOfUser(ctx.db, actor.id) : null)
    || (programme.supervisorIds[0] ? await unitNameOfUser(ctx.db, programme.supervisorIds[0]) : null) || '';
  return {
    lang,
    programmeTitle: programme.title,
    office,
    from: input.from,
    to: input.to,
    asOf,
    tasks: tasks.length,
    closed: tasks.filter((t) => t.state === 'closed').length,
    closedInPeriod: closedInPeriod.length,
    red: tasks.filter((t) => t.health === 'red').length,
    yellow: tasks.filter((t) => t.health === 'yellow').length,
    overdue: tasks.filter(isOverdue).length,
    units,
    best,
    worst,
    redItems: tasks
      .filter((t) => t.health === 'red')
      .sort((a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999'))
      .map((t) => ({ title: t.title, unit: unitOf(t), dueDate: t.dueDate, reason: t.healthDetail?.summary[lang] ?? '' })),
    earlyClosures,
    firstTime,
  };
}
