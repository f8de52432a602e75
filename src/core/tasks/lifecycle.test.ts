import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CAPACITIES,
  TASK_ACTIONS,
  TASK_STATES,
  actionAbilities,
  availableActions,
  closeNeedsReason,
  impliedStartOnAcceptedReport,
  transition,
  transitionErrorKind,
  TRANSITION_ERROR_CODES,
  type Capacity,
  type TaskAction,
  type TaskGuards,
  type TaskState,
  type TransitionInput,
  type TransitionResult,
} from './lifecycle.ts';

const NOW = new Date('2024-06-01T02:00:00Z'); // 10:00 in Shanghai
const ACTOR = 'u-actor';
const LIAISON = 'u-liaison';

// The specification, written out independently of the implementation's table: states it may start from, who may do it, where it goes.
const SPEC: Record<TaskAction, { from: string; by: string; to: TaskState | 'same' | 'back' }> = {
  assign: { from: 'draft', by: 'supervisor', to: 'assigned' },
  sign: { from: 'assigned', by: 'leadLiaison', to: 'signed' },
  requestReassign: { from: 'assigned', by: 'leadLiaison', to: 'reassign_requested' },
  reassign: {
    from: 'assigned signed reassign_requested in_progress completion_requested suspended',
    by: 'supervisor',
    to: 'assigned',
  },
  start: { from: 'signed', by: 'leadLiaison', to: 'in_progress' },
  requestCompletion: { from: 'in_progress', by: 'leadLiaison', to: 'completion_requested' },
  returnCompletion: { from: 'completion_requested', by: 'supervisor', to: 'in_progress' },
  close: { from: 'completion_requested', by: 'supervisor', to: 'closed' },
  suspend: {
    from: 'assigned signed reassign_requested in_progress completion_requested',
    by: 'supervisor',
    to: 'suspended',
  },
  resume: { from: 'suspended', by: 'supervisor', to: 'back' },
  reopen: { from: 'closed', by: 'supervisor leader', to: 'in_progress' },
  requestExtension: { from: 'signed in_progress', by: 'leadLiaison', to: 'same' },
  approveExtension: { from: 'signed in_progress completion_requested suspended', by: 'supervisor leader', to: 'same' },
  refuseExtension: { from: 'signed in_progress completion_requested suspended', by: 'supervisor leader', to: 'same' },
};

/** Guards under which every action's own preconditions hold. */
function happyGuards(action: TaskAction, over: Partial<TaskGuards> = {}): TaskGuards {
  return {
    actorId: ACTOR,
    openChildren: 0,
    hasAcceptedReport: true,
    hasAcceptedEvidence: true,
    completionRequestedBy: LIAISON,
    suspendedFrom: 'signed',
    pendingExtension:
      action === 'requestExtension' ? null : { newDueDate: '2024-07-31', requestedBy: LIAISON, reason: '汛期停工' },
    dueDate: '2024-06-30',
    hasLeadUnit: true,
    finalReport: 'accepted',
    progress: 100,
    ...over,
  };
}

function input(action: TaskAction, from: TaskState, caps: Capacity[], over: Partial<TransitionInput> = {}): TransitionInput {
  return {
    action,
    from,
    capacities: new Set(caps),
    guards: happyGuards(action),
    now: NOW,
    reason: '理由',
    reviewDate: '2024-09-01',
    newDueDate: '2024-08-15',
    units: { leadUnitId: 'unit-b', coUnitIds: ['unit-c'] },
    ...over,
  };
}

function codeOf(r: TransitionResult): string {
  return r.ok ? `ok→${r.to}` : r.code;
}

describe('state × action × capacity matrix', () => {
  const cases = TASK_ACTIONS.flatMap((action) =>
    TASK_STATES.flatMap((state) => CAPACITIES.map((cap) => ({ action, state, cap }))),
  );
  it.each(cases)('$action from $state as $cap', ({ action, state, cap }) => {
    const spec = SPEC[action];
    const r = transition(input(action, state, [cap]));
    if (!spec.by.split(' ').includes(cap)) {
      expect(codeOf(r)).toBe('forbidden');
    } else if (!spec.from.split(' ').includes(state)) {
      expect(codeOf(r)).toBe('invalid_transition');
    } else {
      const to = spec.to === 'same' ? state : spec.to === 'back' ? 'signed' : spec.to;
      expect(codeOf(r)).toBe(`ok→${to}`);
    }
  });

  it('covers every combination', () => {
    expect(cases).toHaveLength(TASK_ACTIONS.length * TASK_STATES.length * CAPACITIES.length);
  });

  it('gives co-unit liaisons no lifecycle action: they report on their part, the lead unit moves the task', () => {
    for (const state of TASK_STATES) {
      expect(availableActions(state, new Set<Capacity>(['coLiaison']), happyGuards('close'))).toEqual([]);
    }
  });
});

describe('required inputs', () => {
  const missing: Array<[TaskAction, TaskState, Partial<TransitionInput>, string]> = [
    ['requestReassign', 'assigned', { reason: undefined }, 'reason_required'],
    ['requestReassign', 'assigned', { reason: '  \u3000 ' }, 'reason_required'],
    ['returnCompletion', 'completion_requested', { reason: '' }, 'reason_required'],
    ['suspend', 'in_progress', { reason: undefined }, 'reason_required'],
    ['suspend', 'in_progress', { reviewDate: undefined }, 'review_date_required'],
    ['suspend', 'in_progress', { reviewDate: '2024/09/01' }, 'review_date_invalid'],
    ['suspend', 'in_progress', { reviewDate: '2024-02-30' }, 'review_date_invalid'],
    ['suspend', 'in_progress', { reviewDate: '2024-06-01' }, 'review_date_invalid'], // today in Shanghai
    ['reopen', 'closed', { reason: undefined }, 'reason_required'],
    ['requestExtension', 'in_progress', { reason: undefined }, 'reason_required'],
    ['requestExtension', 'in_progress', { newDueDate: undefined }, 'due_date_required'],
    ['requestExtension', 'in_progress', { newDueDate: '30/07/2024' }, 'due_date_invalid'],
    ['requestExtension', 'in_progress', { newDueDate: '2024-06-30' }, 'due_date_not_later'],
    ['requestExtension', 'in_progress', { newDueDate: '2024-06-01' }, 'due_date_not_later'],
    ['approveExtension', 'in_progress', { newDueDate: '2024-06-29' }, 'due_date_not_later'],
    ['refuseExtension', 'in_progress', { reason: undefined }, 'reason_required'],
    ['reassign', 'in_progress', { units: undefined }, 'units_required'],
    ['reassign', 'in_progress', { units: { leadUnitId: ' ', coUnitIds: [] } }, 'units_required'],
    ['reassign', 'in_progress', { units: { leadUnitId: 'a', coUnitIds: ['a'] } }, 'units_invalid'],
    ['reassign', 'in_progress', { units: { leadUnitId: 'a', coUnitIds: ['b', 'b'] } }, 'units_invalid'],
    ['assign', 'draft', { units: { leadUnitId: 'a', coUnitIds: ['a'] } }, 'units_invalid'],
  ];
  it.each(missing)('%s from %s with %o → %s', (action, from, over, code) => {
    const caps: Capacity[] = SPEC[action].by.includes('leadLiaison') ? ['leadLiaison'] : ['supervisor'];
    expect(codeOf(transition(input(action, from, caps, over)))).toBe(code);
  });

  it('does not require a reason where the rules do not ask for one', () => {
    expect(transition(input('sign', 'assigned', ['leadLiaison'], { reason: undefined })).ok).toBe(true);
    expect(transition(input('close', 'completion_requested', ['supervisor'], { reason: undefined })).ok).toBe(true);
    expect(transition(input('approveExtension', 'in_progress', ['leader'], { reason: undefined })).ok).toBe(true);
  });

  it('returns the trimmed reason for the audit event', () => {
    const r = transition(input('suspend', 'in_progress', ['supervisor'], { reason: '\u3000等待上级批复 ' }));
    expect(r.ok && r.reason).toBe('等待上级批复');
  });
});

describe('guards', () => {
  const table: Array<[TaskAction, TaskState, Capacity, Partial<TaskGuards>, string]> = [
    ['close', 'completion_requested', 'supervisor', { openChildren: 2 }, 'children_open'],
    ['close', 'completion_requested', 'supervisor', { hasAcceptedEvidence: false }, 'evidence_required'],
    ['close', 'completion_requested', 'supervisor', { completionRequestedBy: ACTOR }, 'self_review'],
    ['close', 'completion_requested', 'leader', { completionRequestedBy: ACTOR }, 'forbidden'],
    ['close', 'completion_requested', 'supervisor', { completionRequestedBy: null }, 'ok→closed'],
    ['requestCompletion', 'in_progress', 'leadLiaison', { hasAcceptedReport: false, completionPolicy: 'lenient' }, 'report_required'],
    ['requestCompletion', 'in_progress', 'leadLiaison', { hasAcceptedReport: false, finalReport: 'submitted' }, 'ok→completion_requested'],
    ['requestCompletion', 'in_progress', 'leadLiaison', { finalReport: 'none' }, 'final_report_required'],
    ['requestCompletion', 'in_progress', 'leadLiaison', { openChildren: 1 }, 'children_open'],
    ['resume', 'suspended', 'supervisor', { suspendedFrom: null }, 'resume_state_unknown'],
    ['resume', 'suspended', 'supervisor', { suspendedFrom: 'completion_requested' }, 'ok→completion_requested'],
    ['resume', 'suspended', 'supervisor', { suspendedFrom: 'reassign_requested' }, 'ok→reassign_requested'],
    ['requestExtension', 'in_progress', 'leadLiaison', { pendingExtension: { newDueDate: '2024-07-01', requestedBy: 'x', reason: 'r' } }, 'extension_pending'],
    ['requestExtension', 'in_progress', 'leadLiaison', { dueDate: null }, 'no_due_date'],
    ['approveExtension', 'in_progress', 'supervisor', { pendingExtension: null }, 'no_extension_pending'],
    ['refuseExtension', 'in_progress', 'supervisor', { pendingExtension: null }, 'no_extension_pending'],
    ['approveExtension', 'in_progress', 'supervisor', { pendingExtension: { newDueDate: '2024-07-31', requestedBy: ACTOR, reason: 'r' } }, 'self_review'],
    ['assign', 'draft', 'supervisor', { hasLeadUnit: false }, 'ok→assigned'], // units given in the input
  ];
  it.each(table)('%s from %s as %s with %o → %s', (action, from, cap, guards, code) => {
    expect(codeOf(transition(input(action, from, [cap], { guards: happyGuards(action, guards) })))).toBe(code);
  });

  it('needs a lead unit to assign a draft', () => {
    const r = transition(input('assign', 'draft', ['supervisor'], { units: undefined, guards: happyGuards('assign', { hasLeadUnit: false }) }));
    expect(codeOf(r)).toBe('lead_unit_required');
    expect(!r.ok && r.field).toBe('leadUnitId');
    expect(transitionErrorKind.lead_unit_required).toBe('invalid');
    const r2 = transition(input('assign', 'draft', ['supervisor'], { units: undefined }));
    expect(r2.ok && r2.effects).toEqual({});
  });

  it('checks authorization before state, and state before inputs', () => {
    expect(codeOf(transition(input('close', 'draft', ['leadLiaison'], { reason: undefined })))).toBe('forbidden');
    expect(codeOf(transition(input('suspend', 'closed', ['supervisor'], { reason: undefined })))).toBe('invalid_transition');
  });

  it('accepts an actor holding several capacities', () => {
    expect(codeOf(transition(input('sign', 'assigned', ['coLiaison', 'leadLiaison'])))).toBe('ok→signed');
  });
});

describe('effects and events', () => {
  it('records who asked for completion, so that someone else must close', () => {
    const r = transition(input('requestCompletion', 'in_progress', ['leadLiaison'], { guards: happyGuards('requestCompletion', { actorId: LIAISON }) }));
    expect(r).toMatchObject({ ok: true, event: 'task.completion_requested', effects: { completionRequestedBy: LIAISON } });
    const back = transition(input('returnCompletion', 'completion_requested', ['supervisor']));
    expect(back).toMatchObject({ ok: true, to: 'in_progress', event: 'task.completion_returned', effects: { completionRequestedBy: null } });
  });

  it('remembers the suspended-from state and the review date', () => {
    const r = transition(input('suspend', 'completion_requested', ['supervisor']));
    expect(r).toMatchObject({ ok: true, to: 'suspended', effects: { suspendedFrom: 'completion_requested', reviewDate: '2024-09-01' } });
    const back = transition(input('resume', 'suspended', ['supervisor'], { guards: happyGuards('resume', { suspendedFrom: 'completion_requested' }) }));
    expect(back).toMatchObject({ ok: true, to: 'completion_requested', event: 'task.resumed', effects: { suspendedFrom: null, reviewDate: null } });
  });

  it('judges the review date by the Shanghai calendar, not UTC', () => {
    // 2024-06-01T17:00Z is already 2024-06-02 01:00 in Shanghai.
    const late = new Date('2024-06-01T17:00:00Z');
    expect(codeOf(transition(input('suspend', 'in_progress', ['supervisor'], { now: late, reviewDate: '2024-06-02' })))).toBe('review_date_invalid');
    expect(codeOf(transition(input('suspend', 'in_progress', ['supervisor'], { now: late, reviewDate: '2024-06-02', tz: 'UTC' })))).toBe('ok→suspended');
  });

  it('keeps the extension as a sub-state: the task keeps its state while waiting', () => {
    const req = transition(input('requestExtension', 'in_progress', ['leadLiaison'], { guards: happyGuards('requestExtension', { actorId: LIAISON }), reason: '汛期' }));
    expect(req).toMatchObject({
      ok: true,
      to: 'in_progress',
      event: 'task.extension_requested',
      effects: { pendingExtension: { newDueDate: '2024-08-15', requestedBy: LIAISON, reason: '汛期' } },
    });
    const approve = transition(input('approveExtension', 'in_progress', ['leader'], { newDueDate: undefined }));
    expect(approve).toMatchObject({ ok: true, to: 'in_progress', effects: { dueDate: '2024-07-31', pendingExtension: null } });
    const shorter = transition(input('approveExtension', 'in_progress', ['supervisor'], { newDueDate: '2024-07-15' }));
    expect(shorter).toMatchObject({ ok: true, effects: { dueDate: '2024-07-15' } });
    const refuse = transition(input('refuseExtension', 'suspended', ['supervisor']));
    expect(refuse).toMatchObject({ ok: true, to: 'suspended', event: 'task.extension_refused', effects: { pendingExtension: null } });
  });

  it('starts a fresh loop on reassignment', () => {
    const r = transition(input('reassign', 'suspended', ['supervisor']));
    expect(r).toEqual({
      ok: true,
      to: 'assigned',
      event: 'task.reassigned',
      reason: '理由',
      effects: {
        units: { leadUnitId: 'unit-b', coUnitIds: ['unit-c'] },
        completionRequestedBy: null,
        suspendedFrom: null,
        reviewDate: null,
        pendingExtension: null,
      },
    });
  });

  it('drops a pending extension on close and forgets the completion requester on reopen', () => {
    expect(transition(input('close', 'completion_requested', ['supervisor']))).toMatchObject({ ok: true, effects: { pendingExtension: null } });
    expect(transition(input('reopen', 'closed', ['leader']))).toMatchObject({ ok: true, to: 'in_progress', event: 'task.reopened', effects: { completionRequestedBy: null } });
  });

  it('starts a signed task when its first report is accepted, and only then', () => {
    expect(impliedStartOnAcceptedReport('signed')).toEqual({ to: 'in_progress', event: 'task.started' });
    for (const s of TASK_STATES.filter((x) => x !== 'signed')) expect(impliedStartOnAcceptedReport(s)).toBeNull();
  });
});

describe('abilities', () => {
  it('lists what a supervisor may do with a completion request', () => {
    expect(availableActions('completion_requested', new Set<Capacity>(['supervisor']), happyGuards('close'))).toEqual([
      'reassign',
      'returnCompletion',
      'close',
      'suspend',
      'approveExtension',
      'refuseExtension',
    ]);
  });

  it('explains why an action is not offered', () => {
    const a = actionAbilities('completion_requested', new Set<Capacity>(['supervisor']), happyGuards('close', { openChildren: 1 }));
    expect(a.close).toEqual({ allowed: false, code: 'children_open' });
    expect(a.sign).toEqual({ allowed: false, code: 'forbidden' });
    expect(a.resume).toEqual({ allowed: false, code: 'invalid_transition' });
  });

  it('agrees with transition for any facts, given valid parameters', () => {
    const guardsArb = fc.record({
      actorId: fc.constantFrom(ACTOR, LIAISON),
      openChildren: fc.nat(3),
      hasAcceptedReport: fc.boolean(),
      hasAcceptedEvidence: fc.boolean(),
      completionRequestedBy: fc.constantFrom(null, ACTOR, LIAISON),
      suspendedFrom: fc.constantFrom(null, 'assigned' as const, 'in_progress' as const),
      pendingExtension: fc.constantFrom(null, { newDueDate: '2024-07-31', requestedBy: LIAISON, reason: 'r' }),
      dueDate: fc.constantFrom(null, '2024-06-30'),
      hasLeadUnit: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.constantFrom(...TASK_STATES),
        fc.subarray([...CAPACITIES]),
        guardsArb,
        (state, caps, guards) => {
          const set = new Set<Capacity>(caps);
          const offered = availableActions(state, set, guards);
          for (const action of TASK_ACTIONS) {
            const r = transition({ ...input(action, state, caps), guards });
            // Only parameter checks may refuse an offered action; anything else means abilities lie to the UI.
            const refusedByParams = !r.ok && transitionErrorKind[r.code] === 'invalid';
            expect(offered.includes(action)).toBe(r.ok || refusedByParams);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('classifies every error code for the HTTP layer', () => {
    for (const code of TRANSITION_ERROR_CODES) expect(['forbidden', 'conflict', 'invalid']).toContain(transitionErrorKind[code]);
  });
});

describe('sound rules: 交办 needs a lead unit and a deadline not in the past', () => {
  // NOW is 2024-06-01 10:00 in Shanghai.
  const table: Array<[string, TaskAction, TaskState, Partial<TransitionInput>, Partial<TaskGuards>, string, string | undefined]> = [
    ['the task’s own deadline, in the future', 'assign', 'draft', { units: undefined }, {}, 'ok→assigned', undefined],
    ['a deadline given with the request', 'assign', 'draft', { units: undefined, dueDate: '2024-07-01' }, { dueDate: null }, 'ok→assigned', undefined],
    ['due today is allowed', 'assign', 'draft', { units: undefined, dueDate: '2024-06-01' }, {}, 'ok→assigned', undefined],
    ['no deadline at all', 'assign', 'draft', { units: undefined }, { dueDate: null }, 'due_date_required', 'dueDate'],
    ['the request clears the deadline', 'assign', 'draft', { units: undefined, dueDate: null }, {}, 'due_date_required', 'dueDate'],
    ['yesterday', 'assign', 'draft', { units: undefined, dueDate: '2024-05-31' }, {}, 'due_date_in_past', 'dueDate'],
    ['the task’s own deadline has passed', 'assign', 'draft', { units: undefined }, { dueDate: '2024-05-01' }, 'due_date_in_past', 'dueDate'],
    ['units given, no deadline', 'assign', 'draft', {}, { dueDate: null, hasLeadUnit: false }, 'due_date_required', 'dueDate'],
    ['no lead unit', 'assign', 'draft', { units: undefined }, { hasLeadUnit: false }, 'lead_unit_required', 'leadUnitId'],
    ['reassigning an overdue task without a new deadline', 'reassign', 'in_progress', {}, { dueDate: '2024-05-01' }, 'due_date_in_past', 'dueDate'],
    ['reassigning an overdue task with a new deadline', 'reassign', 'in_progress', { dueDate: '2024-09-30' }, { dueDate: '2024-05-01' }, 'ok→assigned', undefined],
    ['reassigning without a lead unit', 'reassign', 'in_progress', { units: undefined }, {}, 'units_required', 'leadUnitId'],
  ];
  it.each(table)('%s', (_name, action, from, over, guards, code, field) => {
    const r = transition(input(action, from, ['supervisor'], { ...over, guards: happyGuards(action, guards) }));
    expect(codeOf(r)).toBe(code);
    if (!r.ok) {
      expect(r.field).toBe(field);
      expect(transitionErrorKind[r.code]).toBe('invalid');
    }
  });
});

describe('sound rules: 申请办结 needs a final report; 销号 short of it needs a reason', () => {
  type Row = [string, TaskAction, Partial<TaskGuards>, string | undefined, string];
  const table: Row[] = [
    ['strict: no final report, no request', 'requestCompletion', { finalReport: 'none' }, undefined, 'final_report_required'],
    ['strict: a final report waiting for review is enough to ask', 'requestCompletion', { finalReport: 'submitted' }, undefined, 'ok→completion_requested'],
    ['strict: an accepted final report', 'requestCompletion', { finalReport: 'accepted' }, undefined, 'ok→completion_requested'],
    ['strict: an ordinary accepted report is not a final report', 'requestCompletion', { finalReport: 'none', hasAcceptedReport: true }, undefined, 'final_report_required'],
    ['lenient: an accepted report is enough', 'requestCompletion', { completionPolicy: 'lenient', finalReport: 'none', hasAcceptedReport: true }, undefined, 'ok→completion_requested'],
    ['lenient: nothing accepted', 'requestCompletion', { completionPolicy: 'lenient', finalReport: 'none', hasAcceptedReport: false }, undefined, 'report_required'],
    ['strict: 100 % with an accepted final report closes without a reason', 'close', { progress: 100, finalReport: 'accepted' }, undefined, 'ok→closed'],
    ['strict: 40 % without a reason', 'close', { progress: 40, finalReport: 'accepted' }, undefined, 'close_reason_required'],
    ['strict: 40 % with a reason', 'close', { progress: 40, finalReport: 'accepted' }, '阶段目标已完成，剩余工作并入明年任务', 'ok→closed'],
    ['strict: 100 % but the final report still waits for review', 'close', { progress: 100, finalReport: 'submitted' }, undefined, 'close_reason_required'],
    ['strict: 99.96 % rounds to 100 %', 'close', { progress: 99.96, finalReport: 'accepted' }, undefined, 'ok→closed'],
    ['strict: a blank reason is no reason', 'close', { progress: 40, finalReport: 'accepted' }, ' 　', 'close_reason_required'],
    ['lenient: 40 % closes without a reason', 'close', { completionPolicy: 'lenient', progress: 40, finalReport: 'none' }, undefined, 'ok→closed'],
  ];
  it.each(table)('%s', (_name, action, guards, reason, code) => {
    const from: TaskState = action === 'close' ? 'completion_requested' : 'in_progress';
    const cap: Capacity = action === 'close' ? 'supervisor' : 'leadLiaison';
    const r = transition(input(action, from, [cap], { reason, guards: happyGuards(action, guards) }));
    expect(codeOf(r)).toBe(code);
    if (!r.ok && r.code === 'close_reason_required') expect(r.field).toBe('reason');
  });

  it('keeps what the supervisor saw and said on the closure', () => {
    const r = transition(input('close', 'completion_requested', ['supervisor'], { reason: '剩余部分另行立项', guards: happyGuards('close', { progress: 40, finalReport: 'submitted' }) }));
    expect(r.ok && r.effects.closure).toEqual({ closedBy: ACTOR, at: NOW.toISOString(), reason: '剩余部分另行立项', progress: 40, finalReportAccepted: false });
    const reopened = transition(input('reopen', 'closed', ['supervisor']));
    expect(reopened.ok && reopened.effects.closure).toBeNull();
  });

  it('says why a reason is needed, and nothing when none is', () => {
    expect(closeNeedsReason({ progress: 40, finalReport: 'none' })).toEqual({ required: true, because: ['progress_below_100', 'final_report_not_accepted'] });
    expect(closeNeedsReason({ progress: 100, finalReport: 'accepted' })).toEqual({ required: false, because: [] });
    expect(closeNeedsReason({ progress: 10, finalReport: 'none', completionPolicy: 'lenient' })).toEqual({ required: false, because: [] });
  });
});

describe('extension decisions are kept on the task', () => {
  it('records an approval with the date granted and an optional reason', () => {
    const r = transition(input('approveExtension', 'in_progress', ['supervisor'], { reason: '汛期影响属实', newDueDate: '2024-08-15' }));
    expect(r.ok && r.effects.lastExtensionDecision).toEqual({
      decision: 'approved', decidedBy: ACTOR, at: NOW.toISOString(), reason: '汛期影响属实', requestedBy: LIAISON,
      requestedDueDate: '2024-07-31', previousDueDate: '2024-06-30', newDueDate: '2024-08-15',
    });
    const bare = transition(input('approveExtension', 'in_progress', ['supervisor'], { reason: undefined, newDueDate: undefined }));
    expect(bare.ok && bare.effects.lastExtensionDecision).toMatchObject({ decision: 'approved', reason: null, newDueDate: '2024-07-31' });
  });

  it('records a refusal with its reason and no new date', () => {
    const r = transition(input('refuseExtension', 'in_progress', ['leader'], { reason: '理由不充分' }));
    expect(r.ok && r.effects.lastExtensionDecision).toMatchObject({ decision: 'refused', reason: '理由不充分', newDueDate: null, previousDueDate: '2024-06-30' });
  });
});
