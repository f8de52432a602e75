import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, startOfLocalDay, toLocalDate } from '../time.ts';
import { computeHealth, defaultHealthThresholds, evaluateHealth, type HealthInput } from './health.ts';
import { nextHealthChange } from './health-schedule.ts';

// 12:00 in Shanghai on 2024-07-12.
const NOW = new Date('2024-07-12T04:00:00Z');
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000);
/** Midnight in Shanghai at the start of the given day, as an ISO instant. */
const midnight = (day: string) => startOfLocalDay(day).toISOString();

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

const next = (over: Partial<HealthInput>) => nextHealthChange(base(over))?.toISOString() ?? null;

describe('nextHealthChange: the date each rule flips', () => {
  it.each<[string, Partial<HealthInput>, string | null]>([
    ['draft: never', { state: 'draft' }, null],
    ['closed: never', { state: 'closed' }, null],
    ['suspended with a review date: the day after it', { state: 'suspended', reviewDate: '2024-08-01' }, midnight('2024-08-02')],
    ['suspended without a review date: never', { state: 'suspended', reviewDate: null }, null],
    // Monthly cadence (30 days): stale after 1.5 × 30 = 45 days, so yellow on day 46 after the report of 10 days ago.
    ['on track: the last report goes stale', {}, midnight(addDays('2024-07-02', 46))],
    ['due within the near-due window: blue 7 days before', { dueDate: '2024-07-25', progress: 100, cadence: null }, midnight('2024-07-18')],
    ['blue, due soon: red the day after the deadline', { dueDate: '2024-07-15', progress: 100, cadence: null }, midnight('2024-07-16')],
    ['overdue and nothing else: never again', { dueDate: '2024-07-01', progress: 100, cadence: null }, null],
    ['an open milestone: yellow the day after it', { milestones: [{ id: 'm', dueDate: '2024-07-20', done: false }], cadence: null, progress: 100 }, midnight('2024-07-21')],
    ['a late milestone: red after 14 days', { milestones: [{ id: 'm', dueDate: '2024-07-10', done: false }], cadence: null, progress: 100 }, midnight('2024-07-24')],
    ['a done milestone: only the deadline counts', { milestones: [{ id: 'm', dueDate: '2024-07-20', done: true }], cadence: null, progress: 100 }, midnight('2024-12-24')],
  ])('%s', (_name, over, expected) => {
    expect(next(over)).toBe(expected);
  });

  it('ends the grace period at its exact instant', () => {
    const assignedAt = new Date('2024-07-10T01:00:00Z');
    const at = nextHealthChange(base({ assignedAt, startDate: '2024-07-10', progress: 0, lastAcceptedReportAt: null }));
    expect(at?.toISOString()).toBe(new Date(assignedAt.getTime() + 7 * 86_400_000).toISOString());
    expect(computeHealth(base({ assignedAt, startDate: '2024-07-10', progress: 0, lastAcceptedReportAt: null })).reasons[0]?.code).toBe('grace_period');
  });

  it('finds the day progress falls behind schedule', () => {
    // 2024-01-01 → 2024-12-31 is 365 days; at 40 % progress yellow needs round(100·d/365) ≥ 55, i.e. d ≥ 199 (07-18).
    const input = base({ progress: 40, cadence: null });
    expect(evaluateHealth(input).colour).toBe('green');
    expect(next({ progress: 40, cadence: null })).toBe(midnight('2024-07-18'));
    expect(evaluateHealth({ ...input, now: new Date(midnight('2024-07-18')) }).colour).toBe('yellow');
    expect(evaluateHealth({ ...input, now: new Date(new Date(midnight('2024-07-18')).getTime() - 1) }).colour).toBe('green');
  });

  it('is never now or earlier', () => {
    const at = nextHealthChange(base({ dueDate: '2024-07-12', progress: 100, cadence: null }));
    expect(at!.getTime()).toBeGreaterThan(NOW.getTime());
  });
});

// The candidate days must be complete: walking day by day finds no change before the answer and one at it.
describe('nextHealthChange agrees with a day-by-day walk', () => {
  const day = fc.integer({ min: -120, max: 240 }).map((n) => addDays('2024-07-12', n));
  const input = fc.record({
    state: fc.constantFrom('assigned', 'signed', 'in_progress', 'completion_requested', 'suspended', 'reassign_requested'),
    dueDate: fc.option(day, { nil: null }),
    startDate: fc.option(day, { nil: null }),
    progress: fc.integer({ min: 0, max: 100 }),
    milestones: fc.array(fc.record({ id: fc.constant('m'), dueDate: day, done: fc.boolean() }), { maxLength: 3 }),
    lastAcceptedDaysAgo: fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }),
    cadence: fc.constantFrom(null, { kind: 'weekly' as const }, { kind: 'monthly' as const }, { kind: 'quarterly' as const }),
    returnsInARow: fc.integer({ min: 0, max: 4 }),
    reviewDate: fc.option(day, { nil: null }),
    assignedDaysAgo: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
    pending: fc.boolean(),
  });
  const sig = (i: HealthInput) => {
    const v = evaluateHealth(i, defaultHealthThresholds);
    return `${v.colour}|${v.reasons.map((r) => `${r.colour}:${r.code}`).join(',')}`;
  };

  it('for random tasks', () => {
    fc.assert(
      fc.property(input, (r) => {
        const i: HealthInput = {
          state: r.state as HealthInput['state'],
          dueDate: r.dueDate,
          startDate: r.startDate,
          progress: r.progress,
          milestones: r.milestones,
          lastAcceptedReportAt: r.lastAcceptedDaysAgo === null ? null : daysAgo(r.lastAcceptedDaysAgo),
          cadence: r.cadence,
          returnsInARow: r.returnsInARow,
          reviewDate: r.reviewDate,
          assignedAt: r.assignedDaysAgo === null ? null : daysAgo(r.assignedDaysAgo),
          pendingReportAt: r.pending ? daysAgo(1) : null,
          now: NOW,
        };
        const at = nextHealthChange(i);
        const now = sig(i);
        const limit = at ? at.getTime() : NOW.getTime() + 500 * 86_400_000;
        // Every day start and the grace instant before the answer keep the light; the answer changes it.
        for (let d = 1; ; d++) {
          const t = startOfLocalDay(addDays(toLocalDate(NOW), d)).getTime();
          if (t >= limit) break;
          expect(sig({ ...i, now: new Date(t) })).toBe(now);
          if (t + 86_400_000 - 1 < limit) expect(sig({ ...i, now: new Date(t + 86_400_000 - 1) })).toBe(now);
        }
        if (at) expect(sig({ ...i, now: at })).not.toBe(now);
      }),
      { numRuns: 300 },
    );
  });
});
