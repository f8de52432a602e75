import fc from 'fast-check';
import { Converter } from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { addDays } from '../time.ts';
import {
  computeHealth,
  defaultHealthThresholds,
  resolveHealthThresholds,
  worstColour,
  type HealthColour,
  type HealthInput,
  type HealthResult,
} from './health.ts';

// 12:00 in Shanghai on 2024-07-12.
const NOW = new Date('2024-07-12T04:00:00Z');
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000);

function base(over: Partial<HealthInput> = {}): HealthInput {
  return {
    state: 'in_progress',
    dueDate: '2024-12-31',
    startDate: '2024-01-01',
    progress: 60,
    milestones: [],
    lastAcceptedReportAt: daysAgo(10),
    cadence: { kind: 'monthly' },
    returnsInARow: 0,
    now: NOW,
    ...over,
  };
}

const codes = (r: HealthResult) => r.reasons.map((x) => `${x.colour}:${x.code}`);

describe('the example from the brief', () => {
  it('reads the same in three languages', () => {
    const r = computeHealth(base({ dueDate: '2024-06-30', progress: 40, lastAcceptedReportAt: daysAgo(45) }));
    expect(r.colour).toBe('red');
    expect(r.summary).toEqual({
      'zh-Hans': '红灯：已逾期12天，进度40%，最近一次反馈在45天前',
      'zh-Hant': '紅燈：已逾期12天，進度40%，最近一次反饋在45天前',
      en: 'Red: 12 days overdue, 40% done, last report 45 days ago',
    });
    expect(r.reasons).toEqual([{ code: 'overdue', colour: 'red', params: { days: 12, dueDate: '2024-06-30' } }]);
  });
});

describe('rules, one at a time', () => {
  // Progress 60% on 2024-07-12 of a 2024 task is ~ on schedule (elapsed 53%).
  it.each<[string, Partial<HealthInput>, HealthColour, string[]]>([
    ['on track', {}, 'green', ['green:on_track']],
    ['draft has no light', { state: 'draft' }, 'none', ['none:not_assigned']],
    ['closed has no light', { state: 'closed', dueDate: '2020-01-01' }, 'none', ['none:closed']],
    ['suspended is grey even when overdue', { state: 'suspended', dueDate: '2020-01-01', reviewDate: '2024-08-01' }, 'grey', ['grey:suspended']],
    ['a suspension past its review date says so', { state: 'suspended', reviewDate: '2024-07-01' }, 'grey', ['grey:suspended', 'grey:review_date_passed']],
    ['overdue by one day', { dueDate: '2024-07-11' }, 'red', ['red:overdue']],
    ['due today is blue', { dueDate: '2024-07-12', progress: 100 }, 'blue', ['blue:due_soon']],
    ['due in 7 days is blue', { dueDate: '2024-07-19', progress: 100 }, 'blue', ['blue:due_soon']],
    ['due in 8 days is not', { dueDate: '2024-07-20', progress: 100 }, 'green', ['green:on_track']],
    ['lag of 14 points is fine', { progress: 39 }, 'green', ['green:on_track']],
    ['lag of 15 points is yellow', { progress: 38 }, 'yellow', ['yellow:behind_schedule']],
    ['lag of 30 points is red', { progress: 23 }, 'red', ['red:behind_schedule']],
    ['no lag rule without a start date', { startDate: null, progress: 0 }, 'green', ['green:on_track']],
    ['no lag rule without a due date', { dueDate: null, progress: 0 }, 'green', ['green:on_track']],
    ['an overdue milestone is yellow', { milestones: [{ id: 'm', dueDate: '2024-07-01', done: false }] }, 'yellow', ['yellow:milestone_overdue']],
    ['a done milestone is not', { milestones: [{ id: 'm', dueDate: '2024-07-01', done: true }] }, 'green', ['green:on_track']],
    ['a milestone due today is not late', { milestones: [{ id: 'm', dueDate: '2024-07-12', done: false }] }, 'green', ['green:on_track']],
    ['a milestone 14 days late is red', { milestones: [{ id: 'm', dueDate: '2024-06-28', done: false }] }, 'red', ['red:milestone_overdue']],
    ['last report 45 days ago on a monthly cadence is still fine', { lastAcceptedReportAt: daysAgo(45) }, 'green', ['green:on_track']],
    ['46 days is stale', { lastAcceptedReportAt: daysAgo(46) }, 'yellow', ['yellow:report_stale']],
    ['91 days is red', { lastAcceptedReportAt: daysAgo(91) }, 'red', ['red:report_stale']],
    ['stale on a weekly cadence sooner', { cadence: { kind: 'weekly' }, lastAcceptedReportAt: daysAgo(11) }, 'yellow', ['yellow:report_stale']],
    ['no cadence, no staleness', { cadence: null, lastAcceptedReportAt: daysAgo(400) }, 'green', ['green:on_track']],
    ['never reported, counted from the start', { lastAcceptedReportAt: null, startDate: '2024-05-01', dueDate: '2025-05-01', progress: 20 }, 'yellow', ['yellow:no_accepted_report']],
    ['an unsigned task is not judged on reports', { state: 'assigned', lastAcceptedReportAt: null }, 'green', ['green:on_track']],
    ['completion requested is not judged on reports', { state: 'completion_requested', lastAcceptedReportAt: daysAgo(200), progress: 100 }, 'green', ['green:on_track']],
    ['two returns in a row are yellow', { returnsInARow: 2 }, 'yellow', ['yellow:returned_in_a_row']],
    ['three are red', { returnsInARow: 3 }, 'red', ['red:returned_in_a_row']],
  ])('%s', (_name, over, colour, expected) => {
    const r = computeHealth(base(over));
    expect(r.colour).toBe(colour);
    expect(codes(r)).toEqual(expected);
  });

  it('lists every lit rule, most severe first', () => {
    const r = computeHealth(
      base({
        dueDate: '2024-07-15',
        progress: 60,
        milestones: [{ id: 'm', dueDate: '2024-07-10', done: false }],
        returnsInARow: 3,
        lastAcceptedReportAt: daysAgo(50),
      }),
    );
    expect(codes(r)).toEqual(['red:behind_schedule', 'red:returned_in_a_row', 'yellow:milestone_overdue', 'yellow:report_stale', 'blue:due_soon']);
    expect(r.summary['zh-Hans']).toBe('红灯：落后时间进度38个百分点，反馈连续3次被退回，1个节点逾期（最长2天），距截止还有3天，进度60%，最近一次反馈在50天前');
    expect(r.summary.en).toBe('Red: 38 points behind schedule, reports returned 3 times in a row, 1 milestone overdue (up to 2 days), due in 3 days, 60% done, last report 50 days ago');
  });

  it('counts days on the Shanghai calendar', () => {
    // 2024-07-11T16:30Z is already 12 July 00:30 in Shanghai: a task due 11 July is one day late there, not in UTC.
    const justAfter = new Date('2024-07-11T16:30:00Z');
    expect(computeHealth(base({ dueDate: '2024-07-11', now: justAfter })).colour).toBe('red');
    expect(computeHealth(base({ dueDate: '2024-07-11', now: justAfter, tz: 'UTC', progress: 100 })).colour).toBe('blue');
  });

  it.each<[string, Partial<HealthInput>, string, string]>([
    ['green', { lastAcceptedReportAt: daysAgo(1) }, '绿灯：按计划推进，进度60%，最近一次反馈在1天前', 'Green: on track, 60% done, last report 1 day ago'],
    ['blue, due today', { dueDate: '2024-07-12', progress: 100, lastAcceptedReportAt: null, cadence: null }, '蓝灯：今天到期，进度100%，尚无反馈', 'Blue: due today, 100% done, no report yet'],
    ['never reported', { lastAcceptedReportAt: null, startDate: '2024-05-01', dueDate: '2025-05-01', progress: 20 }, '黄灯：交办72天尚无通过审核的反馈，进度20%', 'Yellow: no accepted report in 72 days, 20% done'],
    ['suspended', { state: 'suspended', reviewDate: '2024-07-01' }, '挂账：复核日期2024-07-01，已过复核日期11天', 'Suspended: review on 2024-07-01, review 11 days overdue'],
    ['suspended without a date', { state: 'suspended' }, '挂账：未定复核日期', 'Suspended: no review date'],
    ['draft', { state: 'draft' }, '未交办', 'Not yet assigned'],
    ['closed', { state: 'closed' }, '已销号', 'Closed'],
  ])('summary: %s', (_name, over, zh, en) => {
    const r = computeHealth(base(over));
    expect(r.summary['zh-Hans']).toBe(zh);
    expect(r.summary.en).toBe(en);
  });
});

describe('the grace period after 交办', () => {
  // NOW is 2024-07-12 12:00 in Shanghai. A task with no report and no progress, planned from 1 January.
  const fresh = (over: Partial<HealthInput>): HealthInput =>
    base({ startDate: '2024-01-01', progress: 0, lastAcceptedReportAt: null, state: 'signed', ...over });
  const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000);
  it.each<[string, Partial<HealthInput>, Partial<typeof defaultHealthThresholds>, HealthColour, string[]]>([
    ['without assignedAt the old rules apply (planned since January: red)', {}, {}, 'red', ['red:behind_schedule', 'red:no_accepted_report']],
    ['assigned a minute ago, due at year end: green, in grace', { assignedAt: hoursAgo(0.02) }, {}, 'green', ['green:grace_period']],
    ['assigned 3 days before its deadline, a minute ago: not red', { assignedAt: hoursAgo(0.02), dueDate: '2024-07-15' }, {}, 'blue', ['blue:due_soon']],
    ['assigned 6 days ago, due at year end: still in the 7-day grace', { assignedAt: daysAgo(6) }, {}, 'green', ['green:grace_period']],
    ['assigned 8 days ago: grace over, judged from the assignment (8 of 180 days: on schedule)', { assignedAt: daysAgo(8) }, {}, 'green', ['green:on_track']],
    ['assigned 40 days ago, never reported: 19 % of the time gone, yellow', { assignedAt: daysAgo(40) }, {}, 'yellow', ['yellow:behind_schedule']],
    ['assigned 50 days ago on a monthly cadence, never reported: the report is missed too', { assignedAt: daysAgo(50) }, {}, 'yellow', ['yellow:behind_schedule', 'yellow:no_accepted_report']],
    ['10 % is shorter than 7 days: a 20-day task has 2 days of grace', { assignedAt: daysAgo(1), dueDate: '2024-07-30', cadence: { kind: 'weekly' } }, {}, 'green', ['green:grace_period']],
    ['… and after them lack of progress shows', { assignedAt: daysAgo(3), dueDate: '2024-07-30', cadence: { kind: 'weekly' } }, {}, 'green', ['green:on_track']],
    ['… and later turns red', { assignedAt: daysAgo(10), dueDate: '2024-07-30', cadence: { kind: 'weekly' } }, {}, 'red', ['red:behind_schedule']],
    ['overdue stays red in grace', { assignedAt: hoursAgo(1), dueDate: '2024-07-11' }, {}, 'red', ['red:overdue']],
    ['milestones still count in grace', { assignedAt: hoursAgo(1), milestones: [{ id: 'm', dueDate: '2024-06-01', done: false }] }, {}, 'red', ['red:milestone_overdue']],
    ['returns in a row still count in grace', { assignedAt: hoursAgo(1), returnsInARow: 2 }, {}, 'yellow', ['yellow:returned_in_a_row']],
    ['a programme may widen it', { assignedAt: daysAgo(12) }, { graceDays: 14, gracePct: 20 }, 'green', ['green:grace_period']],
    ['or switch it off', { assignedAt: hoursAgo(1) }, { graceDays: 0 }, 'green', ['green:on_track']],
    ['a stale report is not lit in grace', { assignedAt: daysAgo(2), lastAcceptedReportAt: daysAgo(100), progress: 50 }, {}, 'green', ['green:grace_period']],
  ])('%s', (_name, over, thresholds, colour, expected) => {
    const r = resolveHealthThresholds(thresholds);
    if (!r.ok) throw new Error(r.problems.join('; '));
    const h = computeHealth(fresh(over), r.thresholds);
    expect(codes(h)).toEqual(expected);
    expect(h.colour).toBe(colour);
  });

  it('says until when, in three languages', () => {
    const h = computeHealth(fresh({ assignedAt: daysAgo(1) }));
    expect(h.summary).toEqual({
      'zh-Hans': '绿灯：交办宽限期至2024-07-18，进度0%，尚无反馈',
      'zh-Hant': '綠燈：交辦寬限期至2024-07-18，進度0%，尚無反饋',
      en: 'Green: newly assigned, grace period until 2024-07-18, 0% done, no report yet',
    });
  });

  it('refuses a percentage above 100', () => {
    const r = resolveHealthThresholds({ gracePct: 150 });
    expect(r.ok).toBe(false);
  });
});

describe('reasons never contradict the data', () => {
  it.each<[string, Partial<HealthInput>, string]>([
    ['a report accepted today reads 今天, not 0天前', { lastAcceptedReportAt: new Date(NOW.getTime() - 3_600_000) }, '绿灯：按计划推进，进度60%，最近一次反馈在今天'],
    ['a report waiting for review is not 尚无反馈', { lastAcceptedReportAt: null, pendingReportAt: daysAgo(1), cadence: null }, '绿灯：按计划推进，进度60%，反馈待审核'],
    ['nor is it counted as missing', { lastAcceptedReportAt: null, pendingReportAt: daysAgo(1), startDate: '2024-05-01', dueDate: '2025-05-01', progress: 20 }, '绿灯：按计划推进，进度20%，反馈待审核'],
    ['a newer report waiting after an accepted one', { lastAcceptedReportAt: daysAgo(60), pendingReportAt: daysAgo(2) }, '绿灯：按计划推进，进度60%，最近一次反馈在60天前，反馈待审核'],
    ['a pending report older than the accepted one is not pending', { lastAcceptedReportAt: daysAgo(2), pendingReportAt: daysAgo(5) }, '绿灯：按计划推进，进度60%，最近一次反馈在2天前'],
  ])('%s', (_name, over, zh) => {
    expect(computeHealth(base(over)).summary['zh-Hans']).toBe(zh);
  });

  it('words 今天 in every language', () => {
    const s = computeHealth(base({ lastAcceptedReportAt: NOW })).summary;
    expect(s['zh-Hant']).toContain('最近一次反饋在今天');
    expect(s.en).toContain('last report today');
  });
});

describe('traditional Chinese', () => {
  const toTraditional = Converter({ from: 'cn', to: 'tw' });
  const samples: Array<Partial<HealthInput>> = [
    {},
    { state: 'draft' },
    { state: 'closed' },
    { state: 'suspended', reviewDate: '2024-07-01' },
    { state: 'suspended' },
    { dueDate: '2024-07-12', lastAcceptedReportAt: null },
    { dueDate: '2024-07-14', lastAcceptedReportAt: null, cadence: null },
    { dueDate: '2024-07-15', progress: 10, milestones: [{ id: 'm', dueDate: '2024-07-01', done: false }], returnsInARow: 2, lastAcceptedReportAt: daysAgo(60) },
    { lastAcceptedReportAt: null, startDate: '2024-05-01', dueDate: '2025-05-01', progress: 20 },
    { dueDate: '2024-06-30' },
    { assignedAt: daysAgo(1), lastAcceptedReportAt: null, pendingReportAt: daysAgo(1) },
    { lastAcceptedReportAt: NOW },
  ];
  it.each(samples)('is the OpenCC conversion of the simplified text (%o)', (over) => {
    const s = computeHealth(base(over)).summary;
    expect(s['zh-Hant']).toBe(toTraditional(s['zh-Hans']));
  });
});

describe('monotone rules', () => {
  const SEV: Record<HealthColour, number> = { none: 0, grey: 1, green: 2, blue: 3, yellow: 4, red: 5 };
  const inputArb = fc.record({
    dueOffset: fc.integer({ min: -30, max: 200 }),
    span: fc.integer({ min: 1, max: 365 }),
    progress: fc.integer({ min: 0, max: 100 }),
    reportAge: fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }),
    returns: fc.integer({ min: 0, max: 5 }),
    milestoneOffset: fc.option(fc.integer({ min: -30, max: 30 }), { nil: null }),
    state: fc.constantFrom('assigned' as const, 'signed' as const, 'in_progress' as const, 'completion_requested' as const),
  });
  type Gen = {
    dueOffset: number;
    span: number;
    progress: number;
    reportAge: number | null;
    returns: number;
    milestoneOffset: number | null;
    state: HealthInput['state'];
  };
  function build(x: Gen, now: Date): HealthInput {
    const due = addDays('2024-07-12', x.dueOffset);
    return {
      state: x.state,
      dueDate: due,
      startDate: addDays(due, -x.span),
      progress: x.progress,
      milestones: x.milestoneOffset === null ? [] : [{ id: 'm', dueDate: addDays('2024-07-12', x.milestoneOffset), done: false }],
      lastAcceptedReportAt: x.reportAge === null ? null : daysAgo(x.reportAge),
      cadence: { kind: 'monthly' },
      returnsInARow: x.returns,
      now,
    };
  }

  it('never improves as time passes', () => {
    fc.assert(
      fc.property(inputArb, fc.integer({ min: 0, max: 60 }), (x, later) => {
        const before = computeHealth(build(x, NOW)).colour;
        const after = computeHealth(build(x, new Date(NOW.getTime() + later * 86_400_000))).colour;
        expect(SEV[after]).toBeGreaterThanOrEqual(SEV[before]);
      }),
      { numRuns: 500 },
    );
  });

  it('never worsens with more progress or fewer returns', () => {
    fc.assert(
      fc.property(inputArb, fc.integer({ min: 0, max: 100 }), (x, more) => {
        const worse = computeHealth(build(x, NOW)).colour;
        const better = computeHealth(build({ ...x, progress: Math.min(100, x.progress + more), returns: Math.max(0, x.returns - 1) }, NOW)).colour;
        expect(SEV[better]).toBeLessThanOrEqual(SEV[worse]);
      }),
      { numRuns: 500 },
    );
  });
});

describe('thresholds', () => {
  it('can be tightened per programme', () => {
    const r = resolveHealthThresholds({ nearDueDays: 14 });
    if (!r.ok) throw new Error(r.problems.join('; '));
    expect(computeHealth(base({ dueDate: '2024-07-24', progress: 100 }), r.thresholds).colour).toBe('blue');
    expect(computeHealth(base({ dueDate: '2024-07-24', progress: 100 })).colour).toBe('green');
  });

  it.each<[string, Parameters<typeof resolveHealthThresholds>[0], number]>([
    ['defaults', {}, 0],
    ['yellow above red', { lagYellowPct: 40 }, 1],
    ['negative', { nearDueDays: -1 }, 1],
    ['NaN', { staleReportFactor: Number.NaN }, 1],
    ['zero returns', { returnsYellow: 0 }, 1],
  ])('checks %s', (_name, over, problems) => {
    const r = resolveHealthThresholds(over);
    expect(r.ok ? 0 : r.problems.length).toBe(problems);
  });

  it('defaults are frozen', () => {
    expect(Object.isFrozen(defaultHealthThresholds)).toBe(true);
  });
});

describe('worstColour', () => {
  it.each<[HealthColour[], HealthColour]>([
    [[], 'none'],
    [['green', 'blue'], 'blue'],
    [['grey', 'green'], 'green'],
    [['yellow', 'red', 'blue'], 'red'],
  ])('%o → %s', (cs, w) => {
    expect(worstColour(cs)).toBe(w);
  });
});

describe('indicators as a health input (对标对表)', () => {
  const road = (value: number | null, over: Partial<import('../indicators/index.ts').IndicatorPlan> = {}) => ({
    indicatorId: 'ind-1',
    name: '新建农村公路',
    unit: '公里',
    plan: { direction: 'at_least' as const, baseline: 0, target: 2500, startDate: '2024-01-01', endDate: '2024-12-31', tolerance: null, ...over },
    latest: value === null ? null : { value, periodEnd: '2024-06-30' },
  });

  it.each<[string, number | null, string, string[]]>([
    ['no actual yet lights nothing', null, 'green', ['green:on_track']],
    ['on the time line lights nothing', 1300, 'green', ['green:on_track']],
    ['behind the time line turns yellow', 1100, 'yellow', ['yellow:indicator_off_track']],
    ['far behind turns red', 600, 'red', ['red:indicator_off_track']],
  ])('%s', (_name, value, colour, reasons) => {
    const r = computeHealth(base({ indicators: [road(value)] }));
    expect(r.colour).toBe(colour);
    expect(codes(r)).toEqual(reasons);
  });

  it('says which indicator and by how much, in three languages', () => {
    const r = computeHealth(base({ indicators: [road(1100)] }));
    expect(r.summary['zh-Hans']).toMatch(/^黄灯：指标“新建农村公路”完成1,100\/2,500公里，低于时序进度（应达1,239.73），进度60%/);
    expect(r.summary.en).toMatch(/^Yellow: indicator “新建农村公路” at 1,100\/2,500 公里, behind the time line/);
    // The indicator's name is shown as it was entered; only our own words are in Traditional script.
    expect(r.summary['zh-Hant']).toBe('黃燈：指標「新建农村公路」完成1,100/2,500公里，低於時序進度（應達1,239.73），進度60%，最近一次反饋在10天前');
    expect(r.reasons[0]!.params.indicatorId).toBe('ind-1');
  });

  it('does not light a closed or suspended task', () => {
    expect(computeHealth(base({ state: 'closed', indicators: [road(10)] })).colour).toBe('none');
    expect(computeHealth(base({ state: 'suspended', indicators: [road(10)] })).colour).toBe('grey');
  });
});
