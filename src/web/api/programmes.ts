/** Programmes (重点工作): the list, one programme with its counts by state and health, creating one by hand. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateProgrammeBody, ProgrammeResponse, ProgrammeWithStatsResponse, UpdateProgrammeBody } from '../../contract/programmes.ts';
import { call } from './client.ts';
import { fieldsOf } from './fields.ts';
import { keys } from './keys.ts';

export type { ProgrammeResponse as Programme, ProgrammeWithStatsResponse as ProgrammeWithStats } from '../../contract/programmes.ts';

export function useProgrammes() {
  return useQuery({
    queryKey: keys.programmes,
    queryFn: ({ signal }) => call('GET /api/v1/programmes', { signal }),
    staleTime: 60_000,
  });
}

export function useProgramme(id: string | undefined) {
  return useQuery({
    queryKey: keys.programme(id ?? ''),
    queryFn: ({ signal }) => call('GET /api/v1/programmes/:id', { params: { id: id ?? '' }, signal }),
    enabled: Boolean(id),
  });
}

export function useCreateProgramme() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateProgrammeBody) => call('POST /api/v1/programmes', { body: input }),
    onSettled: () => qc.invalidateQueries({ queryKey: keys.programmes }),
  });
}

export type ProgrammePatch = UpdateProgrammeBody;

/** Changes a programme's title, supervisors, completion policy or health rules (health is recomputed server-side). */
export function useUpdateProgramme(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: ProgrammePatch) => call('PATCH /api/v1/programmes/:id', { params: { id }, body: patch }),
    onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: keys.programmes }), qc.invalidateQueries({ queryKey: keys.programme(id) })]),
  });
}

// What the UI reads of the answers fetched here (see fields.ts): a field the contract adds fails the build until listed.
export const programmeFields = fieldsOf<ProgrammeResponse>()({
  id: 'shown', title: 'shown', description: 'shown', status: 'shown', healthThresholds: 'shown', reminderConfig: 'ignored',
  completionPolicy: 'shown', supervisorIds: 'shown', documentIds: 'shown', createdAt: 'shown', updatedAt: 'shown', version: 'shown',
  abilities: 'shown',
});
export const programmeWithStatsFields = fieldsOf<ProgrammeWithStatsResponse>()({
  id: 'shown', title: 'shown', description: 'shown', status: 'shown', healthThresholds: 'shown', reminderConfig: 'ignored',
  completionPolicy: 'shown', supervisorIds: 'shown', documentIds: 'shown', createdAt: 'shown', updatedAt: 'shown', version: 'shown',
  abilities: 'shown', stats: 'shown',
});
