/** Lead units suggested for a task: `GET /api/v1/tasks/:id/suggestions`. */
import { Type, type Static } from 'typebox';
import { IdParams, Items } from './common.ts';
import { endpoint } from './endpoint.ts';

export const SuggestionResponse = Type.Object({
  unitId: Type.String(),
  unitName: Type.String(),
  score: Type.Number(),
  /** The duty keywords the task's words matched. */
  reasons: Type.Array(Type.String()),
  /** Tasks this unit led before that read like this one. */
  similar: Type.Array(Type.Object({ taskId: Type.String(), title: Type.String() })),
});
export type SuggestionResponse = Static<typeof SuggestionResponse>;

export const suggestionsEndpoints = {
  forTask: endpoint({ method: 'GET', path: '/api/v1/tasks/:id/suggestions', params: IdParams, response: { 200: Items(SuggestionResponse) } }),
};
