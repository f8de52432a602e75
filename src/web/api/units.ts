/** The organisation tree: list, create, change (with the row's version), delete. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import { keys } from './keys.ts';
import type { Items, Unit, UnitDuties } from './types.ts';

export function useUnits() {
  return useQuery({ queryKey: keys.units, queryFn: () => api.get<Items<Unit>>('/api/v1/units'), staleTime: 60_000 });
}

export interface UnitPatch {
  version: number;
  name?: string;
  parentId?: string | null;
  headUserId?: string | null;
  sortOrder?: number;
  active?: boolean;
  duties?: UnitDuties | null;
}

/** Every unit mutation refreshes the tree, also on failure: a 409 usually means our copy is stale. */
function useUnitMutation<I, O>(fn: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => qc.invalidateQueries({ queryKey: keys.units }),
  });
}

export const useCreateUnit = () =>
  useUnitMutation((input: { name: string; parentId: string | null }) => api.post<Unit>('/api/v1/units', input));

export const useUpdateUnit = () =>
  useUnitMutation(({ id, ...patch }: UnitPatch & { id: string }) => api.patch<Unit>(`/api/v1/units/${encodeURIComponent(id)}`, patch));

export const useDeleteUnit = () => useUnitMutation((id: string) => api.delete(`/api/v1/units/${encodeURIComponent(id)}`));
