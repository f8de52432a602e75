/** Lead units suggested for a task, from the units' duties and the tasks they led before. */
import { useQuery } from '@tanstack/react-query';
import type { SuggestionResponse } from '../../contract/suggestions.ts';
import { call } from './client.ts';
import { fieldsOf } from './fields.ts';
import { keys } from './keys.ts';

export function useTaskSuggestions(taskId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...keys.task(taskId), 'suggestions'],
    queryFn: ({ signal }) => call('GET /api/v1/tasks/:id/suggestions', { params: { id: taskId }, signal }),
    enabled,
  });
}

// What the UI reads of the answers fetched here (see fields.ts): a field the contract adds fails the build until listed.
export const suggestionFields = fieldsOf<SuggestionResponse>()({
  unitId: 'shown', unitName: 'shown', score: 'shown', reasons: 'shown', similar: 'shown',
});
