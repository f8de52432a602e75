import { describe, expect, it } from 'vitest';
import type { Capacity, TaskState } from '../tasks/lifecycle.ts';
import {
  REPORT_ACTIONS,
  REPORT_ERROR_CODES,
  REPORT_STATES,
  cadenceLengthDays,
  cadenceProblems,
  expectedPeriods,
  finalReportProblem,
  foldReportEvents,
  isLate,
  periodByKey,
  periodFor,
  reportErrorKind,
  reportTransition,
  returnStreak,
  startReport,
  type Cadence,
  type ReportAction,
  type ReportActor,
  type ReportContext,
  type ReportEvent,
  type ReportResult,
  type ReportSnapshot,
  type ReportState,
} from './report-lifecycle.ts';

const weekly: Cadence = { kind: 'weekly' };
const monthly: Cadence = { kind: 'monthly' };
const quarterly: Cadence = { kind: 'quarterly' };
const custom: Cadence = { kind: 'custom', dates: ['2024-06-30', '2024-03-31', '2024-12-31'] };

function brief(p: ReturnType<typeof periodFor>) {
  return p && { key: p.key, start: p.start, end: p.end, dueDate: p.dueDate, dueAt: p.dueAt.toISOString() };
}

describe('periodFor', () => {
  it.each([
    [weekly, '2024-01-31', { key: '2024-W05', start: '2024-01-29', end: '2024-02-04', dueDate: '2024-02-06', dueAt: '2024-02-06T16:00:00.000Z' }],
    [monthly, '2024-02-10', { key: '2024-02', start: '2024-02-01', end: '2024-02-29', dueDate: '2024-03-05', dueAt: '2024-03-05T16:00:00.000Z' }],
    [quarterly, '2024-12-31', { key: '2024-Q4', start: '2024-10-01', end: '2024-12-31', dueDate: '2025-01-05', dueAt: '2025-01-05T16:00:00.000Z' }],
    [{ kind: 'monthly', graceDays: 0 } as Cadence, '2024-03-01', { key: '2024-03', start: '2024-03-01', end: '2024-03-31', dueDate: '2024-03-31', dueAt: '2024-03-31T16:00:00.000Z' }],
    [custom, '2024-01-05', { key: '2024-03-31', start: null, end: '2024-03-31', dueDate: '2024-03-31', dueAt: '2024-03-31T16:00:00.000Z' }],
    [custom, '2024-04-01', { key: '2024-06-30', start: '2024-04-01', end: '2024-06-30', dueDate: '2024-06-30', dueAt: '2024-06-30T16:00:00.000Z' }],
    [custom, '2024-06-30', { key: '2024-06-30', start: '2024-04-01', end: '2024-06-30', dueDate: '2024-06-30', dueAt: '2024-06-30T16:00:00.000Z' }],
  ] as const)('%o on %s', (cadence, day, expected) => {
    expect(brief(periodFor(cadence, day))).toEqual(expected);
  });

  it('reads an instant on the Shanghai calendar', () => {
    // 2024-03-31T16:30Z is 1 April 00:30 in Shanghai.
    expect(periodFor(monthly, new Date('2024-03-31T16:30:00Z'))?.key).toBe('2024-04');
    expect(periodFor(monthly, new Date('2024-03-31T16:30:00Z'), 'UTC')?.key).toBe('2024-03');
  });

  it('has nothing after the last custom date', () => {
    expect(periodFor(custom, '2025-01-01')).toBeNull();
  });
});

describe('periodByKey', () => {
  it('accepts only keys of the cadence', () => {
    expect(periodByKey(monthly, '2024-03')?.end).toBe('2024-03-31');
    expect(periodByKey(monthly, '2024-Q1')).toBeNull();
    expect(periodByKey(weekly, '2024-03')).toBeNull();
    expect(periodByKey(quarterly, '2024-Q2')?.start).toBe('2024-04-01');
    expect(periodByKey(custom, '2024-05-01')).toBeNull();
  });
});

describe('expectedPeriods', () => {
  it('lists monthly periods overlapping the window, partial first period included', () => {
    expect(expectedPeriods(monthly, '2024-03-28', '2024-06-01').map((p) => p.key)).toEqual([
      '2024-03',
      '2024-04',
      '2024-05',
      '2024-06',
    ]);
  });

  it('crosses ISO week-years', () => {
    expect(expectedPeriods(weekly, '2020-12-25', '2021-01-12').map((p) => p.key)).toEqual([
      '2020-W52',
      '2020-W53',
      '2021-W01',
      '2021-W02',
    ]);
  });

  it('lists quarters', () => {
    expect(expectedPeriods(quarterly, '2024-02-01', '2024-12-31').map((p) => p.key)).toEqual(['2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4']);
  });

  it('lists custom dates overlapping the window', () => {
    expect(expectedPeriods(custom, '2024-04-15', '2024-07-01').map((p) => p.key)).toEqual(['2024-06-30', '2024-12-31']);
    expect(expectedPeriods(custom, '2024-04-15', '2024-06-30').map((p) => p.key)).toEqual(['2024-06-30']);
    expect(expectedPeriods(custom, '2025-01-01', '2025-06-30')).toEqual([]);
  });

  it('is empty for an inverted window', () => {
    expect(expectedPeriods(monthly, '2024-06-01', '2024-05-01')).toEqual([]);
  });

  it('tiles the calendar without gaps or overlaps', () => {
    for (const c of [weekly, monthly, quarterly]) {
      const ps = expectedPeriods(c, '2019-11-11', '2025-02-03');
      for (let i = 1; i < ps.length; i++) {
        const prev = ps[i - 1];
        const cur = ps[i];
        if (!prev || !cur || cur.start === null) throw new Error('missing period');
        expect(new Date(`${cur.start}T00:00:00Z`).getTime() - new Date(`${prev.end}T00:00:00Z`).getTime()).toBe(86_400_000);
      }
    }
  });
});

describe('a task due before its period ends reports by its due date', () => {
  it.each<[string, Cadence, string, string, string, string[], string]>([
    ['monthly, assigned 10 March, due 20 March: the March report is due on the 20th', monthly, '2024-03-10', '2024-04-30', '2024-03-20', ['2024-03:2024-03-20', '2024-04:2024-05-05'], '2024-03'],
    ['quarterly, due mid-quarter', quarterly, '2024-01-15', '2024-03-31', '2024-02-10', ['2024-Q1:2024-02-10'], '2024-Q1'],
    ['weekly, due on a Wednesday', weekly, '2024-03-04', '2024-03-12', '2024-03-06', ['2024-W10:2024-03-06', '2024-W11:2024-03-19'], '2024-W10'],
    ['custom, due before the first date', custom, '2024-04-15', '2024-07-01', '2024-05-20', ['2024-06-30:2024-05-20', '2024-12-31:2024-12-31'], '2024-06-30'],
    ['a deadline on the period’s last day changes nothing', monthly, '2024-03-10', '2024-03-31', '2024-03-31', ['2024-03:2024-04-05'], '2024-03'],
    ['a later period holding the deadline is due on it too', monthly, '2024-03-10', '2024-05-31', '2024-05-15', ['2024-03:2024-04-05', '2024-04:2024-05-05', '2024-05:2024-05-15'], '2024-05'],
  ])('%s', (_name, cadence, from, until, due, expected, clippedKey) => {
    expect(expectedPeriods(cadence, from, until, 'Asia/Shanghai', due).map((p) => `${p.key}:${p.dueDate}`)).toEqual(expected);
    const p = periodByKey(cadence, clippedKey, 'Asia/Shanghai', due);
    const dueDay = expected.find((e) => e.startsWith(`${clippedKey}:`))?.split(':')[1];
    // Late from the start of the next day in Shanghai.
    expect(p?.dueAt.toISOString()).toBe(new Date(Date.parse(`${dueDay}T00:00:00+08:00`) + 86_400_000).toISOString());
  });

  it('judges lateness by the deadline', () => {
    expect(isLate('2024-03', new Date('2024-03-21T01:00:00Z'), monthly, 'Asia/Shanghai', '2024-03-20')).toBe(true);
    expect(isLate('2024-03', new Date('2024-03-20T15:59:00Z'), monthly, 'Asia/Shanghai', '2024-03-20')).toBe(false);
    expect(isLate('2024-03', new Date('2024-03-21T01:00:00Z'), monthly)).toBe(false);
  });
});

describe('final reports', () => {
  it.each<[string, { summary: string | null; evidenceCount: number } | null, string | null]>([
    ['an ordinary report', null, null],
    ['summary and a file', { summary: '全年完成目标', evidenceCount: 1 }, null],
    ['no summary', { summary: null, evidenceCount: 2 }, 'final_summary_required'],
    ['a blank summary', { summary: ' \u3000', evidenceCount: 2 }, 'final_summary_required'],
    ['no file', { summary: '总结', evidenceCount: 0 }, 'final_evidence_required'],
  ])('%s', (_name, final, code) => {
    expect(finalReportProblem(final)?.code ?? null).toBe(code);
  });
});

describe('isLate', () => {
  it.each([
    ['2024-03', '2024-04-05T15:59:59Z', false], // 23:59:59 on the due day in Shanghai
    ['2024-03', '2024-04-05T16:00:00Z', true],
    ['2024-03', '2024-03-20T00:00:00Z', false],
    ['2099-01', '2024-03-20T00:00:00Z', false],
    ['not-a-key', '2030-01-01T00:00:00Z', false],
  ])('monthly %s submitted at %s → %s', (key, at, late) => {
    expect(isLate(key, new Date(at), monthly)).toBe(late);
  });

  it('uses the weekly grace of two days', () => {
    expect(isLate('2024-W05', new Date('2024-02-06T12:00:00Z'), weekly)).toBe(false);
    expect(isLate('2024-W05', new Date('2024-02-06T16:00:00Z'), weekly)).toBe(true);
  });

  it('takes a period object too', () => {
    const p = periodFor(quarterly, '2024-02-01');
    if (!p) throw new Error('no period');
    expect(isLate(p, new Date('2024-04-06T00:00:00Z'), quarterly)).toBe(true);
  });
});

describe('cadence helpers', () => {
  it('reports problems', () => {
    expect(cadenceProblems(monthly)).toEqual([]);
    expect(cadenceProblems({ kind: 'weekly', graceDays: -1 })).toHaveLength(1);
    expect(cadenceProblems({ kind: 'custom', dates: [] })).toHaveLength(1);
    expect(cadenceProblems({ kind: 'custom', dates: ['2024-02-30'] })).toHaveLength(1);
  });

  it('measures the nominal period length', () => {
    expect(cadenceLengthDays(weekly)).toBe(7);
    expect(cadenceLengthDays(monthly)).toBe(30);
    expect(cadenceLengthDays(quarterly)).toBe(91);
    expect(cadenceLengthDays(custom)).toBe(184);
    expect(cadenceLengthDays({ kind: 'custom', dates: ['2024-06-30'] })).toBeNull();
  });
});

// --- state machine ------------------------------------------------------------------------------------------

const NOW = new Date('2024-04-03T02:00:00Z');
const LEAD = 'unit-lead';
const CO = 'unit-co';
const AUTHOR = 'u-author';
const SUPERVISOR = 'u-sup';

function actor(userId: string, units: string[], caps: Capacity[] = []): ReportActor {
  return { userId, liaisonOf: new Set(units), capacities: new Set(caps) };
}
const author = actor(AUTHOR, [LEAD], ['leadLiaison']);
const coAuthor = actor('u-co', [CO], ['coLiaison']);
const supervisor = actor(SUPERVISOR, [], ['supervisor']);

function ctx(over: Partial<ReportContext> = {}): ReportContext {
  return { taskState: 'in_progress', taskUnitIds: [LEAD, CO], periodLocked: false, cadence: monthly, ...over };
}

function report(state: ReportState, over: Partial<ReportSnapshot> = {}): ReportSnapshot {
  return { state, unitId: LEAD, periodKey: '2024-03', revision: state === 'draft' ? 0 : 1, writerIds: [AUTHOR], ...over };
}

function code(r: ReportResult | ReturnType<typeof startReport>): string {
  return r.ok ? `ok→${r.to}` : r.code;
}

describe('report state × action × actor', () => {
  const SPEC: Record<ReportAction, { from: ReportState[]; to: ReportState | 'same'; by: 'writer' | 'reviewer' }> = {
    edit: { from: ['draft', 'returned'], to: 'same', by: 'writer' },
    submit: { from: ['draft', 'returned'], to: 'submitted', by: 'writer' },
    accept: { from: ['submitted'], to: 'accepted', by: 'reviewer' },
    return: { from: ['submitted'], to: 'returned', by: 'reviewer' },
  };
  const actors = { writer: author, coLiaison: coAuthor, reviewer: supervisor, admin: actor('u-admin', [], ['admin']), leader: actor('u-leader', [], ['leader']) };
  const cases = REPORT_ACTIONS.flatMap((action) =>
    REPORT_STATES.flatMap((state) => Object.keys(actors).map((who) => ({ action, state, who: who as keyof typeof actors }))),
  );
  it.each(cases)('$action a $state report as $who', ({ action, state, who }) => {
    const spec = SPEC[action];
    const r = reportTransition({ action, report: report(state), actor: actors[who], context: ctx(), now: NOW, reason: '佐证不足' });
    const canAct = spec.by === 'writer' ? who === 'writer' : who === 'reviewer';
    if (!canAct) expect(code(r)).toBe('forbidden');
    else if (!spec.from.includes(state)) expect(code(r)).toBe('invalid_transition');
    else expect(code(r)).toBe(`ok→${spec.to === 'same' ? state : spec.to}`);
  });
});

describe('report rules', () => {
  it('lets a co-unit report on its own part only', () => {
    const coReport = report('draft', { unitId: CO, writerIds: ['u-co'] });
    expect(code(reportTransition({ action: 'submit', report: coReport, actor: coAuthor, context: ctx(), now: NOW }))).toBe('ok→submitted');
    expect(code(reportTransition({ action: 'submit', report: coReport, actor: author, context: ctx(), now: NOW }))).toBe('forbidden');
    expect(code(startReport({ actor: coAuthor, unitId: CO, periodKey: '2024-03', context: ctx(), now: NOW }))).toBe('ok→draft');
    expect(code(startReport({ actor: coAuthor, unitId: LEAD, periodKey: '2024-03', context: ctx(), now: NOW }))).toBe('forbidden');
  });

  it('forbids reviewing a report one wrote, even as supervisor', () => {
    const both = actor(AUTHOR, [LEAD], ['supervisor', 'leadLiaison']);
    expect(code(reportTransition({ action: 'accept', report: report('submitted'), actor: both, context: ctx(), now: NOW }))).toBe('self_review');
    const edited = report('submitted', { writerIds: [AUTHOR, SUPERVISOR] });
    expect(code(reportTransition({ action: 'return', report: edited, actor: supervisor, context: ctx(), now: NOW, reason: 'x' }))).toBe('self_review');
  });

  it('requires a reason to return', () => {
    expect(code(reportTransition({ action: 'return', report: report('submitted'), actor: supervisor, context: ctx(), now: NOW, reason: ' \u3000' }))).toBe('reason_required');
  });

  it('refuses submissions on a locked period but still lets reviews through', () => {
    const locked = ctx({ periodLocked: true });
    expect(code(reportTransition({ action: 'submit', report: report('draft'), actor: author, context: locked, now: NOW }))).toBe('period_locked');
    expect(code(reportTransition({ action: 'submit', report: report('returned'), actor: author, context: locked, now: NOW }))).toBe('period_locked');
    expect(code(startReport({ actor: author, unitId: LEAD, periodKey: '2024-03', context: locked, now: NOW }))).toBe('period_locked');
    expect(code(reportTransition({ action: 'accept', report: report('submitted'), actor: supervisor, context: locked, now: NOW }))).toBe('ok→accepted');
  });

  it.each<[TaskState, string]>([
    ['draft', 'task_not_open'],
    ['assigned', 'task_not_open'],
    ['reassign_requested', 'task_not_open'],
    ['signed', 'ok→submitted'],
    ['in_progress', 'ok→submitted'],
    ['completion_requested', 'ok→submitted'],
    ['suspended', 'task_not_open'],
    ['closed', 'task_not_open'],
  ])('submitting on a %s task → %s', (taskState, expected) => {
    expect(code(reportTransition({ action: 'submit', report: report('draft'), actor: author, context: ctx({ taskState }), now: NOW }))).toBe(expected);
  });

  it('refuses a unit taken off the task', () => {
    expect(code(reportTransition({ action: 'submit', report: report('draft'), actor: author, context: ctx({ taskUnitIds: [CO] }), now: NOW }))).toBe('unit_not_on_task');
  });

  it('checks the period key against the cadence when opening a report', () => {
    expect(code(startReport({ actor: author, unitId: LEAD, periodKey: '2024-Q1', context: ctx(), now: NOW }))).toBe('period_invalid');
    expect(code(startReport({ actor: author, unitId: LEAD, periodKey: '专报-1', context: ctx({ cadence: null }), now: NOW }))).toBe('ok→draft');
  });

  it('marks a late submission', () => {
    const onTime = reportTransition({ action: 'submit', report: report('draft'), actor: author, context: ctx(), now: NOW });
    const late = reportTransition({ action: 'submit', report: report('draft'), actor: author, context: ctx(), now: new Date('2024-04-06T01:00:00Z') });
    expect(onTime).toMatchObject({ ok: true, event: { type: 'report.submitted', revision: 1, late: false } });
    expect(late).toMatchObject({ ok: true, event: { late: true } });
  });

  it('classifies every error code', () => {
    for (const c of REPORT_ERROR_CODES) expect(['forbidden', 'conflict', 'invalid']).toContain(reportErrorKind[c]);
  });
});

describe('history as events', () => {
  function run(): ReportEvent[] {
    const events: ReportEvent[] = [];
    const push = (r: ReportResult | ReturnType<typeof startReport>) => {
      if (!r.ok) throw new Error(r.code);
      events.push(r.event);
    };
    const t = (iso: string) => new Date(iso);
    push(startReport({ actor: author, unitId: LEAD, periodKey: '2024-03', context: ctx(), now: t('2024-04-01T01:00:00Z') }));
    let h = foldReportEvents(events);
    push(reportTransition({ action: 'submit', report: h, actor: author, context: ctx(), now: t('2024-04-02T01:00:00Z') }));
    h = foldReportEvents(events);
    push(reportTransition({ action: 'return', report: h, actor: supervisor, context: ctx(), now: t('2024-04-03T01:00:00Z'), reason: '缺少佐证材料' }));
    h = foldReportEvents(events);
    const colleague = actor('u-colleague', [LEAD]);
    push(reportTransition({ action: 'edit', report: h, actor: colleague, context: ctx(), now: t('2024-04-08T01:00:00Z') }));
    h = foldReportEvents(events);
    push(reportTransition({ action: 'submit', report: h, actor: colleague, context: ctx(), now: t('2024-04-08T02:00:00Z') }));
    h = foldReportEvents(events);
    push(reportTransition({ action: 'return', report: h, actor: supervisor, context: ctx(), now: t('2024-04-09T01:00:00Z'), reason: '数据口径不一致' }));
    h = foldReportEvents(events);
    push(reportTransition({ action: 'submit', report: h, actor: author, context: ctx(), now: t('2024-04-10T01:00:00Z') }));
    h = foldReportEvents(events);
    push(reportTransition({ action: 'accept', report: h, actor: supervisor, context: ctx(), now: t('2024-04-11T01:00:00Z') }));
    return events;
  }

  it('keeps every return, counts revisions and judges lateness on the first submission', () => {
    const h = foldReportEvents(run());
    expect(h).toEqual({
      state: 'accepted',
      unitId: LEAD,
      periodKey: '2024-03',
      revision: 3,
      writerIds: [AUTHOR, 'u-colleague'],
      returns: [
        { revision: 1, reason: '缺少佐证材料', actorId: SUPERVISOR, at: '2024-04-03T01:00:00.000Z' },
        { revision: 2, reason: '数据口径不一致', actorId: SUPERVISOR, at: '2024-04-09T01:00:00.000Z' },
      ],
      firstSubmittedAt: '2024-04-02T01:00:00.000Z',
      late: false,
      acceptedAt: '2024-04-11T01:00:00.000Z',
    });
  });

  it('rejects impossible histories', () => {
    const events = run();
    expect(() => foldReportEvents(events.slice(1))).toThrow(/starts with/);
    expect(() => foldReportEvents([...events, { type: 'report.returned', actorId: SUPERVISOR, at: '2024-05-01T00:00:00Z', revision: 3, reason: 'x' }])).toThrow(/cannot follow/);
    const [created] = events;
    if (!created) throw new Error('empty');
    expect(() => foldReportEvents([created, created])).toThrow(/only come first/);
  });

  it('counts returned reports in a row', () => {
    const d = (type: 'report.accepted' | 'report.returned', at: string) => ({ type, at });
    expect(returnStreak([])).toBe(0);
    expect(returnStreak([d('report.returned', '2024-01-01T00:00:00Z'), d('report.accepted', '2024-02-01T00:00:00Z')])).toBe(0);
    expect(
      returnStreak([
        d('report.returned', '2024-03-01T00:00:00Z'),
        d('report.accepted', '2024-02-01T00:00:00Z'),
        d('report.returned', '2024-04-01T00:00:00Z'),
        d('report.returned', '2024-01-01T00:00:00Z'),
      ]),
    ).toBe(2);
  });
});
