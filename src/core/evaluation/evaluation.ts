/**
 * Evaluation (考核评价): a unit's score for a period from configurable, versioned rules. Each component is a share
 * (0–100) of the unit's own cases that went right, weighted; overdue days subtract a penalty. Every component keeps
 * the cases (tasks, reports, instructions) behind it, so a score explains itself. Pure: no I/O.
 */
import { formatIsoDate, isIsoDate, periodKeyBounds, type IsoDate } from '../time.ts';

export const COMPONENT_KEYS = [
  'onTimeSigning',
  'onTimeReports',
  'firstTimeAccepted',
  'closureRate',
  'rectificationSpeed',
  'supervisorRatings',
  'instructionsAnswered',
  'overdueDays',
] as const;
export type ComponentKey = (typeof COMPONENT_KEYS)[number];

export interface ComponentRule {
  /** Relative weight of a share component (ignored for the overdue-days penalty). */
  weight?: number;
  /** For on-time signing / instructions answered / rectification: days allowed. */
  withinDays?: number;
  /** For overdue days: points off per day, and the most that can be taken off. */
  perDay?: number;
  max?: number;
}

export interface RuleSet {
  components: Partial<Record<ComponentKey, ComponentRule>>;
}

/** The rules a fresh installation starts with (version 1). */
export const DEFAULT_RULES: RuleSet = Object.freeze({
  components: {
    onTimeSigning: { weight: 10, withinDays: 3 },
    onTimeReports: { weight: 20 },
    firstTimeAccepted: { weight: 15 },
    closureRate: { weight: 25 },
    rectificationSpeed: { weight: 10 },
    supervisorRatings: { weight: 10 },
    instructionsAnswered: { weight: 10, withinDays: 14 },
    overdueDays: { perDay: 0.5, max: 20 },
  },
}) as RuleSet;

/** Checks a rule set as entered (JSON); every problem is named with its path. */
export function validateRuleSet(value: unknown): { ok: true; rules: RuleSet } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, problems: ['the rule set must be an object with "components"'] };
  const extra = Object.keys(value).filter((k) => k !== 'components');
  if (extra.length) problems.push(`unknown field ${extra.map((k) => `"${k}"`).join(', ')}`);
  const components = (value as { components?: unknown }).components;
  if (typeof components !== 'object' || components === null || Array.isArray(components)) return { ok: false, problems: [...problems, 'components must be an object'] };
  const out: RuleSet['components'] = {};
  let weightSum = 0;
  for (const [key, raw] of Object.entries(components)) {
    if (!(COMPONENT_KEYS as readonly string[]).includes(key)) {
      problems.push(`components.${key} is not a component (one of ${COMPONENT_KEYS.join(', ')})`);
      continue;
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      problems.push(`components.${key} must be an object`);
      continue;
    }
    const rule: ComponentRule = {};
    for (const [field, v] of Object.entries(raw)) {
      if (!['weight', 'withinDays', 'perDay', 'max'].includes(field)) {
        problems.push(`components.${key}.${field} is not a setting`);
        continue;
      }
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
        problems.push(`components.${key}.${field} must be a number ≥ 0`);
        continue;
      }
      if (field === 'weight' && v > 1000) problems.push(`components.${key}.weight must be at most 1000`);
      if (field === 'withinDays' && (!Number.isInteger(v) || v > 365)) problems.push(`components.${key}.withinDays must be a whole number of days up to 365`);
      rule[field as keyof ComponentRule] = v;
    }
    if (key === 'overdueDays') {
      if (rule.weight !== undefined) problems.push('components.overdueDays is a penalty: set perDay and max, not weight');
    } else weightSum += rule.weight ?? 0;
    out[key as ComponentKey] = rule;
  }
  if (weightSum <= 0) problems.push('at least one component needs a weight above 0');
  return problems.length ? { ok: false, problems } : { ok: true, rules: { components: out } };
}

// ---------------------------------------------------------------------------------------------------------------
// Periods: quarters by default ('2024-Q3'), also months ('2024-07') and years ('2024').

/** First and last day of an evaluation period key; null for anything else. */
export function evaluationPeriodBounds(key: string): { start: IsoDate; end: IsoDate } | null {
  const year = /^(\d{4})$/.exec(key);
  if (year) return { start: formatIsoDate(Number(year[1]), 1, 1), end: formatIsoDate(Number(year[1]), 12, 31) };
  const b = periodKeyBounds(key);
  if (!b || b.kind === 'week') return null;
  return { start: b.start, end: b.end };
}

// ---------------------------------------------------------------------------------------------------------------
// Facts and scoring

/** One case behind a component: a task (or a report / instruction on it) that counted for or against the unit. */
export interface Case {
  taskId: string;
  title: string;
  ok: boolean;
  /** What happened, as data the UI puts into words (days late, revision …). */
  note: Readonly<Record<string, string | number>>;
}

export interface UnitFacts {
  unitId: string;
  unitName: string;
  /** Tasks handed to the unit (交办) in the period, and when it signed. */
  assignments: ReadonlyArray<{ taskId: string; title: string; assignedAt: string; signedAt: string | null }>;
  /** Reports first submitted in the period. */
  reports: ReadonlyArray<{ taskId: string; title: string; late: boolean }>;
  /** Reports accepted in the period, with the number of submissions it took. */
  accepted: ReadonlyArray<{ taskId: string; title: string; revision: number }>;
  /** Tasks due in the period (not rectifications): closed by the due day or not. */
  due: ReadonlyArray<{ taskId: string; title: string; dueDate: IsoDate; closedOnTime: boolean }>;
  /** Rectification tasks (整改) due in the period, and whether they were closed on time. */
  rectifications: ReadonlyArray<{ taskId: string; title: string; dueDate: IsoDate; closedOnTime: boolean; daysLate: number }>;
  /** Days overdue as of the period's end: open tasks past due, or tasks closed late in the period. */
  overdue: ReadonlyArray<{ taskId: string; title: string; days: number }>;
  /** Supervisors' ratings 1–5 for the period. */
  ratings: ReadonlyArray<{ rating: number; ratedBy: string; comment: string | null }>;
  /** Leaders' instructions on the unit's tasks given in the period, and when the unit answered with a report. */
  instructions: ReadonlyArray<{ taskId: string; title: string; createdAt: string; answeredAt: string | null }>;
}

export interface ComponentResult {
  key: ComponentKey;
  /** 0–100; null when the unit had no case for it (the weight then goes to the other components). */
  score: number | null;
  weight: number;
  /** For the penalty: points taken off. */
  penalty: number | null;
  numerator: number;
  denominator: number;
  cases: Case[];
}

export interface UnitScore {
  unitId: string;
  unitName: string;
  score: number;
  rank: number;
  components: ComponentResult[];
}

const DAY_MS = 86_400_000;
const round2 = (n: number) => Math.round(n * 100) / 100;

function share(key: ComponentKey, weight: number, cases: Case[]): ComponentResult {
  const ok = cases.filter((c) => c.ok).length;
  return { key, score: cases.length ? round2((ok / cases.length) * 100) : null, weight, penalty: null, numerator: ok, denominator: cases.length, cases };
}

/** One unit's components and total under the rules. */
export function scoreUnit(f: UnitFacts, rules: RuleSet): Omit<UnitScore, 'rank'> {
  const c = rules.components;
  const out: ComponentResult[] = [];
  for (const key of COMPONENT_KEYS) {
    const rule = c[key];
    if (!rule) continue;
    const weight = rule.weight ?? 0;
    switch (key) {
      case 'onTimeSigning': {
        const within = (rule.withinDays ?? 3) * DAY_MS;
        out.push(share(key, weight, f.assignments.map((a): Case => {
          const took = a.signedAt ? new Date(a.signedAt).getTime() - new Date(a.assignedAt).getTime() : null;
          return { taskId: a.taskId, title: a.title, ok: took !== null && took <= within, note: took === null ? { signed: 'no' } : { days: Math.ceil(took / DAY_MS) } };
        })));
        break;
      }
      case 'onTimeReports':
        out.push(share(key, weight, f.reports.map((r) => ({ taskId: r.taskId, title: r.title, ok: !r.late, note: { late: r.late ? 1 : 0 } }))));
        break;
      case 'firstTimeAccepted':
        out.push(share(key, weight, f.accepted.map((r) => ({ taskId: r.taskId, title: r.title, ok: r.revision <= 1, note: { revision: r.revision } }))));
        break;
      case 'closureRate':
        out.push(share(key, weight, f.due.map((d) => ({ taskId: d.taskId, title: d.title, ok: d.closedOnTime, note: { dueDate: d.dueDate } }))));
        break;
      case 'rectificationSpeed':
        out.push(share(key, weight, f.rectifications.map((d) => ({ taskId: d.taskId, title: d.title, ok: d.closedOnTime, note: { dueDate: d.dueDate, daysLate: d.daysLate } }))));
        break;
      case 'supervisorRatings': {
        const n = f.ratings.length;
        const avg = n ? f.ratings.reduce((s, r) => s + r.rating, 0) / n : 0;
        // 1 → 0 points, 5 → 100: a middling 3 is 50.
        out.push({ key, score: n ? round2(((avg - 1) / 4) * 100) : null, weight, penalty: null, numerator: round2(avg), denominator: n, cases: [] });
        break;
      }
      case 'instructionsAnswered': {
        const within = (rule.withinDays ?? 14) * DAY_MS;
        out.push(share(key, weight, f.instructions.map((i): Case => {
          const took = i.answeredAt ? new Date(i.answeredAt).getTime() - new Date(i.createdAt).getTime() : null;
          return { taskId: i.taskId, title: i.title, ok: took !== null && took <= within, note: took === null ? { answered: 'no' } : { days: Math.ceil(took / DAY_MS) } };
        })));
        break;
      }
      case 'overdueDays': {
        const days = f.overdue.reduce((s, o) => s + o.days, 0);
        const penalty = round2(Math.min(rule.max ?? 20, days * (rule.perDay ?? 0.5)));
        out.push({ key, score: null, weight: 0, penalty, numerator: days, denominator: f.overdue.length, cases: f.overdue.map((o) => ({ taskId: o.taskId, title: o.title, ok: false, note: { days: o.days } })) });
        break;
      }
    }
  }
  const scored = out.filter((r) => r.score !== null && r.weight > 0);
  const weights = scored.reduce((s, r) => s + r.weight, 0);
  const base = weights > 0 ? scored.reduce((s, r) => s + r.score! * r.weight, 0) / weights : 0;
  const penalty = out.reduce((s, r) => s + (r.penalty ?? 0), 0);
  return { unitId: f.unitId, unitName: f.unitName, score: round2(Math.max(0, base - penalty)), components: out };
}

/** Scores and ranks every unit: highest first, equal scores share a rank (1, 1, 3), then by name. */
export function rankUnits(facts: readonly UnitFacts[], rules: RuleSet): UnitScore[] {
  const scored = facts.map((f) => scoreUnit(f, rules)).sort((a, b) => b.score - a.score || a.unitName.localeCompare(b.unitName, 'zh-Hans-CN') || a.unitId.localeCompare(b.unitId));
  let rank = 0;
  return scored.map((s, i) => {
    if (i === 0 || s.score !== scored[i - 1]!.score) rank = i + 1;
    return { ...s, rank };
  });
}

/** Whether `key` is a valid evaluation period and, given today, whether it has ended (only ended periods freeze). */
export function periodEnded(key: string, today: IsoDate): boolean {
  const b = evaluationPeriodBounds(key);
  return b !== null && isIsoDate(today) && b.end < today;
}
