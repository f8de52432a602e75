/** The organisation tree: list, create, change (with the row's version), delete. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateUnitBody, UnitDuties, UnitResponse, UpdateUnitBody } from '../../contract/units.ts';
import { call } from './client.ts';
import { fieldsOf } from './fields.ts';
import { keys } from './keys.ts';

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

// What the UI reads of the answers fetched here (see fields.ts): a field the contract adds fails the build until listed.
export const unitFields = fieldsOf<UnitResponse>()({
  id: 'shown', name: 'shown', parentId: 'shown', headUserId: 'shown', sortOrder: 'shown', active: 'shown', duties: 'shown', version: 'shown',
  createdAt: 'shown', updatedAt: 'shown',
});
export const unitDutiesFields = fieldsOf<UnitDuties>()({ description: 'shown', keywords: 'shown' });
