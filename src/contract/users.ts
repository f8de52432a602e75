/** Users: the directory (`GET /api/v1/users`) and user administration. Never a secret in a response. */
import { Type, type Static } from 'typebox';
import { ROLES } from '../core/permissions.ts';
import { IdParams, Nullable } from './common.ts';
import { endpoint } from './endpoint.ts';
import { Literals } from './literals.ts';

// Built from ROLES so the two cannot drift.
export const RoleSchema = Literals(ROLES);
const Password = Type.String({ minLength: 1, maxLength: 256 });

export const UserResponse = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  email: Nullable(Type.String()),
  unitId: Type.String(),
  roles: Type.Array(RoleSchema),
  locale: Nullable(Type.String()),
  active: Type.Boolean(),
  lastSignInAt: Nullable(Type.String()),
  version: Type.Integer(),
  createdAt: Type.String() });
export type UserResponse = Static<typeof UserResponse>;

export const UserListQuery = Type.Object({
  unitId: Type.Optional(Type.String()),
  role: Type.Optional(RoleSchema),
  active: Type.Optional(Type.Boolean()),
  q: Type.Optional(Type.String({ maxLength: 100 })) }, { additionalProperties: false });
export type UserListQuery = Static<typeof UserListQuery>;

export const UserListResponse = Type.Object({ items: Type.Array(UserResponse) });
export type UserListResponse = Static<typeof UserListResponse>;

export const CreateUserBody = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 64 }),
  displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  email: Type.Optional(Nullable(Type.String({ maxLength: 254 }))),
  unitId: Type.String({ minLength: 1 }),
  roles: Type.Array(RoleSchema, { minItems: 1 }),
  password: Type.Optional(Password) }, { additionalProperties: false });
export type CreateUserBody = Static<typeof CreateUserBody>;

/** The new user, and the generated password when none was given (shown once). */
export const CreateUserResponse = Type.Object({ user: UserResponse, generatedPassword: Nullable(Type.String()) });
export type CreateUserResponse = Static<typeof CreateUserResponse>;

export const UpdateUserBody = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  email: Type.Optional(Nullable(Type.String({ maxLength: 254 }))),
  unitId: Type.Optional(Type.String({ minLength: 1 })),
  roles: Type.Optional(Type.Array(RoleSchema, { minItems: 1 })),
  active: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
export type UpdateUserBody = Static<typeof UpdateUserBody>;

export const ResetPasswordBody = Type.Object({ password: Type.Optional(Password) }, { additionalProperties: false });
export type ResetPasswordBody = Static<typeof ResetPasswordBody>;

export const ResetPasswordResponse = Type.Object({ generatedPassword: Nullable(Type.String()) });
export type ResetPasswordResponse = Static<typeof ResetPasswordResponse>;

export const usersEndpoints = {
  list: endpoint({ method: 'GET', path: '/api/v1/users', querystring: UserListQuery, response: { 200: UserListResponse } }),
  create: endpoint({ method: 'POST', path: '/api/v1/users', body: CreateUserBody, response: { 201: CreateUserResponse } }),
  update: endpoint({ method: 'PATCH', path: '/api/v1/users/:id', params: IdParams, body: UpdateUserBody, response: { 200: UserResponse } }),
  resetPassword: endpoint({ method: 'POST', path: '/api/v1/users/:id/password', params: IdParams, body: ResetPasswordBody, response: { 200: ResetPasswordResponse } }) };
