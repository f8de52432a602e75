/** User → API shape. Never includes secrets. */
import type { UserResponse } from '../../../contract/users.ts';
import type { User } from './users.repository.ts';

export function presentUser(u: User): UserResponse {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    email: u.email,
    unitId: u.unitId,
    roles: [...u.roles],
    locale: u.locale,
    active: u.active,
    lastSignInAt: u.lastSignInAt?.toISOString() ?? null,
    version: u.version,
    createdAt: u.createdAt.toISOString(),
  };
}
