/** The users module's rules, once: who reads and manages accounts, and the administrator who must remain. */
import type { Role } from '../../../core/permissions.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { User } from './users.repository.ts';

/** Whether a change takes the administrator role, or the account itself, from an active administrator. */
export function losesAdmin(before: Pick<User, 'roles' | 'active'>, change: { roles?: readonly Role[] | undefined; active?: boolean | undefined }): boolean {
  return before.roles.includes('admin') && before.active && ((change.roles !== undefined && !change.roles.includes('admin')) || change.active === false);
}

/** At least one active administrator must remain: the last one cannot lose the role or the account. */
export function mayRemoveAdmin(activeAdmins: number): boolean {
  return activeAdmins > 1;
}

/** Reading accounts; managing them (create, change, reset a password) is the administrators'. */
export function canReadUsers(actor: Actor): boolean {
  return actor.permissions.has('user.read');
}

export function canManageUsers(actor: Actor): boolean {
  return actor.permissions.has('user.manage');
}
