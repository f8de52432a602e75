/**
 * Lead-unit suggestions (牵头单位建议) for draft and unassigned tasks: the units' duty profiles and the tasks they
 * led before, matched in the Simplified analysis form so either script finds the other.
 */
import { makeSuggester, type Suggester, type Suggestion } from '../../../core/assignment/suggest.ts';
import { analyseText } from '../../../core/intake/index.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { getTaskDetail, listAssignedTitles } from '../tasks/index.ts';
import { listUnitProfiles } from '../units/index.ts';

export type { Suggestion } from '../../../core/assignment/suggest.ts';

/** How many past assignments count as precedents: recent work says most about who does what now. */
const HISTORY = 5000;

const norm = (s: string): string => analyseText(s).norm;

/** A suggester over the current profiles and history; build one per request and use it for every task in it. */
export async function unitSuggester(ctx: AppContext): Promise<{ suggest(title: string, details?: readonly string[]): Suggestion[] }> {
  const [profiles, history] = await Promise.all([listUnitProfiles(ctx), listAssignedTitles(ctx.db, HISTORY)]);
  const suggester: Suggester = makeSuggester(
    profiles.map((p) => ({ unitId: p.unitId, unitName: p.unitName, keywords: p.duties.keywords.map(norm), description: norm(p.duties.description) })),
    history,
  );
  return { suggest: (title, details = []) => suggester.suggest({ title: norm(title), details: details.map(norm) }) };
}

/** Suggestions for one task the caller may assign. */
export async function suggestForTask(ctx: AppContext, actor: Actor, taskId: string): Promise<Suggestion[]> {
  requirePermission(actor, 'task.assign');
  const { task } = await getTaskDetail(ctx, actor, taskId);
  const suggester = await unitSuggester(ctx);
  return suggester.suggest(task.title, task.keyPoints.map((k) => k.text));
}
