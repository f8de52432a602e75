/** Who reads which audit entries: the audit module's rule, once. */
import type { Actor } from '../../platform/auth/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { canReadDocuments } from '../documents/index.ts';
import { visibleDraftsWhere } from '../drafts/index.ts';
import { visibleProgrammesWhere } from '../programmes/index.ts';
import { visibleReportsWhere } from '../reports/index.ts';
import { visibleTasksWhere } from '../tasks/index.ts';
import { canReadUnits } from '../units/index.ts';
import type { AuditScope } from './audit.repository.ts';

/**
 * Whose entries the actor reads: administrators (and the system) all of them; anyone else the entries of the tasks,
 * reports, programmes, drafts, documents and units they may see — each by its own module's rule, so an entry never
 * shows more than the object's endpoint would — and their own account's.
 */
export function auditScopeOf(ctx: AppContext, actor: Actor): AuditScope {
  if (actor.kind === 'system' || actor.roles.includes('admin')) return { all: true };
  return {
    all: false,
    dialect: ctx.database.kind,
    userId: actor.id,
    tasks: visibleTasksWhere(actor),
    reports: visibleReportsWhere(actor),
    programmes: visibleProgrammesWhere(actor),
    drafts: visibleDraftsWhere(actor),
    documents: canReadDocuments(actor),
    units: canReadUnits(actor),
  };
}
