/** Programmes (重点工作): the list, one programme with its counts by state and health, creating one by hand. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import { keys } from './keys.ts';
import type { Items } from './types.ts';

/** Mirrors `ProgrammeResponse` of src/server/modules/programmes/programmes.routes.ts. */
export interface Programme {
  id: string;
  title: string;
  description: string | null;
  status: string;
  healthThresholds: Record<string, unknown> | null;
  reminderConfig: Record<string, unknown> | null;
  completionPolicy: 'strict' | 'lenient';
  supervisorIds: string[];
  documentIds: string[];
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface ProgrammeStats {
  byState: Record<string, number>;
  byHealth: Record<string, number>;
}

export interface ProgrammeWithStats extends Programme {
  stats: ProgrammeStats;
}

export function useProgrammes() {
  return useQuery({
    queryKey: keys.programmes,
    queryFn: ({ signal }) => api.get<Items<Programme>>('/api/v1/programmes', undefined, signal),
    staleTime: 60_000,
  });
}

export function useProgramme(id: string | undefined) {
  return useQuery({
    queryKey: keys.programme(id ?? ''),
    queryFn: ({ signal }) => api.get<ProgrammeWithStats>(`/api/v1/programmes/${encodeURIComponent(id ?? '')}`, undefined, signal),
    enabled: Boolean(id),
  });
}

export function useCreateProgramme() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { title: string; description?: string | null; supervisorIds?: string[] }) =>
      api.post<Programme>('/api/v1/programmes', input),
    onSettled: () => qc.invalidateQueries({ queryKey: keys.programmes }),
  });
}

export interface ProgrammePatch {
  version: number;
  title?: string;
  description?: string | null;
  status?: 'active' | 'archived';
  healthThresholds?: Record<string, number> | null;
  completionPolicy?: 'strict' | 'lenient';
  supervisorIds?: string[];
}

/** Changes a programme's title, supervisors, completion policy or health rules (health is recomputed server-side). */
export function useUpdateProgramme(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: ProgrammePatch) => api.patch<Programme>(`/api/v1/programmes/${encodeURIComponent(id)}`, patch),
    onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: keys.programmes }), qc.invalidateQueries({ queryKey: keys.programme(id) })]),
  });
}
