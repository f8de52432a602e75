/** The user directory and user administration. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateUserBody, CreateUserResponse, ResetPasswordResponse, UpdateUserBody, UserListQuery, UserResponse } from '../../contract/users.ts';
import { call } from './client.ts';
import { fieldsOf } from './fields.ts';
import { keys } from './keys.ts';

export type UserFilter = UserListQuery;

export function useUsers(filter: UserFilter = {}, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: keys.userList(filter),
    queryFn: ({ signal }) => call('GET /api/v1/users', { query: filter, signal }),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

export type CreateUserInput = CreateUserBody;

export type UserPatch = UpdateUserBody;

function useUserMutation<I, O>(fn: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    // Also after a failure: a 409 version_conflict means our copy is stale.
    onSettled: () => qc.invalidateQueries({ queryKey: keys.users }),
  });
}

export const useCreateUser = () =>
  useUserMutation((input: CreateUserInput) => call('POST /api/v1/users', { body: input }));

export const useUpdateUser = () =>
  useUserMutation(({ id, ...patch }: UserPatch & { id: string }) => call('PATCH /api/v1/users/:id', { params: { id }, body: patch }));

export const useResetPassword = () =>
  useUserMutation((id: string) => call('POST /api/v1/users/:id/password', { params: { id }, body: {} }));

// What the UI reads of the answers fetched here (see fields.ts): a field the contract adds fails the build until listed.
export const userFields = fieldsOf<UserResponse>()({
  id: 'shown', username: 'shown', displayName: 'shown', email: 'shown', unitId: 'shown', roles: 'shown', locale: 'shown', active: 'shown',
  lastSignInAt: 'shown', version: 'shown', createdAt: 'shown',
});
export const createUserFields = fieldsOf<CreateUserResponse>()({ user: 'shown', generatedPassword: 'shown' });
export const resetPasswordFields = fieldsOf<ResetPasswordResponse>()({ generatedPassword: 'shown' });
