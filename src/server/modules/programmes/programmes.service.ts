/** Programme use cases: create by hand, list and read (scoped), change settings and supervisors, archive. */
import type { ExpressionBuilder, Kysely } from 'kysely';
import { resolveHealthThresholds, type CompletionPolicy, type HealthThresholds } from '../../../core/tasks/index.ts';
import { reminderConfigProblems, defaultReminderConfig, type ReminderConfig } from '../../../core/notices/index.ts';
import { cleanTitleText } from '../../../core/text.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/actor.ts';
import { appendAudit } from '../../platform/audit/audit-log.ts';
import type { AppContext } from '../../platform/context.ts';
import type { DB } from '../../platform/db/schema.ts';
import { toJson } from '../../platform/db/json.ts';
import { badRequest, forbidden, notFound, versionConflict } from '../../platform/errors.ts';
import { currentVersion } from '../../platform/db/sql-helpers.ts';
import { newId } from '../../platform/ids.ts';
import { programmeTaskCounts, scheduleProgrammeHealth, visibleTasksWhere } from '../tasks/index.ts';
import { canManageProgramme } from './programmes.policy.ts';
import { activeUsersWithRole } from '../users/index.ts';
import * as repo from './programmes.repository.ts';
import type { Programme } from './programmes.repository.ts';
import { setSupervisors } from '../supervision/index.ts';

export type { Programme } from './programmes.repository.ts';

function scopeOf(actor: Actor): Parameters<typeof repo.listProgrammes>[1] {
  if (actor.kind === 'system' || actor.roles.some((r) => r === 'leader' || r === 'admin' || r === 'viewer')) return { all: true };
  return {
    all: false,
    supervisorUserId: actor.roles.includes('supervisor') ? actor.id : null,
    unitId: actor.roles.includes('liaison') ? actor.unitId : null,
  };
}

/** A programme title: 1–300 characters with at least one visible one. */
function programmeTitle(raw: string): string {
  const title = cleanTitleText(raw, 300);
  if (title === null) throw badRequest('invalid_title', 'The title must have 1–300 characters, at least one of them visible');
  return title;
}

async function requireSupervisors(db: Kysely<DB>, ids: string[]): Promise<void> {
  if (ids.length === 0) throw badRequest('supervisors_required', 'A programme needs at least one supervisor');
  const ok = await activeUsersWithRole(db, ids, 'supervisor');
  const bad = ids.filter((id) => !ok.has(id));
  if (bad.length) throw badRequest('supervisor_invalid', 'Every supervisor must be an active user with the supervisor role');
}

/** The actor's programme scope as a WHERE clause on `programmes`, for other modules' lists (the audit log). */
export function visibleProgrammesWhere(actor: Actor) {
  const scope = scopeOf(actor);
  return (eb: ExpressionBuilder<DB, 'programmes'>) => repo.visibleProgrammeWhere(eb, scope);
}

export async function listProgrammes(ctx: AppContext, actor: Actor): Promise<Programme[]> {
  requirePermission(actor, 'programme.read');
  return repo.listProgrammes(ctx.db, scopeOf(actor));
}

/** Reads one programme the actor may see, or `programme_not_found`. */
export async function getProgramme(ctx: AppContext, actor: Actor, id: string, db: Kysely<DB> = ctx.db): Promise<Programme> {
  requirePermission(actor, 'programme.read');
  const p = await repo.findProgramme(db, id);
  if (!p) throw notFound('programme');
  const scope = scopeOf(actor);
  if (!scope.all) {
    const visible = await repo.listProgrammes(db, scope);
    if (!visible.some((v) => v.id === id)) throw notFound('programme');
  }
  return p;
}

export async function getProgrammeStats(ctx: AppContext, actor: Actor, id: string) {
  await getProgramme(ctx, actor, id);
  return programmeTaskCounts(ctx.db, id, visibleTasksWhere(actor));
}

export interface CreateProgrammeInput {
  title: string;
  description?: string | null;
  /** Defaults to the creator. */
  supervisorIds?: string[];
  documentIds?: string[];
}

/** Creates a programme inside the caller's transaction (publishing a draft does this too). */
export async function insertProgramme(trx: Kysely<DB>, actor: Actor, input: CreateProgrammeInput, now: Date): Promise<string> {
  const title = programmeTitle(input.title);
  const supervisorIds = input.supervisorIds ?? (actor.kind === 'user' ? [actor.id] : []);
  await requireSupervisors(trx, supervisorIds);
  const id = newId(now.getTime());
  await repo.insertProgramme(trx, {
    id,
    title,
    description: input.description?.trim() || null,
    status: 'active',
    health_thresholds_json: null,
    reminder_config_json: null,
    created_by: actor.kind === 'user' ? actor.id : null,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  });
  await setSupervisors(trx, id, [...new Set(supervisorIds)]);
  for (const documentId of new Set(input.documentIds ?? [])) await repo.linkDocument(trx, id, documentId);
  return id;
}

export async function createProgramme(ctx: AppContext, actor: Actor, input: CreateProgrammeInput): Promise<Programme> {
  requirePermission(actor, 'programme.manage');
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const id = await insertProgramme(trx, actor, input, now);
    const p = (await repo.findProgramme(trx, id))!;
    await appendAudit(trx, actor, { action: 'programme.created', objectType: 'programme', objectId: id, after: p }, now);
    return p;
  });
}

export interface UpdateProgrammeInput {
  version: number;
  title?: string;
  description?: string | null;
  status?: 'active' | 'archived';
  healthThresholds?: Partial<HealthThresholds> | null;
  reminderConfig?: Partial<ReminderConfig> | null;
  /** 'strict' (the default) or 'lenient'; see CompletionPolicy. */
  completionPolicy?: CompletionPolicy;
  supervisorIds?: string[];
}

/** A supervisor of the programme changes its settings; invalid thresholds are refused with every problem named. */
export async function updateProgramme(ctx: AppContext, actor: Actor, id: string, input: UpdateProgrammeInput): Promise<Programme> {
  requirePermission(actor, 'programme.manage');
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const before = await getProgramme(ctx, actor, id, trx);
    if (!canManageProgramme(actor, before)) throw forbidden('Only a supervisor of this programme can change it');
    const patch: Parameters<typeof repo.updateProgrammeRow>[2] = {};
    if (input.title !== undefined) patch.title = programmeTitle(input.title);
    if (input.description !== undefined) patch.description = input.description?.trim() || null;
    if (input.status !== undefined) patch.status = input.status;
    if (input.healthThresholds !== undefined) {
      if (input.healthThresholds) {
        const r = resolveHealthThresholds(input.healthThresholds);
        if (!r.ok) throw badRequest('thresholds_invalid', r.problems.join('; '));
      }
      patch.health_thresholds_json = toJson(input.healthThresholds);
    }
    if (input.reminderConfig !== undefined) {
      if (input.reminderConfig) {
        const problems = reminderConfigProblems({ ...defaultReminderConfig, ...input.reminderConfig });
        if (problems.length) throw badRequest('reminder_config_invalid', problems.join('; '));
      }
      patch.reminder_config_json = toJson(input.reminderConfig);
    }
    if (input.completionPolicy !== undefined) patch.completion_policy = input.completionPolicy;
    if (!(await repo.updateProgrammeRow(trx, id, patch, now, input.version))) {
      throw versionConflict('programme', await currentVersion(trx, 'programmes', id));
    }
    // New health rules reach every open task of the programme through the health job's next run.
    if (input.healthThresholds !== undefined) await scheduleProgrammeHealth(trx, id);
    if (input.supervisorIds !== undefined) {
      await requireSupervisors(trx, input.supervisorIds);
      await setSupervisors(trx, id, [...new Set(input.supervisorIds)]);
    }
    const after = (await repo.findProgramme(trx, id))!;
    await appendAudit(trx, actor, { action: input.status === 'archived' && before.status !== 'archived' ? 'programme.archived' : 'programme.updated', objectType: 'programme', objectId: id, before, after }, now);
    return after;
  });
}
