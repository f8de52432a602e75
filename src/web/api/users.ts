/** The user directory and user administration. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import { keys } from './keys.ts';
import type { Items, Role, User } from './types.ts';

export interface UserFilter {
  unitId?: string;
  role?: Role;
  active?: boolean;
  q?: string;
}

export function useUsers(filter: UserFilter = {}, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: keys.userList(filter),
    queryFn: ({ signal }) => api.get<Items<User>>('/api/v1/users', { ...filter }, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

export interface CreateUserInput {
  username: string;
  displayName?: string;
  email?: string | null;
  unitId: string;
  roles: Role[];
}

export interface UserPatch {
  version: number;
  displayName?: string;
  email?: string | null;
  unitId?: string;
  roles?: Role[];
  active?: boolean;
}

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
    api.post<{ user: User; generatedPassword: string | null }>('/api/v1/users', input));

export const useUpdateUser = () =>
  useUserMutation(({ id, ...patch }: UserPatch & { id: string }) => api.patch<User>(`/api/v1/users/${encodeURIComponent(id)}`, patch));

export const useResetPassword = () =>
  useUserMutation((id: string) =>
    api.post<{ generatedPassword: string | null }>(`/api/v1/users/${encodeURIComponent(id)}/password`, {}));
