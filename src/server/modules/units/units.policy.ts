/** Who reads and manages the organisation's units: the units module's rule, once (the audit scope asks it too). */
import type { Actor } from '../../platform/auth/actor.ts';

export function canReadUnits(actor: Actor): boolean {
  return actor.permissions.has('unit.read');
}

export function canManageUnits(actor: Actor): boolean {
  return actor.permissions.has('unit.manage');
}
