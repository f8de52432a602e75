/** User → API shape. Never includes secrets. */
import { Type, type Static } from 'typebox';
import { Nullable } from '../../platform/http/schemas.ts';
import type { User } from './users.repository.ts';

export const UserResponse = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  email: Nullable(Type.String()),
  unitId: Type.String(),
  roles: Type.Array(Type.String()),
  locale: Nullable(Type.String()),
  active: Type.Boolean(),
  lastSignInAt: Nullable(Type.String()),
  version: Type.Integer(),
  createdAt: Type.String(),
});
export type UserResponse = Static<typeof UserResponse>;

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
