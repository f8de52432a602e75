/** The organisation tree: list, create, change (with the row's version), delete. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import { keys } from './keys.ts';
import type { CreateUnitBody, UnitListResponse, UnitResponse, UpdateUnitBody } from '../../contract/units.ts';

export function useUnits() {
  return useQuery({ queryKey: keys.units, queryFn: () => api.get<UnitListResponse>('/api/v1/units'), staleTime: 60_000 });
}

export type UnitPatch = UpdateUnitBody;

/** Every unit mutation refreshes the tree, also on failure: a 409 usually means our copy is stale. */
function useUnitMutation<I, O>(fn: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => qc.invalidateQueries({ queryKey: keys.units }),
  });
}

export const useCreateUnit = () =>
  useUnitMutation((input: CreateUnitBody) => api.post<UnitResponse>('/api/v1/units', input));

export const useUpdateUnit = () =>
  useUnitMutation(({ id, ...patch }: UnitPatch & { id: string }) => api.patch<UnitResponse>(`/api/v1/units/${encodeURIComponent(id)}`, patch));

export const useDeleteUnit = () => useUnitMutation((id: string) => api.delete(`/api/v1/units/${encodeURIComponent(id)}`));
