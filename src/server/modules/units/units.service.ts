/** Use cases of the organisation tree: create, rename, move, set head, deactivate, delete when unused. */
import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/auth/actor.ts';
import { appendAudit } from '../../platform/audit/audit-log.ts';
import type { AppContext } from '../../platform/context.ts';
import { isForeignKeyViolation, isUniqueViolation } from '../../platform/db/database.ts';
import type { DB } from '../../platform/db/schema.ts';
import { badRequest, conflict, forbidden, notFound, versionConflict } from '../../platform/errors.ts';
import { canManageUnits, canReadUnits } from './units.policy.ts';
import { currentVersion } from '../../platform/db/sql-helpers.ts';
import { newId } from '../../platform/ids.ts';
import * as repo from './units.repository.ts';
import { userDirectoryOf } from './user-directory.ts';
import type { Unit, UnitDuties } from './units.repository.ts';

export type { Unit } from './units.repository.ts';

function cleanName(name: string): string {
  const trimmed = name.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (!trimmed) throw badRequest('invalid_name', 'Unit name must not be empty');
  if (trimmed.length > 100) throw badRequest('invalid_name', 'Unit name must have at most 100 characters');
  return trimmed;
}

/** Every unit, active or not; the client builds the tree from `parentId`. */
export async function listUnits(ctx: AppContext, actor: Actor): Promise<Unit[]> {
  if (!canReadUnits(actor)) throw forbidden('Missing permission unit.read');
  return repo.listUnits(ctx.db);
}

/** Gets one unit or throws `unit_not_found`. */
export async function getUnit(db: Kysely<DB>, id: string): Promise<Unit> {
  const unit = await repo.findUnitById(db, id);
  if (!unit) throw notFound('unit');
  return unit;
}

export async function findUnitByName(ctx: AppContext, name: string): Promise<Unit | null> {
  return repo.findUnitByName(ctx.db, name.trim());
}

async function requireActiveParent(db: Kysely<DB>, parentId: string): Promise<Unit> {
  const parent = await repo.findUnitById(db, parentId);
  if (!parent) throw badRequest('parent_not_found', 'The parent unit does not exist');
  if (!parent.active) throw conflict('parent_inactive', 'The parent unit is deactivated');
  return parent;
}

async function requireHeadInUnit(ctx: AppContext, db: Kysely<DB>, unitId: string, headUserId: string): Promise<void> {
  const user = await userDirectoryOf(ctx).findUserUnit(db, headUserId);
  if (!user) throw badRequest('head_not_found', 'The unit head must be an existing user');
  if (user.unitId !== unitId) throw badRequest('head_not_in_unit', 'The unit head must belong to the unit');
}

export interface CreateUnitInput {
  name: string;
  parentId?: string | null;
  sortOrder?: number;
  duties?: UnitDuties | null;
}

/** Trims the description and keeps each keyword once; an empty profile is no profile. */
function cleanDuties(d: UnitDuties | null | undefined): UnitDuties | null {
  if (!d) return null;
  const description = d.description.trim();
  const keywords = [...new Set(d.keywords.map((k) => k.trim()).filter(Boolean))];
  for (const k of keywords) if (k.length > 30) throw badRequest('duty_keyword_too_long', `Duty keywords are short phrases (at most 30 characters): ${k.slice(0, 30)}…`);
  return description || keywords.length ? { description, keywords } : null;
}

export async function createUnit(ctx: AppContext, actor: Actor, input: CreateUnitInput): Promise<Unit> {
  if (!canManageUnits(actor)) throw forbidden('Missing permission unit.manage');
  const name = cleanName(input.name);
  const now = ctx.clock.now();
  const id = newId(now.getTime());
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      if (input.parentId) await requireActiveParent(trx, input.parentId);
      await repo.insertUnit(trx, { id, name, parentId: input.parentId ?? null, headUserId: null, sortOrder: input.sortOrder ?? 0, duties: cleanDuties(input.duties), now });
      const unit = await getUnit(trx, id);
      await appendAudit(trx, actor, { action: 'unit.created', objectType: 'unit', objectId: id, after: unit }, now);
      return unit;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('unit_name_taken', `A unit named ${name} already exists`);
    throw err;
  }
}

export interface UpdateUnitInput {
  version: number;
  name?: string;
  parentId?: string | null;
  headUserId?: string | null;
  sortOrder?: number;
  active?: boolean;
  duties?: UnitDuties | null;
}

/** Renames, moves, sets the head or (de)activates a unit, refusing cycles and lost updates. */
export async function updateUnit(ctx: AppContext, actor: Actor, id: string, input: UpdateUnitInput): Promise<Unit> {
  if (!canManageUnits(actor)) throw forbidden('Missing permission unit.manage');
  const now = ctx.clock.now();
  const patch: repo.UnitPatch = {};
  if (input.name !== undefined) patch.name = cleanName(input.name);
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const before = await getUnit(trx, id);
      if (input.parentId !== undefined && input.parentId !== before.parentId) {
        if (input.parentId !== null) {
          if (input.parentId === id) throw conflict('unit_cycle', 'A unit cannot be its own parent');
          await requireActiveParent(trx, input.parentId);
          // Walk up from the new parent: meeting this unit means the move would create a cycle.
          let cursor: string | null = input.parentId;
          for (let depth = 0; cursor && depth < 1000; depth++) {
            if (cursor === id) throw conflict('unit_cycle', 'A unit cannot move under its own descendant');
            cursor = (await repo.findUnitById(trx, cursor))?.parentId ?? null;
          }
        }
        patch.parentId = input.parentId;
      }
      if (input.headUserId !== undefined) {
        if (input.headUserId !== null) await requireHeadInUnit(ctx, trx, id, input.headUserId);
        patch.headUserId = input.headUserId;
      }
      if (input.sortOrder !== undefined) patch.sortOrder = input.sortOrder;
      if (input.duties !== undefined) patch.duties = cleanDuties(input.duties);
      if (input.active !== undefined && input.active !== before.active) {
        if (!input.active && (await repo.countActiveChildren(trx, id)) > 0) {
          throw conflict('unit_has_active_children', 'Deactivate or move the sub-units first');
        }
        if (input.active && before.parentId) await requireActiveParent(trx, before.parentId);
        patch.active = input.active;
      }
      if (!(await repo.updateUnitRow(trx, id, patch, now, input.version))) {
        throw versionConflict('unit', await currentVersion(trx, 'units', id));
      }
      const after = await getUnit(trx, id);
      const action =
        patch.active === false ? 'unit.deactivated'
        : patch.active === true ? 'unit.reactivated'
        : patch.parentId !== undefined ? 'unit.moved'
        : patch.duties !== undefined && Object.keys(patch).length === 1 ? 'unit.duties_updated'
        : 'unit.updated';
      await appendAudit(trx, actor, { action, objectType: 'unit', objectId: id, before, after }, now);
      return after;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('unit_name_taken', `A unit named ${patch.name ?? ''} already exists`);
    throw err;
  }
}

/** Deletes a unit that owns nothing; a unit with users, sub-units or work must be deactivated instead. */
export async function deleteUnit(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  if (!canManageUnits(actor)) throw forbidden('Missing permission unit.manage');
  const now = ctx.clock.now();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const before = await getUnit(trx, id);
      await repo.deleteUnitRow(trx, id);
      await appendAudit(trx, actor, { action: 'unit.deleted', objectType: 'unit', objectId: id, before }, now);
    });
  } catch (err) {
    // Foreign keys are the authority on "owns data": every table that refers to a unit declares it.
    if (isForeignKeyViolation(err)) {
      throw conflict('unit_in_use', 'This unit has users, sub-units or work attached; deactivate it instead');
    }
    throw err;
  }
}

/** The duty profiles of the active units, for suggesting lead units. */
export async function listUnitProfiles(ctx: AppContext): Promise<Array<{ unitId: string; unitName: string; duties: UnitDuties }>> {
  const units = await repo.listUnits(ctx.db);
  return units.filter((u) => u.active && u.duties).map((u) => ({ unitId: u.id, unitName: u.name, duties: u.duties! }));
}
