/** Who moderates a lead: the supervisors of its programme, and only they see its contact details and photo. */
import { type Actor, supervisesProgramme } from '../../platform/auth/actor.ts';
import type { Lead } from './leads.repository.ts';

export function canModerate(actor: Actor, supervisorIds: readonly string[]): boolean {
  return supervisesProgramme(actor, supervisorIds) && actor.permissions.has('programme.manage');
}

export interface LeadAbilities {
  accept: boolean;
  reject: boolean;
  merge: boolean;
  rectify: boolean;
}

/** What may be done next to a lead (for one of its moderators). */
export function leadAbilities(lead: Pick<Lead, 'state' | 'rectificationTaskId'>): LeadAbilities {
  const pending = lead.state === 'pending';
  return { accept: pending, reject: pending, merge: pending, rectify: lead.state === 'accepted' && lead.rectificationTaskId === null };
}
