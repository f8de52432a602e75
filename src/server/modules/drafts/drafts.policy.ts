/**
 * Layer 2 of authorization for drafts, on plain data. A draft is its author's work; once it publishes into a
 * programme, that programme's supervisors share it. Anyone else may not know it exists (404).
 */
import type { Actor } from '../../platform/auth/actor.ts';
import type { Draft } from './drafts.repository.ts';

/** Whether the actor may read and work on the draft, given the supervisors of the programme it publishes into. */
export function canWorkOnDraft(actor: Actor, draft: Pick<Draft, 'createdBy'>, programmeSupervisorIds: readonly string[]): boolean {
  if (actor.kind === 'system') return true;
  if (!actor.roles.includes('supervisor')) return false;
  return draft.createdBy === actor.id || programmeSupervisorIds.includes(actor.id);
}

/** The SQL scope of the actor's draft lists: everything (the system), or the drafts `canWorkOnDraft` allows. */
export type DraftScope = { all: true } | { all: false; userId: string | null };

export function draftScopeOf(actor: Actor): DraftScope {
  if (actor.kind === 'system') return { all: true };
  return { all: false, userId: actor.roles.includes('supervisor') ? actor.id : null };
}
