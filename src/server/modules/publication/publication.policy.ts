/** Who may publish a programme and make reports public: the programme's own supervisors (Layer 2, plain data). */
import type { Actor } from '../../platform/auth/actor.ts';

export function canPublish(actor: Actor, supervisorIds: readonly string[]): boolean {
  return actor.kind === 'system' || (actor.roles.includes('supervisor') && actor.permissions.has('programme.manage') && supervisorIds.includes(actor.id));
}

/** Marking a report or evidence public: a supervisor of the programme with the review permission. */
export function canMarkPublic(actor: Actor, supervisorIds: readonly string[]): boolean {
  return actor.kind === 'system' || (actor.roles.includes('supervisor') && actor.permissions.has('report.review') && supervisorIds.includes(actor.id));
}
