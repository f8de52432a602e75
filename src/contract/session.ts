/** Sign-in and sign-out (`/api/v1/session`), the caller's own profile and password (`/api/v1/me`) and API tokens. */
import { Type, type Static } from 'typebox';
import { LOCALES } from '../core/locales.ts';
import { PERMISSIONS } from '../core/permissions.ts';
import { IdParams, NoContent, Nullable } from './common.ts';
import { endpoint } from './endpoint.ts';
import { Literals } from './literals.ts';
import { UserResponse } from './users.ts';

const Password = Type.String({ minLength: 1, maxLength: 256 });
export const LocaleSchema = Literals(LOCALES);

export const MeResponse = Type.Object({
  user: UserResponse,
  permissions: Type.Array(Literals(PERMISSIONS)),
  csrfToken: Nullable(Type.String()),
  /** Server limits the UI checks before sending (uploads are refused above them anyway). */
  limits: Type.Object({ uploadBytes: Type.Integer(), bodyBytes: Type.Integer(), filesPerRequest: Type.Integer() }),
});
export type MeResponse = Static<typeof MeResponse>;

export const SignInBody = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 64 }),
  password: Password,
}, { additionalProperties: false });
export type SignInBody = Static<typeof SignInBody>;

export const UpdateProfileBody = Type.Object({
  version: Type.Optional(Type.Integer({ minimum: 1 })),
  displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  email: Type.Optional(Nullable(Type.String({ maxLength: 254 }))),
  locale: Type.Optional(Nullable(LocaleSchema)),
}, { additionalProperties: false });
export type UpdateProfileBody = Static<typeof UpdateProfileBody>;

export const ChangePasswordBody = Type.Object({ currentPassword: Password, newPassword: Password }, { additionalProperties: false });
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;

/** An API token as its owner sees it: never the secret, which is shown once when it is created. */
export const ApiTokenResponse = Type.Object({
  id: Type.String(),
  name: Type.String(),
  prefix: Type.String(),
  createdAt: Type.String(),
  lastUsedAt: Nullable(Type.String()),
  expiresAt: Nullable(Type.String()),
  revokedAt: Nullable(Type.String()),
});
export type ApiTokenResponse = Static<typeof ApiTokenResponse>;

export const ApiTokenListResponse = Type.Object({ items: Type.Array(ApiTokenResponse) });
export type ApiTokenListResponse = Static<typeof ApiTokenListResponse>;

export const CreateApiTokenBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
}, { additionalProperties: false });
export type CreateApiTokenBody = Static<typeof CreateApiTokenBody>;

/** The new token's secret (shown once) and its record. */
export const CreateApiTokenResponse = Type.Object({ token: Type.String(), record: ApiTokenResponse });
export type CreateApiTokenResponse = Static<typeof CreateApiTokenResponse>;

export const sessionEndpoints = {
  signIn: endpoint({ method: 'POST', path: '/api/v1/session', body: SignInBody, response: { 200: MeResponse } }),
  signOut: endpoint({ method: 'DELETE', path: '/api/v1/session', response: { 204: NoContent } }),
  me: endpoint({ method: 'GET', path: '/api/v1/me', response: { 200: MeResponse } }),
  updateProfile: endpoint({ method: 'PATCH', path: '/api/v1/me', body: UpdateProfileBody, response: { 200: MeResponse } }),
  changePassword: endpoint({ method: 'POST', path: '/api/v1/me/password', body: ChangePasswordBody, response: { 204: NoContent } }),
  listTokens: endpoint({ method: 'GET', path: '/api/v1/me/tokens', response: { 200: ApiTokenListResponse } }),
  createToken: endpoint({ method: 'POST', path: '/api/v1/me/tokens', body: CreateApiTokenBody, response: { 201: CreateApiTokenResponse } }),
  revokeToken: endpoint({ method: 'DELETE', path: '/api/v1/me/tokens/:id', params: IdParams, response: { 204: NoContent } }),
};
