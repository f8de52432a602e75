import { describe, expect, it } from 'vitest';
import { permissionsFor, type Role } from '../../../core/permissions.ts';
import type { InspectionKind, InspectionState } from '../../../core/inspections/index.ts';
import type { UserActor } from '../../platform/auth/actor.ts';
import { canManageInspection, canRecord, canSeeInspection, canSeeUnitPart, type InspectionFacts } from './inspections.policy.ts';

const user = (id: string, roles: Role[], unitId = 'U-other'): UserActor => ({ kind: 'user', id, username: id, displayName: id, unitId, roles, permissions: permissionsFor(roles), via: 'session' });
const facts = (kind: InspectionKind, state: InspectionState): InspectionFacts => ({ kind, state, supervisorIds: ['sup'], memberIds: ['member'], targetUnitIds: ['U-target'], findingUnitIds: ['U-found'] });

const ACTORS = {
  sup: user('sup', ['supervisor']),
  osup: user('osup', ['supervisor']),
  member: user('member', ['supervisor']),
  leader: user('leader', ['leader']),
  admin: user('admin', ['admin']),
  target: user('target', ['liaison'], 'U-target'),
  found: user('found', ['liaison'], 'U-found'),
  other: user('other', ['liaison']),
  viewer: user('viewer', ['viewer']),
};
type Who = keyof typeof ACTORS;

describe('inspection policy', () => {
  // [kind, state, who sees it, who records in it]
  it.each<[InspectionKind, InspectionState, Who[], Who[]]>([
    ['special', 'planned', ['sup', 'member', 'leader', 'admin', 'target', 'found'], []],
    ['special', 'in_progress', ['sup', 'member', 'leader', 'admin', 'target', 'found'], ['sup', 'member']],
    ['unannounced', 'planned', ['sup', 'member', 'leader', 'admin'], []],
    ['unannounced', 'in_progress', ['sup', 'member', 'leader', 'admin'], ['sup', 'member']],
    ['unannounced', 'reporting', ['sup', 'member', 'leader', 'admin', 'target', 'found'], ['sup', 'member']],
    ['research', 'closed', ['sup', 'member', 'leader', 'admin', 'target', 'found', 'viewer'], []],
  ])('%s %s: seen by %j, recorded in by %j', (kind, state, seers, recorders) => {
    const f = facts(kind, state);
    for (const [who, actor] of Object.entries(ACTORS) as Array<[Who, UserActor]>) {
      expect({ who, sees: canSeeInspection(actor, f) }).toEqual({ who, sees: seers.includes(who) });
      expect({ who, records: canRecord(actor, f) }).toEqual({ who, records: recorders.includes(who) });
    }
  });

  it('manages only as a supervisor of the programme', () => {
    const f = facts('special', 'in_progress');
    expect((Object.keys(ACTORS) as Who[]).filter((w) => canManageInspection(ACTORS[w], f))).toEqual(['sup']);
  });

  it('shows a liaison only the parts addressed to its unit', () => {
    const f = facts('special', 'reporting');
    expect(canSeeUnitPart(ACTORS.found, f, 'U-found')).toBe(true);
    expect(canSeeUnitPart(ACTORS.found, f, 'U-target')).toBe(false);
    expect(canSeeUnitPart(ACTORS.found, f, null)).toBe(false);
    expect(canSeeUnitPart(ACTORS.member, f, 'U-target')).toBe(true);
    expect(canSeeUnitPart(ACTORS.viewer, facts('special', 'closed'), 'U-target')).toBe(true);
  });
});
