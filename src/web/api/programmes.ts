/** Programmes (重点工作): the list, one programme with its counts by state and health, creating one by hand. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import { keys } from './keys.ts';
import type { CreateProgrammeBody, ProgrammeListResponse, ProgrammeResponse, ProgrammeWithStatsResponse, UpdateProgrammeBody } from '../../contract/programmes.ts';

export type { ProgrammeResponse as Programme, ProgrammeWithStatsResponse as ProgrammeWithStats } from '../../contract/programmes.ts';

export function useProgrammes() {
  return useQuery({
    queryKey: keys.programmes,
    queryFn: ({ signal }) => api.get<ProgrammeListResponse>('/api/v1/programmes', undefined, signal),
    staleTime: 60_000,
  });
}

export function useProgramme(id: string | undefined) {
  return useQuery({
    queryKey: keys.programme(id ?? ''),
    queryFn: ({ signal }) => api.get<ProgrammeWithStatsResponse>(`/api/v1/programmes/${encodeURIComponent(id ?? '')}`, undefined, signal),
    enabled: Boolean(id),
  });
}

export function useCreateProgramme() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateProgrammeBody) => api.post<ProgrammeResponse>('/api/v1/programmes', input),
    onSettled: () => qc.invalidateQueries({ queryKey: keys.programmes }),
  });
}

export type ProgrammePatch = UpdateProgrammeBody;

/** Changes a programme's title, supervisors, completion policy or health rules (health is recomputed server-side). */
export function useUpdateProgramme(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: ProgrammePatch) => api.patch<ProgrammeResponse>(`/api/v1/programmes/${encodeURIComponent(id)}`, patch),
    onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: keys.programmes }), qc.invalidateQueries({ queryKey: keys.programme(id) })]),
  });
}
