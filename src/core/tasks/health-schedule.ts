/**
 * When a task's light next changes by time alone. A light depends on time only through the local calendar day and
 * the end of the grace period, and each rule flips on a day that follows from the task's dates (the deadline, a
 * milestone, the last accepted report, the start of the work). So the candidates are few: evaluate the rules at each
 * candidate in order and return the first at which the colour or the set of reasons differs from now.
 */
import { cadenceLengthDays } from '../reports/report-lifecycle.ts';
import { addDays, daysBetween, DEFAULT_TZ, startOfLocalDay, toLocalDate, type IsoDate } from '../time.ts';
import { evaluateHealth, graceEnd, defaultHealthThresholds, type HealthInput, type HealthThresholds, type HealthVerdict } from './health.ts';

const signature = (v: HealthVerdict): string => `${v.colour}|${v.reasons.map((r) => `${r.colour}:${r.code}`).join(',')}`;

/** The days on which some rule may flip, as local dates (the light may change at the start of each). */
function candidateDays(input: HealthInput, t: HealthThresholds, tz: string): IsoDate[] {
  const days: IsoDate[] = [];
  if (input.state === 'suspended') {
    if (input.reviewDate) days.push(addDays(input.reviewDate, 1));
    return days;
  }
  if (input.dueDate) days.push(addDays(input.dueDate, -t.nearDueDays), addDays(input.dueDate, 1));
  for (const m of input.milestones) if (!m.done) days.push(addDays(m.dueDate, 1), addDays(m.dueDate, t.milestoneRedDays));

  const assignedDay = input.assignedAt ? toLocalDate(input.assignedAt, tz) : null;
  const start = assignedDay && (!input.startDate || assignedDay > input.startDate) ? assignedDay : input.startDate;
  if (start && input.dueDate) {
    const span = daysBetween(start, input.dueDate);
    if (span > 0) {
      // Behind schedule when round(100·elapsed/span) − progress reaches a threshold; a day either side absorbs rounding.
      const progress = Math.round(Math.min(100, Math.max(0, input.progress)));
      for (const lag of [t.lagYellowPct, t.lagRedPct]) {
        const d = Math.ceil(((progress + lag - 0.5) * span) / 100);
        if (d >= 0 && d <= span) days.push(addDays(start, d - 1), addDays(start, d), addDays(start, d + 1));
      }
    }
  }
  const cadenceDays = input.cadence ? cadenceLengthDays(input.cadence) : null;
  if (cadenceDays !== null) {
    const bases = [input.lastAcceptedReportAt ? toLocalDate(input.lastAcceptedReportAt, tz) : null, start].filter((b): b is IsoDate => b !== null);
    // Stale once the age exceeds factor × cadence: the first whole day past it.
    for (const base of bases) for (const f of [t.staleReportFactor, t.staleReportRedFactor]) days.push(addDays(base, Math.floor(f * cadenceDays) + 1));
  }
  return days;
}

/**
 * The first instant after `input.now` at which the light's colour or reasons change if nothing but time passes, or
 * null when they never do (draft, closed, or every rule already settled). Day counts inside the reasons (days
 * overdue, days since the last report) are not a change: they move daily and are refreshed with the light.
 */
export function nextHealthChange(input: HealthInput, thresholds: HealthThresholds = defaultHealthThresholds): Date | null {
  if (input.state === 'draft' || input.state === 'closed') return null;
  const tz = input.tz ?? DEFAULT_TZ;
  const now = input.now.getTime();
  const instants = new Set<number>();
  for (const day of candidateDays(input, thresholds, tz)) {
    const at = startOfLocalDay(day, tz).getTime();
    if (at > now) instants.add(at);
  }
  if (input.state !== 'suspended') {
    const grace = graceEnd(input, thresholds);
    if (grace && grace.getTime() > now) instants.add(grace.getTime());
  }
  const current = signature(evaluateHealth(input, thresholds));
  for (const at of [...instants].sort((a, b) => a - b)) {
    if (signature(evaluateHealth({ ...input, now: new Date(at) }, thresholds)) !== current) return new Date(at);
  }
  return null;
}
