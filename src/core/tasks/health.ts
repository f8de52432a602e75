/**
 * Health lights (亮灯). Each rule looks at one fact and lights one colour; the task shows the most severe colour
 * lit (red > yellow > blue > green), and every lit rule is kept as a reason so the light explains itself.
 */
import { LOCALES } from '../locales.ts';
import { judgeIndicator, offTrackWords, type IndicatorFact } from '../indicators/indicators.ts';
import { cadenceLengthDays, type Cadence } from '../reports/report-lifecycle.ts';
import { DEFAULT_TZ, calendarDaysBetween, daysBetween, endOfLocalDay, toLocalDate, type IsoDate } from '../time.ts';
import type { TaskState } from './lifecycle.ts';

/** Most severe first, as the ledger sorts them. grey: suspended (挂账, parked on purpose); none: draft or closed, nothing to watch. */
export const HEALTH_COLOURS = ['red', 'yellow', 'blue', 'green', 'grey', 'none'] as const;
export type HealthColour = (typeof HEALTH_COLOURS)[number];

export type HealthReasonCode =
  | 'overdue'
  | 'behind_schedule'
  | 'milestone_overdue'
  | 'report_stale'
  | 'no_accepted_report'
  | 'returned_in_a_row'
  | 'indicator_off_track'
  | 'due_soon'
  | 'on_track'
  | 'grace_period'
  | 'suspended'
  | 'review_date_passed'
  | 'not_assigned'
  | 'closed';

export interface HealthReason {
  code: HealthReasonCode;
  /** The colour this rule lit on its own. */
  colour: HealthColour;
  params: Readonly<Record<string, number | string>>;
}

export interface LocalisedText {
  'zh-Hans': string;
  'zh-Hant': string;
  en: string;
}

export interface HealthResult {
  colour: HealthColour;
  /** Most severe first. */
  reasons: HealthReason[];
  summary: LocalisedText;
}

/** Per-programme knobs. Each "yellow" threshold must not exceed its "red" partner, or the light would not be monotone. */
export interface HealthThresholds {
  /** Blue when the deadline is this many calendar days away or fewer (0 = due today). */
  nearDueDays: number;
  /** Percentage points by which progress may trail elapsed time before yellow / red. */
  lagYellowPct: number;
  lagRedPct: number;
  /** The last accepted report is stale after this many cadence lengths (yellow / red). */
  staleReportFactor: number;
  staleReportRedFactor: number;
  /** Returned reports in a row before yellow / red. */
  returnsYellow: number;
  returnsRed: number;
  /** An open milestone this many days past its date turns the light red rather than yellow. */
  milestoneRedDays: number;
  /**
   * The grace period after 交办: for the shorter of `graceDays` days and `gracePct` % of the time from assignment to
   * the deadline, lack of progress (behind schedule, no or stale reports) lights nothing. Overdue stays red.
   */
  graceDays: number;
  gracePct: number;
}

export const defaultHealthThresholds: Readonly<HealthThresholds> = Object.freeze({
  nearDueDays: 7,
  lagYellowPct: 15,
  lagRedPct: 30,
  staleReportFactor: 1.5,
  staleReportRedFactor: 3,
  returnsYellow: 2,
  returnsRed: 3,
  milestoneRedDays: 14,
  graceDays: 7,
  gracePct: 10,
});

/** Merges a programme's overrides onto the defaults and checks they keep the rules monotone. */
export function resolveHealthThresholds(
  overrides: Partial<HealthThresholds> = {},
): { ok: true; thresholds: HealthThresholds } | { ok: false; problems: string[] } {
  const t: HealthThresholds = { ...defaultHealthThresholds, ...overrides };
  const problems: string[] = [];
  for (const [k, v] of Object.entries(t)) {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) problems.push(`${k} must be a number ≥ 0`);
  }
  const pairs: Array<[keyof HealthThresholds, keyof HealthThresholds]> = [
    ['lagYellowPct', 'lagRedPct'],
    ['staleReportFactor', 'staleReportRedFactor'],
    ['returnsYellow', 'returnsRed'],
  ];
  for (const [y, r] of pairs) if (t[y] > t[r]) problems.push(`${y} must not exceed ${r}`);
  if (t.returnsYellow < 1) problems.push('returnsYellow must be at least 1');
  if (t.gracePct > 100) problems.push('gracePct must not exceed 100');
  return problems.length ? { ok: false, problems } : { ok: true, thresholds: t };
}

export interface HealthInput {
  state: TaskState;
  dueDate: IsoDate | null;
  /** When the clock started (the assignment date); with the due date it gives the elapsed-time fraction. */
  startDate: IsoDate | null;
  /** 0–100, the rolled-up progress. */
  progress: number;
  milestones: ReadonlyArray<{ id: string; dueDate: IsoDate; done: boolean }>;
  lastAcceptedReportAt: Date | null;
  cadence: Cadence | null;
  /** Returned reports in a row since the last acceptance (see `returnStreak`). */
  returnsInARow: number;
  /** A suspended task's review date. */
  reviewDate?: IsoDate | null;
  /**
   * When the task was handed over (交办). With it, lack of progress is judged from the later of `startDate` and this
   * day (a unit cannot be behind on work it was not given), and not at all during the grace period.
   */
  assignedAt?: Date | null;
  /** A report submitted after the last acceptance and waiting for review: the next move is the reviewer's. */
  pendingReportAt?: Date | null;
  /** The task's indicators (对标对表) with their latest accepted actual: one behind its time line lights yellow or red. */
  indicators?: ReadonlyArray<IndicatorFact>;
  now: Date;
  tz?: string;
}

const SEVERITY: Readonly<Record<HealthColour, number>> = { none: 0, grey: 1, green: 2, blue: 3, yellow: 4, red: 5 };

/** The most severe of several colours, e.g. to light a parent or a unit from its tasks. */
export function worstColour(colours: Iterable<HealthColour>): HealthColour {
  let worst: HealthColour = 'none';
  for (const c of colours) if (SEVERITY[c] > SEVERITY[worst]) worst = c;
  return worst;
}

// Tasks the unit is actually expected to be reporting on; before signing there is nothing to report yet.
const REPORTING: readonly TaskState[] = ['signed', 'in_progress'];

/** The lit rules before they are put into words: what `computeHealth` says, and what `nextHealthChange` compares. */
export interface HealthVerdict {
  colour: HealthColour;
  reasons: HealthReason[];
  progress: number | null;
  reportAge: number | null;
  pending: boolean;
}

/** Computes the light for one task with its reasons and a one-line summary in three languages. */
export function computeHealth(input: HealthInput, thresholds: HealthThresholds = defaultHealthThresholds): HealthResult {
  const v = evaluateHealth(input, thresholds);
  return finish(v.colour, v.reasons, v.progress, v.reportAge, v.pending);
}

const verdict = (colour: HealthColour, reasons: HealthReason[], progress: number | null = null, reportAge: number | null = null, pending = false): HealthVerdict => ({
  colour,
  reasons,
  progress,
  reportAge,
  pending,
});

/** The rules of `computeHealth` without the words (cheap enough to evaluate many times per task). */
export function evaluateHealth(input: HealthInput, thresholds: HealthThresholds = defaultHealthThresholds): HealthVerdict {
  const tz = input.tz ?? DEFAULT_TZ;
  const today = toLocalDate(input.now, tz);
  const progress = Math.round(Math.min(100, Math.max(0, input.progress)));
  const reportAge = input.lastAcceptedReportAt ? calendarDaysBetween(input.lastAcceptedReportAt, input.now, tz) : null;

  if (input.state === 'draft') return verdict('none', [{ code: 'not_assigned', colour: 'none', params: {} }], null, null);
  if (input.state === 'closed') return verdict('none', [{ code: 'closed', colour: 'none', params: {} }], null, null);
  if (input.state === 'suspended') {
    const reasons: HealthReason[] = [{ code: 'suspended', colour: 'grey', params: input.reviewDate ? { reviewDate: input.reviewDate } : {} }];
    if (input.reviewDate && input.reviewDate < today) {
      reasons.push({ code: 'review_date_passed', colour: 'grey', params: { reviewDate: input.reviewDate, days: daysBetween(input.reviewDate, today) } });
    }
    return verdict('grey', reasons, null, null);
  }

  const t = thresholds;
  const lit: HealthReason[] = [];
  const daysLeft = input.dueDate ? daysBetween(today, input.dueDate) : null;
  const graceUntil = graceEnd(input, t);
  const inGrace = graceUntil !== null && input.now.getTime() < graceUntil.getTime();
  const assignedDay = input.assignedAt ? toLocalDate(input.assignedAt, tz) : null;
  // The clock for lack of progress starts when the work was both planned and handed over.
  const startDate = assignedDay && (!input.startDate || assignedDay > input.startDate) ? assignedDay : input.startDate;
  const judgeProgress = !inGrace;

  if (daysLeft !== null && daysLeft < 0) {
    lit.push({ code: 'overdue', colour: 'red', params: { days: -daysLeft, dueDate: input.dueDate ?? '' } });
  }

  // Once overdue, "behind schedule" only restates the overdue light, so it is not lit twice.
  if (judgeProgress && input.dueDate && startDate && daysLeft !== null && daysLeft >= 0) {
    const span = daysBetween(startDate, input.dueDate);
    if (span > 0) {
      const elapsed = Math.min(1, Math.max(0, daysBetween(startDate, today) / span));
      const expected = Math.round(elapsed * 100);
      const lag = expected - progress;
      const colour = lag >= t.lagRedPct ? 'red' : lag >= t.lagYellowPct ? 'yellow' : null;
      if (colour) lit.push({ code: 'behind_schedule', colour, params: { lag, expected, progress } });
    }
  }

  const lateMilestones = input.milestones.filter((m) => !m.done && m.dueDate < today);
  if (lateMilestones.length > 0) {
    const days = Math.max(...lateMilestones.map((m) => daysBetween(m.dueDate, today)));
    lit.push({
      code: 'milestone_overdue',
      colour: days >= t.milestoneRedDays ? 'red' : 'yellow',
      params: { count: lateMilestones.length, days },
    });
  }

  const cadenceDays = input.cadence ? cadenceLengthDays(input.cadence) : null;
  // A report waiting for review was filed: staleness is then the reviewer's delay, not the unit's.
  const pending = input.pendingReportAt != null && (input.lastAcceptedReportAt == null || input.pendingReportAt > input.lastAcceptedReportAt);
  if (judgeProgress && !pending && cadenceDays !== null && REPORTING.includes(input.state)) {
    const since = reportAge ?? (startDate ? daysBetween(startDate, today) : null);
    if (since !== null) {
      const colour = since > t.staleReportRedFactor * cadenceDays ? 'red' : since > t.staleReportFactor * cadenceDays ? 'yellow' : null;
      if (colour) lit.push({ code: reportAge === null ? 'no_accepted_report' : 'report_stale', colour, params: { days: since, cadenceDays } });
    }
  }

  if (input.returnsInARow >= t.returnsYellow) {
    lit.push({ code: 'returned_in_a_row', colour: input.returnsInARow >= t.returnsRed ? 'red' : 'yellow', params: { count: input.returnsInARow } });
  }

  for (const fact of input.indicators ?? []) {
    const j = judgeIndicator(fact.plan, fact.latest, today);
    if (j.status !== 'yellow' && j.status !== 'red') continue;
    lit.push({ code: 'indicator_off_track', colour: j.status, params: { indicatorId: fact.indicatorId, ...offTrackWords(fact, j) } });
  }

  if (daysLeft !== null && daysLeft >= 0 && daysLeft <= t.nearDueDays) {
    lit.push({ code: 'due_soon', colour: 'blue', params: { days: daysLeft, dueDate: input.dueDate ?? '' } });
  }

  if (lit.length === 0) {
    lit.push(inGrace && graceUntil ? { code: 'grace_period', colour: 'green', params: { until: toLocalDate(new Date(graceUntil.getTime() - 1), tz) } } : { code: 'on_track', colour: 'green', params: {} });
  }
  // Stable sort: within one colour the rules keep the order above, which is the order a reader wants them in.
  lit.sort((a, b) => SEVERITY[b.colour] - SEVERITY[a.colour]);
  return verdict(worstColour(lit.map((r) => r.colour)), lit, progress, reportAge, pending);
}

const MS_PER_DAY = 86_400_000;

/**
 * The instant the grace period after assignment ends, or null when there is none (not assigned, or a programme that
 * set either knob to 0). The percentage is of the time from the assignment to the end of the due day.
 */
export function graceEnd(input: Pick<HealthInput, 'assignedAt' | 'dueDate' | 'tz'>, t: Pick<HealthThresholds, 'graceDays' | 'gracePct'>): Date | null {
  if (!input.assignedAt || t.graceDays <= 0 || t.gracePct <= 0) return null;
  const start = input.assignedAt.getTime();
  let length = t.graceDays * MS_PER_DAY;
  if (input.dueDate) {
    const span = endOfLocalDay(input.dueDate, input.tz ?? DEFAULT_TZ).getTime() - start;
    length = Math.min(length, Math.max(0, (span * t.gracePct) / 100));
  }
  return length > 0 ? new Date(start + length) : null;
}

// ---------------------------------------------------------------------------------------------------------------
// Words. zh-Hant is written out, not converted at run time; a test checks it against OpenCC.

type Phrase = (p: Readonly<Record<string, number | string>>) => LocalisedText;

const enDays = (n: number | string | undefined): string => `${n} day${n === 1 ? '' : 's'}`;

const PHRASES: Readonly<Record<HealthReasonCode, Phrase>> = {
  overdue: (p) => ({ 'zh-Hans': `已逾期${p.days}天`, 'zh-Hant': `已逾期${p.days}天`, en: `${enDays(p.days)} overdue` }),
  behind_schedule: (p) => ({
    'zh-Hans': `落后时间进度${p.lag}个百分点`,
    'zh-Hant': `落後時間進度${p.lag}個百分點`,
    en: `${p.lag} points behind schedule`,
  }),
  milestone_overdue: (p) => ({
    'zh-Hans': `${p.count}个节点逾期（最长${p.days}天）`,
    'zh-Hant': `${p.count}個節點逾期（最長${p.days}天）`,
    en: `${p.count} milestone${p.count === 1 ? '' : 's'} overdue (up to ${enDays(p.days)})`,
  }),
  report_stale: (p) =>
    p.days === 0
      ? { 'zh-Hans': '最近一次反馈在今天', 'zh-Hant': '最近一次反饋在今天', en: 'last report today' }
      : { 'zh-Hans': `最近一次反馈在${p.days}天前`, 'zh-Hant': `最近一次反饋在${p.days}天前`, en: `last report ${enDays(p.days)} ago` },
  no_accepted_report: (p) => ({
    'zh-Hans': `交办${p.days}天尚无通过审核的反馈`,
    'zh-Hant': `交辦${p.days}天尚無通過審核的反饋`,
    en: `no accepted report in ${enDays(p.days)}`,
  }),
  returned_in_a_row: (p) => ({
    'zh-Hans': `反馈连续${p.count}次被退回`,
    'zh-Hant': `反饋連續${p.count}次被退回`,
    en: `reports returned ${p.count} times in a row`,
  }),
  // The words are made by the indicators core, which knows the direction and the unit.
  indicator_off_track: (p) => ({ 'zh-Hans': String(p['zh-Hans']), 'zh-Hant': String(p['zh-Hant']), en: String(p.en) }),
  due_soon: (p) =>
    p.days === 0
      ? { 'zh-Hans': '今天到期', 'zh-Hant': '今天到期', en: 'due today' }
      : { 'zh-Hans': `距截止还有${p.days}天`, 'zh-Hant': `距截止還有${p.days}天`, en: `due in ${enDays(p.days)}` },
  on_track: () => ({ 'zh-Hans': '按计划推进', 'zh-Hant': '按計劃推進', en: 'on track' }),
  grace_period: (p) => ({ 'zh-Hans': `交办宽限期至${p.until}`, 'zh-Hant': `交辦寬限期至${p.until}`, en: `newly assigned, grace period until ${p.until}` }),
  suspended: (p) =>
    p.reviewDate
      ? { 'zh-Hans': `复核日期${p.reviewDate}`, 'zh-Hant': `複核日期${p.reviewDate}`, en: `review on ${p.reviewDate}` }
      : { 'zh-Hans': '未定复核日期', 'zh-Hant': '未定複核日期', en: 'no review date' },
  review_date_passed: (p) => ({
    'zh-Hans': `已过复核日期${p.days}天`,
    'zh-Hant': `已過複核日期${p.days}天`,
    en: `review ${enDays(p.days)} overdue`,
  }),
  not_assigned: () => ({ 'zh-Hans': '未交办', 'zh-Hant': '未交辦', en: 'Not yet assigned' }),
  closed: () => ({ 'zh-Hans': '已销号', 'zh-Hant': '已銷號', en: 'Closed' }),
};

const LABELS: Readonly<Record<HealthColour, LocalisedText>> = {
  red: { 'zh-Hans': '红灯', 'zh-Hant': '紅燈', en: 'Red' },
  yellow: { 'zh-Hans': '黄灯', 'zh-Hant': '黃燈', en: 'Yellow' },
  blue: { 'zh-Hans': '蓝灯', 'zh-Hant': '藍燈', en: 'Blue' },
  green: { 'zh-Hans': '绿灯', 'zh-Hant': '綠燈', en: 'Green' },
  grey: { 'zh-Hans': '挂账', 'zh-Hant': '掛賬', en: 'Suspended' },
  none: { 'zh-Hans': '', 'zh-Hant': '', en: '' },
};

// Chinese lists take the enumeration comma and a full-width colon; English takes ", " and ": ".
const SEP = { 'zh-Hans': ['：', '，'], 'zh-Hant': ['：', '，'], en: [': ', ', '] } as const;

function finish(colour: HealthColour, reasons: HealthReason[], progress: number | null, reportAge: number | null, pending = false): HealthResult {
  const parts: LocalisedText[] = reasons
    .filter((r) => r.code !== 'report_stale')
    .map((r) => PHRASES[r.code](r.params));
  // Live tasks always state their progress and the age of the last report: the two facts a reader asks next.
  if (progress !== null) {
    parts.push({ 'zh-Hans': `进度${progress}%`, 'zh-Hant': `進度${progress}%`, en: `${progress}% done` });
    if (reportAge !== null) parts.push(PHRASES.report_stale({ days: reportAge }));
    else if (!pending && !reasons.some((r) => r.code === 'no_accepted_report')) {
      parts.push({ 'zh-Hans': '尚无反馈', 'zh-Hant': '尚無反饋', en: 'no report yet' });
    }
    // Said whatever the age of the last accepted one: a report on the reviewer's desk is the news.
    if (pending) parts.push({ 'zh-Hans': '反馈待审核', 'zh-Hant': '反饋待審核', en: 'a report awaits review' });
  }
  const summary = {} as LocalisedText;
  for (const loc of LOCALES) {
    const [colon, comma] = SEP[loc];
    const body = parts.map((p) => p[loc]).join(comma);
    summary[loc] = colour === 'none' ? body : `${LABELS[colour][loc]}${colon}${body}`;
  }
  return { colour, reasons, summary };
}
