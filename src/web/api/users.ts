/** The user directory and user administration. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import { keys } from './keys.ts';
import type { CreateUserBody, CreateUserResponse, ResetPasswordResponse, UpdateUserBody, UserListQuery, UserListResponse, UserResponse } from '../../contract/users.ts';

export type UserFilter = UserListQuery;

export function useUsers(filter: UserFilter = {}, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: keys.userList(filter),
    queryFn: ({ signal }) => api.get<UserListResponse>('/api/v1/users', { ...filter }, signal),
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
  useUserMutation((input: CreateUserInput) =>
    api.post<CreateUserResponse>('/api/v1/users', input));

export const useUpdateUser = () =>
  useUserMutation(({ id, ...patch }: UserPatch & { id: string }) => api.patch<UserResponse>(`/api/v1/users/${encodeURIComponent(id)}`, patch));

export const useResetPassword = () =>
  useUserMutation((id: string) =>
    api.post<ResetPasswordResponse>(`/api/v1/users/${encodeURIComponent(id)}/password`, {}));
