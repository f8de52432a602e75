/** Suggestion → API shape. */
import { Type, type Static } from 'typebox';
import type { Suggestion } from './suggestions.service.ts';

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

export function presentSuggestion(s: Suggestion): SuggestionResponse {
  return { unitId: s.unitId, unitName: s.unitName, score: s.score, reasons: [...s.reasons], similar: s.similar.map((x) => ({ ...x })) };
}
