/** Who reads which audit entries: the audit module's rule, once. */
import type { AuditIds, AuditVisibility } from '../../platform/audit/audit-read.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { canReadDocuments } from '../documents/index.ts';
import { draftIdsWhere, visibleDraftsWhere } from '../drafts/index.ts';
import { inspectionIdsSupervisedBy } from '../inspections/index.ts';
import { programmeIdsWhere, visibleProgrammesWhere } from '../programmes/index.ts';
import { campaignIdsSupervisedBy } from '../relays/index.ts';
import { reportIdsWhere, visibleReportsWhere } from '../reports/index.ts';
import { taskIdsWhere, visibleTasksWhere } from '../tasks/index.ts';
import { canReadUnits } from '../units/index.ts';

/** Entries whose object lives inside a task (or was deleted from one) name the task in their context. */
const TASK_PARTS = ['milestone', 'instruction', 'notice'];

/**
 * Whose entries the actor reads: administrators (and the system) all of them; anyone else the entries of the tasks,
 * reports, programmes, drafts, documents and units they may see — each by its own module's rule, so an entry never
 * shows more than the object's endpoint would — and their own account's.
 */
export function auditScopeOf(ctx: AppContext, actor: Actor): AuditVisibility {
  if (actor.kind === 'system' || actor.roles.includes('admin')) return { all: true };
  const userId = actor.id;
  const tasks = visibleTasksWhere(actor);
  const reports = visibleReportsWhere(actor);
  const programmes = visibleProgrammesWhere(actor);
  const drafts = visibleDraftsWhere(actor);
  const taskIds: AuditIds = (eb) => taskIdsWhere(eb, tasks);
  const reportIds: AuditIds = (eb) => reportIdsWhere(eb, reports);
  // 传达学习 and 督查 entries carry units' records and findings: only the supervisors of their programme see them.
  const campaignIds: AuditIds = (eb) => campaignIdsSupervisedBy(eb, userId);
  const inspectionIds: AuditIds = (eb) => inspectionIdsSupervisedBy(eb, userId);
  return {
    all: false,
    dialect: ctx.database.kind,
    rules: [
      { objectTypes: ['task'], objectId: taskIds },
      { objectTypes: TASK_PARTS, context: { key: 'taskId', ids: taskIds } },
      // A report's entries carry its content (drafts too), so they follow the report's own rule, not the task's.
      { objectTypes: ['report'], objectId: reportIds },
      { objectTypes: ['evidence'], context: { key: 'reportId', ids: reportIds } },
      { objectTypes: ['programme'], objectId: (eb) => programmeIdsWhere(eb, programmes) },
      { objectTypes: ['draft'], objectId: (eb) => draftIdsWhere(eb, drafts) },
      { objectTypes: ['user'], objectId: userId },
      { objectTypes: ['api_token', 'notification'], actorId: userId },
      ...(canReadDocuments(actor) ? [{ objectTypes: ['document'] }] : []),
      ...(canReadUnits(actor) ? [{ objectTypes: ['unit'] }] : []),
      { objectTypes: ['relay_campaign'], objectId: campaignIds },
      { objectTypes: ['relay_record', 'relay_evidence'], context: { key: 'campaignId', ids: campaignIds } },
      { objectTypes: ['inspection'], objectId: inspectionIds },
      { objectTypes: ['inspection_visit', 'inspection_finding', 'inspection_evidence'], context: { key: 'inspectionId', ids: inspectionIds } },
    ],
  };
}
