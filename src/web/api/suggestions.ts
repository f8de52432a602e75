/** Lead units suggested for a task, from the units' duties and the tasks they led before. */
import { useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import type { UnitSuggestion } from './drafts.ts';
import { keys } from './keys.ts';
import type { Items } from './types.ts';

export function useTaskSuggestions(taskId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...keys.task(taskId), 'suggestions'],
    queryFn: ({ signal }) => api.get<Items<UnitSuggestion>>(`/api/v1/tasks/${encodeURIComponent(taskId)}/suggestions`, undefined, signal),
    enabled,
  });
}
