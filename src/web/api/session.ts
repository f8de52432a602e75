/** Sign-in, the signed-in user (`/api/v1/me`), profile, password and API tokens. */
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { ApiTokenResponse, ChangePasswordBody, CreateApiTokenBody, CreateApiTokenResponse, MeResponse, SignInBody, UpdateProfileBody } from '../../contract/session.ts';
import { ApiError, call, setCsrfToken } from './client.ts';
import { fieldsOf } from './fields.ts';
import { keys } from './keys.ts';

export type { ApiTokenResponse as ApiToken, MeResponse as Me } from '../../contract/session.ts';

/** The signed-in user, or null when there is no session. */
export async function fetchMe(): Promise<MeResponse | null> {
  try {
    const me = await call('GET /api/v1/me');
    setCsrfToken(me.csrfToken);
    return me;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw err;
  }
}

/**
 * Drops every cached answer except `me` itself: removing `me` would detach the observers that route guards rely on,
 * so it is overwritten instead.
 */
function forgetUserData(qc: QueryClient): void {
  qc.removeQueries({ predicate: (q) => !(q.queryKey.length === 1 && q.queryKey[0] === keys.me[0]) });
}

export function useMeQuery() {
  return useQuery({ queryKey: keys.me, queryFn: fetchMe, staleTime: 5 * 60_000, retry: false });
}

export function useSignIn() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: SignInBody) => call('POST /api/v1/session', { body: input }),
    onSuccess(me) {
      setCsrfToken(me.csrfToken);
      // Nothing cached for a previous user may show for this one.
      forgetUserData(qc);
      qc.setQueryData(keys.me, me);
    },
  });
}

/**
 * Ends the session on the server (a session that already ended counts as success). The caller then leaves with a full
 * page load to /signin, so nothing of this user survives in memory.
 */
export function useSignOut() {
  return useMutation({
    mutationFn: async () => {
      try {
        await call('DELETE /api/v1/session');
      } catch (err) {
        if (!(err instanceof ApiError && err.status === 401)) throw err;
      }
    },
    onSuccess: () => setCsrfToken(null),
  });
}

export type ProfilePatch = UpdateProfileBody;

export function useUpdateProfile() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: ProfilePatch) => call('PATCH /api/v1/me', { body: patch }),
    onSuccess(me) {
      setCsrfToken(me.csrfToken);
      qc.setQueryData(keys.me, me);
      // The directory shows display names too.
      void qc.invalidateQueries({ queryKey: keys.users });
    },
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (input: ChangePasswordBody) => call('POST /api/v1/me/password', { body: input }),
  });
}

export function useTokens() {
  return useQuery({ queryKey: keys.tokens, queryFn: () => call('GET /api/v1/me/tokens') });
}

export function useCreateToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateApiTokenBody) => call('POST /api/v1/me/tokens', { body: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.tokens }),
  });
}

export function useRevokeToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call('DELETE /api/v1/me/tokens/:id', { params: { id } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.tokens }),
  });
}

// What the UI reads of the answers fetched here (see fields.ts): a field the contract adds fails the build until listed.
export const meFields = fieldsOf<MeResponse>()({ user: 'shown', permissions: 'shown', csrfToken: 'shown', limits: 'shown' });
export const apiTokenFields = fieldsOf<ApiTokenResponse>()({
  id: 'shown', name: 'shown', prefix: 'shown', createdAt: 'shown', lastUsedAt: 'shown', expiresAt: 'shown', revokedAt: 'shown',
});
export const createApiTokenFields = fieldsOf<CreateApiTokenResponse>()({ token: 'shown', record: 'shown' });
