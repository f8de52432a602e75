import { describe, expect, it } from 'vitest';
import { permissionsFor, type Role } from '../../../core/permissions.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { systemActor } from '../../platform/auth/actor.ts';
import { actualAbilities, canSeeActual, indicatorAbilities, indicatorCapacitiesOf, indicatorScopeOf } from './indicators.policy.ts';

const user = (id: string, roles: Role[], unitId = 'u-other'): Actor => ({ kind: 'user', id, username: id, displayName: id, unitId, roles, permissions: permissionsFor(roles), via: 'session' });
const SUPERVISORS = ['sup'];
const indicator = { responsibleUnitId: 'u-resp' };

const PEOPLE: Record<string, Actor> = {
  sup: user('sup', ['supervisor']),
  osup: user('osup', ['supervisor']),
  liaison: user('liaison', ['liaison'], 'u-resp'),
  otherLiaison: user('otherLiaison', ['liaison']),
  leader: user('leader', ['leader']),
  admin: user('admin', ['admin']),
  viewer: user('viewer', ['viewer']),
  system: systemActor('test'),
};

describe('indicator policy', () => {
  it.each<[string, { edit: boolean; report: boolean; review: boolean; addPeer: boolean }]>([
    ['sup', { edit: true, report: false, review: true, addPeer: true }],
    ['osup', { edit: false, report: false, review: false, addPeer: false }],
    ['liaison', { edit: false, report: true, review: false, addPeer: false }],
    ['otherLiaison', { edit: false, report: false, review: false, addPeer: false }],
    ['leader', { edit: false, report: false, review: false, addPeer: false }],
    ['admin', { edit: false, report: false, review: false, addPeer: false }],
    ['viewer', { edit: false, report: false, review: false, addPeer: false }],
    ['system', { edit: true, report: false, review: true, addPeer: true }],
  ])('%s may do %o', (who, abilities) => {
    const actor = PEOPLE[who]!;
    expect(indicatorAbilities(actor, indicatorCapacitiesOf(actor, indicator, SUPERVISORS))).toEqual(abilities);
  });

  it.each<[string, 'submitted' | 'accepted' | 'returned', boolean]>([
    ['viewer', 'submitted', false],
    ['viewer', 'accepted', true],
    ['otherLiaison', 'returned', false],
    ['liaison', 'returned', true],
    ['leader', 'submitted', true],
    ['osup', 'submitted', false],
    ['sup', 'submitted', true],
  ])('%s sees a %s figure: %s', (who, state, seen) => {
    const actor = PEOPLE[who]!;
    expect(canSeeActual(state, indicatorCapacitiesOf(actor, indicator, SUPERVISORS), actor)).toBe(seen);
  });

  it.each<[string, 'submitted' | 'accepted' | 'returned', string, { revise: boolean; addEvidence: boolean; accept: boolean; return: boolean }]>([
    ['liaison', 'submitted', 'liaison', { revise: true, addEvidence: true, accept: false, return: false }],
    ['liaison', 'accepted', 'liaison', { revise: false, addEvidence: false, accept: false, return: false }],
    ['sup', 'submitted', 'liaison', { revise: false, addEvidence: false, accept: true, return: true }],
    ['sup', 'returned', 'liaison', { revise: false, addEvidence: false, accept: false, return: false }],
    // Nobody reviews a figure they reported themselves.
    ['sup', 'submitted', 'sup', { revise: false, addEvidence: false, accept: false, return: false }],
  ])('%s on a %s figure reported by %s', (who, state, reportedBy, abilities) => {
    const actor = PEOPLE[who]!;
    expect(actualAbilities(actor, indicatorCapacitiesOf(actor, indicator, SUPERVISORS), { state, reportedBy })).toEqual(abilities);
  });

  it('scopes lists: everything for readers of all, programmes or the unit for the others', () => {
    expect(indicatorScopeOf(PEOPLE.viewer!)).toEqual({ all: true });
    expect(indicatorScopeOf(PEOPLE.sup!)).toEqual({ all: false, supervisorUserId: 'sup', liaisonUnitId: null });
    expect(indicatorScopeOf(PEOPLE.liaison!)).toEqual({ all: false, supervisorUserId: null, liaisonUnitId: 'u-resp' });
  });
});
