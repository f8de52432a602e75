/** The organisation tree: list, create, change (with the row's version), delete. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from './client.ts';
import { keys } from './keys.ts';
import type { CreateUnitBody, UpdateUnitBody } from '../../contract/units.ts';

export function useUnits() {
  return useQuery({ queryKey: keys.units, queryFn: ({ signal }) => call('GET /api/v1/units', { signal }), staleTime: 60_000 });
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
  useUnitMutation((input: CreateUnitBody) => call('POST /api/v1/units', { body: input }));

export const useUpdateUnit = () =>
  useUnitMutation(({ id, ...patch }: UnitPatch & { id: string }) => call('PATCH /api/v1/units/:id', { params: { id }, body: patch }));

export const useDeleteUnit = () => useUnitMutation((id: string) => call('DELETE /api/v1/units/:id', { params: { id } }));
