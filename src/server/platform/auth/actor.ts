/** Who is acting: a signed-in user (via session or API token) or the system itself (CLI, scheduler, demo). */
import { PERMISSIONS, type Permission, type Role } from '../../../core/permissions.ts';
import { forbidden } from '../errors.ts';

export interface UserActor {
  kind: 'user';
  id: string;
  username: string;
  displayName: string;
  unitId: string;
  roles: readonly Role[];
  permissions: ReadonlySet<Permission>;
  via: 'session' | 'token';
}

export interface SystemActor {
  kind: 'system';
  /** Shown in the audit log, e.g. `cli`, `scheduler`, `demo`. */
  name: string;
  permissions: ReadonlySet<Permission>;
}

export type Actor = UserActor | SystemActor;

/** The operator at the command line or a background job: trusted with every permission. */
export function systemActor(name: string): SystemActor {
  return { kind: 'system', name, permissions: new Set(PERMISSIONS) };
}

/** Throws `forbidden` unless the actor holds the permission. */
export function requirePermission(actor: Actor, permission: Permission): void {
  if (!actor.permissions.has(permission)) throw forbidden(`Missing permission ${permission}`);
}

export function hasRole(actor: Actor, role: Role): boolean {
  return actor.kind === 'user' && actor.roles.includes(role);
}

/** The identity written into audit rows. */
export function auditIdentity(actor: Actor): { id: string | null; name: string } {
  return actor.kind === 'user' ? { id: actor.id, name: actor.username } : { id: null, name: `system:${actor.name}` };
}

/**
 * The one rule for "supervises this programme", used by every module's policy: the system does; a user does when they
 * hold the supervisor role and are named among the programme's supervisors (a user who lost the role no longer does).
 */
export function supervisesProgramme(actor: Actor, supervisorIds: readonly string[]): boolean {
  return actor.kind === 'system' || (actor.roles.includes('supervisor') && supervisorIds.includes(actor.id));
}
