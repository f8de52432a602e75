/** Suggestion → API shape. */
import type { SuggestionResponse } from '../../../contract/suggestions.ts';
import type { Suggestion } from './suggestions.service.ts';

export function presentSuggestion(s: Suggestion): SuggestionResponse {
  return { unitId: s.unitId, unitName: s.unitName, score: s.score, reasons: [...s.reasons], similar: s.similar.map((x) => ({ ...x })) };
}
