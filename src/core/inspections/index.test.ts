import { describe, expect, it } from 'vitest';
import { findingStanding, moveInspection, planRevealed, type FindingStanding, type InspectionAction, type InspectionState } from './index.ts';

describe('inspection state machine', () => {
  it.each<[InspectionState, InspectionAction, FindingStanding[], string]>([
    ['planned', 'start', [], 'in_progress'],
    ['in_progress', 'report', ['open'], 'reporting'],
    ['reporting', 'close', [], 'closed'],
    ['reporting', 'close', ['rectified', 'not_applicable'], 'closed'],
    ['reporting', 'close', ['rectified', 'rectifying'], 'inspection_open_findings'],
    ['reporting', 'close', ['open'], 'inspection_open_findings'],
    ['planned', 'close', [], 'invalid_transition'],
    ['in_progress', 'start', [], 'invalid_transition'],
    ['closed', 'reopen', [], 'reporting'],
    ['reporting', 'reopen', [], 'invalid_transition'],
  ])('%s + %s with %j → %s', (from, action, standings, expected) => {
    const r = moveInspection(from, action, standings);
    expect(r.ok ? r.to : r.code).toBe(expected);
  });

  it('derives a finding standing from its task and its N/A acceptance', () => {
    expect(findingStanding({ taskState: null, notApplicable: false })).toBe('open');
    expect(findingStanding({ taskState: 'in_progress', notApplicable: false })).toBe('rectifying');
    expect(findingStanding({ taskState: 'closed', notApplicable: false })).toBe('rectified');
    expect(findingStanding({ taskState: null, notApplicable: true })).toBe('not_applicable');
  });

  it('reveals an unannounced plan only once it has been carried out', () => {
    expect(planRevealed('unannounced', 'planned')).toBe(false);
    expect(planRevealed('unannounced', 'in_progress')).toBe(false);
    expect(planRevealed('unannounced', 'reporting')).toBe(true);
    expect(planRevealed('special', 'planned')).toBe(true);
  });
});
