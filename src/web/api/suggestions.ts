/** Lead units suggested for a task, from the units' duties and the tasks they led before. */
import { useQuery } from '@tanstack/react-query';
import { call } from './client.ts';
import { keys } from './keys.ts';

export function useTaskSuggestions(taskId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...keys.task(taskId), 'suggestions'],
    queryFn: ({ signal }) => call('GET /api/v1/tasks/:id/suggestions', { params: { id: taskId }, signal }),
    enabled,
  });
}
